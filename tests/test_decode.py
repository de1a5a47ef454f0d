"""decode: the HTML standard's order, and no mojibake."""

import codecs
import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dehusk._native.walk import double_encoding_suspect, lone_surrogates
from dehusk.decode import declared_charset, decode, looks_binary
from dehusk.errors import DecodeError, InputTooLarge


def test_str_passes_through() -> None:
    assert decode("<p>café</p>") == ("<p>café</p>", ())


def test_bom_wins_over_everything() -> None:
    data = codecs.BOM_UTF8 + '<meta charset="windows-1252"><p>café</p>'.encode()
    text, _ = decode(data, encoding="iso-8859-1")
    assert "café" in text and not text.startswith("\ufeff")


def test_utf16_bom() -> None:
    data = codecs.BOM_UTF16_LE + "<p>naïve</p>".encode("utf-16-le")
    assert "naïve" in decode(data)[0]


def test_callers_encoding_beats_meta() -> None:
    data = '<meta charset="utf-8"><p>Привет мир</p>'.encode("cp1251")
    text, _ = decode(data, encoding="cp1251")
    assert "Привет мир" in text


def test_meta_charset_is_used() -> None:
    data = '<html><head><meta charset="shift_jis"></head><p>日本語の記事</p>'.encode("shift_jis")
    assert "日本語の記事" in decode(data)[0]


def test_http_equiv_charset() -> None:
    data = (
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Новости</p>'
    ).encode("cp1251")
    assert declared_charset(data) == "cp1251"
    assert "Новости" in decode(data)[0]


def test_latin1_label_means_cp1252() -> None:
    data = '<meta charset="iso-8859-1"><p>“quoted” – dash</p>'.encode("cp1252")
    assert "“quoted” – dash" in decode(data)[0]


def test_utf8_page_declaring_latin1_is_not_mojibake() -> None:
    data = '<meta charset="iso-8859-1"><p>déjà vu</p>'.encode()
    text, _ = decode(data)
    assert "déjà vu" in text and "Ã" not in text


def test_undeclared_cp1251_is_detected() -> None:
    body = "<p>Это длинный русский текст о новостях дня, который нужно правильно прочитать.</p>"
    text, warnings = decode((body * 5).encode("cp1251"))
    assert "русский текст" in text
    assert warnings and "detected" in warnings[0]


def test_binary_junk_raises() -> None:
    junk = bytes(range(256)) * 64
    assert looks_binary(junk)
    with pytest.raises(DecodeError):
        decode(junk)


def test_size_limit() -> None:
    with pytest.raises(InputTooLarge):
        decode(b"x" * 101, max_bytes=100)


def test_unknown_callers_encoding_is_ignored_with_warning() -> None:
    text, warnings = decode(b"<p>hello</p>", encoding="no-such-charset")
    assert "hello" in text and "unknown encoding" in warnings[0]


def test_double_encoded_utf8_is_undone_with_a_warning() -> None:
    # A CMS read the UTF-8 page as latin-1 and saved it again: "’" became "â\x80\x99".
    once = "<h1>A DIY Investor’s Guide</h1><p>café — “quoted” 😀</p>"
    twice = once.encode("utf-8").decode("latin-1").encode("utf-8")
    text, warnings = decode(twice)
    assert text == once
    assert warnings and "double-encoded" in warnings[-1]


def test_cp1252_flavoured_double_encoding_is_undone() -> None:
    twice = "<p>It’s café</p>".encode().decode("cp1252").encode("utf-8")
    assert decode(twice)[0] == "<p>It’s café</p>"


def test_real_latin_text_is_left_alone() -> None:
    page = "<p>Øl, straße, café, Ça va? À bientôt, São Paulo.</p>"
    assert decode(page.encode("utf-8")) == (page, ())


# --- undeclared legacy charsets (dehusk.charsets); real prose from tests/fixtures/charsets --

FIXTURES = Path(__file__).parent / "fixtures" / "charsets"


def _undeclared_page(language: str, codec: str, lines: int) -> str:
    """A page of the fixture's first ``lines`` lines that ``codec`` holds, no declaration."""
    kept = []
    for line in (FIXTURES / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        try:
            line.encode(codec)
        except UnicodeEncodeError:
            continue
        kept.append(f"<p>{html.escape(line, quote=False)}</p>")
    return f"<html><head><title>Page</title></head><body>{''.join(kept[:lines])}</body></html>"


def test_short_french_cp1252_page_is_not_mojibake() -> None:
    # The reported fault: charset-normalizer alone reads this as cp1250 ("trčs" for "très").
    page = (
        "<html><head><title>Un article</title></head><body><article><p>"
        + "La réunion a été très longue. " * 3
        + "</p></article></body></html>"
    )
    text, warnings = decode(page.encode("cp1252"))
    assert text == page
    assert warnings == ("charset detected as cp1252",)


@pytest.mark.parametrize(
    ("language", "codec"),
    [
        ("fr", "cp1252"),
        ("es", "latin-1"),
        ("cs", "iso-8859-2"),
        ("pl", "iso-8859-2"),
        ("ru", "cp1251"),
        ("ru", "koi8-r"),
        ("el", "iso-8859-7"),
        ("ja", "shift_jis"),
        ("ja", "euc-jp"),
        ("zh-hans", "gbk"),
        ("zh-hant", "big5"),
        ("ko", "euc-kr"),
    ],
)
@pytest.mark.parametrize("lines", [2, 12])
def test_undeclared_legacy_page_decodes_exactly(language: str, codec: str, lines: int) -> None:
    page = _undeclared_page(language, codec, lines)
    assert decode(page.encode(codec))[0] == page


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    page = _undeclared_page("ru", "utf-8", 3)
    text, warnings = decode(page.encode(codec))
    assert text == page
    assert warnings == (f"charset detected as {codec}",)


def test_caller_utf16_without_bom() -> None:
    page = _undeclared_page("fr", "utf-8", 3)
    assert decode(page.encode("utf-16-le"), encoding="utf-16") == (page, ())


def test_lone_surrogates_become_replacement_characters() -> None:
    text, warnings = decode("<p>a\ud800b \udcff é</p>")
    assert text == "<p>a\ufffdb \ufffd é</p>"
    assert warnings == ("2 lone surrogate(s) in the str input replaced by U+FFFD",)


def test_utf8_with_stray_bytes_stays_utf8() -> None:
    data = "<p>Café crème, déjà vu, naïve, señor</p>".encode() + b"\xff\xfe<p>end</p>"
    text, warnings = decode(data)
    assert text.startswith("<p>Café crème, déjà vu") and "Ã" not in text
    assert warnings == ("invalid UTF-8 bytes replaced (the rest of the page is UTF-8)",)


FRENCH_LINE = "<p>Le café était très bon, et la réunion a été très longue.</p>"


def test_meta_multibyte_lie_on_utf8_yields_to_utf8() -> None:
    data = ('<meta charset="shift_jis">' + FRENCH_LINE).encode()
    assert decode(data)[0] == '<meta charset="shift_jis">' + FRENCH_LINE


@pytest.mark.parametrize("label", ["windows-1251", "iso-8859-7"])
def test_meta_single_byte_lie_that_mixes_alphabets_yields(label: str) -> None:
    page = f'<meta charset="{label}">' + FRENCH_LINE
    text, warnings = decode(page.encode("cp1252"))
    assert text == page
    assert "does not fit the bytes" in warnings[0]


def test_true_single_byte_meta_is_kept() -> None:
    page = '<meta charset="windows-1251"><p>Вчера в Москве прошёл большой праздник.</p>'
    assert decode(page.encode("cp1251")) == (page, ())


@pytest.mark.parametrize("text", ["<p>Er sagte „Fuß“ und ging.</p>", "<p>„Spaß“…</p>"])
def test_german_sharp_s_before_a_quote_is_not_undone(text: str) -> None:
    # "ß“" is DF 93 in cp1252, valid UTF-8 for U+07D3 (NKo): found by test_properties.
    assert decode(text) == (text, ())
    assert decode(text.encode()) == (text, ())


@pytest.mark.parametrize(
    "text",
    [
        "<p>Le «CAFÉ» est fermé.</p>",  # "É»" is valid UTF-8 for "ɻ"
        "<p>Le café\u00a0\u00a0est ouvert.</p>",  # E9 A0 A0 is valid UTF-8 for "頠"
        '<p>I saw "Ã¤" instead of "ä".</p>',  # a page about mojibake quotes one
    ],
)
def test_stray_sequences_in_real_text_are_left(text: str) -> None:
    assert decode(text) == (text, ())


def test_one_hallmark_sequence_is_enough() -> None:
    assert decode("<h6>Your cart is empty ðŸ˜ž</h6>")[0] == "<h6>Your cart is empty 😞</h6>"


# The native scans decode gates on, against the regexes they replaced.
_SUSPECT_BYTES = re.compile(rb"\xc3[\x82-\xb4](?:\xc2|\xc5|\xc6|\xcb|\xe2)")
_NEAR = [0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xF4, 0xF5, 0x13F, 0x140, 0x1BF, 0x1C0]
_NEAR += [0x2BF, 0x2C0, 0x2FF, 0x300, 0x1FFF, 0x2000, 0x2019, 0x2FFF, 0x3000, 0x1F600]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(c) for c in _NEAR]), max_size=8))
def test_suspect_scan_is_the_utf8_byte_regex(text: str) -> None:
    assert double_encoding_suspect(text) == bool(_SUSPECT_BYTES.search(text.encode()))


@given(st.text(max_size=20))
def test_lone_surrogates_are_counted(text: str) -> None:
    assert lone_surrogates(text) == sum(0xD800 <= ord(c) <= 0xDFFF for c in text)
