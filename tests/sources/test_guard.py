"""The private-address guard: ``addresses.refusal`` alone, and ``fetch`` refusing loopback
names, numeric forms and redirects to them against the loopback server (``local_server``).

No address outside the machine is dialled: every refused case is refused before connecting,
and every accepted one is 127.0.0.1.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from dehusk.errors import FetchRefused
from dehusk.sources.addresses import refusal, unwrap
from dehusk.sources.url import fetch

REFUSED = {
    "127.0.0.1": "loopback",
    "127.1.2.3": "loopback",
    "::1": "loopback",
    "[::1]": "loopback",
    "0.0.0.0": "unspecified",
    "::": "unspecified",
    "10.1.2.3": "private network",
    "172.16.0.1": "private network",
    "192.168.1.1": "private network",
    "fd12::1": "private network",
    "169.254.169.254": "cloud metadata service",
    "fe80::1%eth0": "link-local",
    "100.100.100.200": "cloud metadata service",
    "100.64.0.1": "carrier-grade NAT",
    "168.63.129.16": "cloud platform service",
    "fd00:ec2::254": "cloud metadata service",
    "224.0.0.1": "multicast",
    "::ffff:127.0.0.1": "loopback (inside ::ffff:7f00:1)",
    "::ffff:10.0.0.1": "private network",
    "2002:7f00:1::": "loopback (inside 2002:7f00:1::)",  # 6to4 of 127.0.0.1
    "64:ff9b::a9fe:a9fe": "cloud metadata service",  # NAT64 of 169.254.169.254
    "::7f00:1": "loopback",  # IPv4-compatible
    "localhost": "loopback name",
    "api.localhost.": "loopback name",
}


@pytest.mark.parametrize(("address", "reason"), REFUSED.items())
def test_refused_addresses(address: str, reason: str) -> None:
    said = refusal(address)
    assert said is not None and said.startswith(reason)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_global_addresses_and_names_pass(address: str) -> None:
    assert refusal(address) is None
    assert refusal("example.org") is None  # a name: its resolved addresses are judged


def test_unwrap_leaves_plain_ipv6_alone() -> None:
    import ipaddress

    plain = ipaddress.ip_address("2606:4700::1")
    assert unwrap(plain) == plain
    assert str(unwrap(ipaddress.ip_address("::ffff:8.8.8.8"))) == "8.8.8.8"


def _port(server: str) -> str:
    return server.rsplit(":", 1)[1]


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "0x7f.1", "2130706433", "[::1]", "[::ffff:127.0.0.1]", "0"],
)
def test_fetch_refuses_loopback_in_every_spelling(local_server: str, host: str) -> None:
    with pytest.raises(FetchRefused, match="refused address"):
        fetch(f"http://{host}:{_port(local_server)}/page", timeout=2)


def _loopback_only_first(address: str) -> str | None:
    """A policy that lets the test server's own 127.0.0.1 in and judges the rest as usual."""
    return None if address == "127.0.0.1" else refusal(address)


@pytest.mark.parametrize("target", ["localhost", "127.0.0.2", "[::1]", "0x7f.2", "[::ffff:7f00:1]"])
def test_every_redirect_is_judged_again(local_server: str, target: str) -> None:
    # The first hop (127.0.0.1) is let in by the policy; the redirect to another loopback
    # spelling is judged again and refused before any connection to it.
    assert fetch(f"{local_server}/page", policy=_loopback_only_first).status == 200
    url = f"http://{target}:{_port(local_server)}/page"
    with pytest.raises(FetchRefused, match="refused address"):
        fetch(f"{local_server}/to?{quote(url)}", policy=_loopback_only_first, timeout=2)


def test_allow_private_fetches_loopback(local_server: str) -> None:
    assert fetch(f"{local_server}/page", allow_private=True).status == 200


def test_one_resolution_per_hop_and_the_judged_address_is_dialled(
    local_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A spy around the real resolver and the real connect: each hop resolves its host once,
    # and the socket connects to exactly the address that was judged (no second lookup that
    # a rebinding DNS server could answer differently).
    import socket

    looked_up: list[str] = []
    dialled: list[str] = []
    judged: list[str] = []
    resolve, connect = socket.getaddrinfo, socket.socket.connect

    def spy_resolve(host, *args, **kw):
        looked_up.append(host)
        return resolve(host, *args, **kw)

    def spy_connect(self, address):
        dialled.append(address[0])
        return connect(self, address)

    def policy(address: str) -> str | None:
        judged.append(address)
        return None if address in ("127.0.0.1", "localhost") else refusal(address)

    monkeypatch.setattr(socket, "getaddrinfo", spy_resolve)
    monkeypatch.setattr(socket.socket, "connect", spy_connect)
    fetch(f"http://localhost:{_port(local_server)}/redirect/1", policy=policy, timeout=5)
    assert looked_up == ["localhost"] * 3  # the first URL and two redirects, once each
    assert set(dialled) <= {"127.0.0.1", "::1"} and len(dialled) == 3
    assert all(address in judged for address in dialled)
