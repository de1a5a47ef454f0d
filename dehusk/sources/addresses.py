"""Which network addresses a guarded fetch may connect to: globally routable ones only.

In: one address as text (``"127.0.0.1"``, ``"::ffff:10.0.0.1"``) or a host name. Out:
``refusal(address)`` — ``None`` when the address may be dialled, else the reason it may
not, one short phrase ("loopback", "private network"…).

Why each step, because a fetcher run on behalf of others (the web service) must not be
turned on the machine's own network (server-side request forgery):

- IPv6 forms that *carry* an IPv4 address are unwrapped first and the IPv4 address is
  judged: ``::ffff:127.0.0.1`` (IPv4-mapped) reaches 127.0.0.1 on a dual-stack socket;
  ``2002:7f00:1::`` (6to4) and ``64:ff9b::7f00:1`` (NAT64) are routed to it by a relay or
  gateway, and Python calls both ``is_global``; the deprecated IPv4-compatible ``::a.b.c.d``
  likewise.
- Then only ``is_global`` passes (IANA's special-purpose registries): this refuses
  loopback, private ranges, link-local (where 169.254.169.254, the cloud metadata service,
  lives), ``0.0.0.0``/``::``, carrier-grade NAT 100.64.0.0/10 (Alibaba's metadata service
  at 100.100.100.200), documentation and benchmark ranges, unique-local IPv6.
- Multicast is refused although Python calls some of it global: a page is never there.
- ``METADATA`` lists cloud metadata endpoints by address, the ones already refused above
  and Azure's 168.63.129.16, which *is* a global address and so needs its own entry.

A host name is not judged here (the caller resolves it and judges each address); the
name ``localhost`` and its subdomains are refused without a lookup, as RFC 6761 reserves
them for loopback whatever a resolver answers.
"""

from __future__ import annotations

import ipaddress
from typing import Final

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Cloud metadata endpoints (each is refused with this name as the reason).
METADATA: Final[dict[Address, str]] = {
    ipaddress.ip_address("169.254.169.254"): "cloud metadata service",  # AWS, GCP, Azure, …
    ipaddress.ip_address("fd00:ec2::254"): "cloud metadata service",  # AWS over IPv6
    ipaddress.ip_address("100.100.100.200"): "cloud metadata service",  # Alibaba Cloud
    ipaddress.ip_address("168.63.129.16"): "cloud platform service",  # Azure, a global address
}

#: NAT64 prefixes whose last 32 bits are the IPv4 address reached (RFC 6052, RFC 8215).
NAT64: Final = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE: Final = ipaddress.ip_network("::/96")


def unwrap(address: Address) -> Address:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, compatible), else itself."""
    if isinstance(address, ipaddress.IPv4Address):
        return address
    carried = address.ipv4_mapped or address.sixtofour
    if carried is not None:
        return carried
    if any(address in net for net in NAT64) or (
        address in _IPV4_COMPATIBLE and int(address) > 0xFFFF
    ):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def _kind(address: Address) -> str:
    """A short name of the special range an address is in (for the refusal message)."""
    for test, name in (
        ("is_loopback", "loopback"),
        ("is_unspecified", "unspecified address"),
        ("is_link_local", "link-local"),
        ("is_private", "private network"),
        ("is_multicast", "multicast"),
        ("is_reserved", "reserved range"),
    ):
        if getattr(address, test):
            return name
    if address in ipaddress.ip_network("100.64.0.0/10"):
        return "carrier-grade NAT"
    return "not globally routable"


def refusal(text: str) -> str | None:
    """Why ``text`` (an address or host name) may not be dialled, or ``None`` when it may.

    A host name other than ``localhost`` gives ``None``: resolve it and ask for each address.
    """
    name = text.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return "loopback name (RFC 6761)"
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return None
    inner = unwrap(address)
    via = f" (inside {address})" if inner != address else ""
    if inner in METADATA:
        return METADATA[inner] + via
    if not inner.is_global or inner.is_multicast:
        return _kind(inner) + via
    return None
