"""Language: the declaration checked against the text."""

from dehusk.metadata.language import decide_language, normalise_code

ENGLISH = (
    "When the Sunni extremists declared a caliphate across large parts of Syria and Iraq, "
    "thousands of foreign fighters travelled to join them, and many of them later tried to "
    "leave after seeing what life under the group's rule was really like for ordinary people."
)
GERMAN = (
    "Als die sunnitischen Extremisten in weiten Teilen Syriens und des Irak ein Kalifat "
    "ausriefen, reisten Tausende ausländische Kämpfer dorthin, um sich ihnen anzuschließen, "
    "und viele von ihnen versuchten später, das Gebiet wieder zu verlassen."
)


def test_codes_are_normalised() -> None:
    assert normalise_code("en-US") == "en"
    assert normalise_code("PT_br") == "pt"
    assert normalise_code("x-default") == ""
    assert normalise_code("") == ""


def test_confirmed_declaration() -> None:
    assert decide_language("en-US", ENGLISH).language == "en"


def test_wrong_declaration_is_overruled_with_a_warning() -> None:
    result = decide_language("en", GERMAN)
    assert result.language == "de"
    assert "de" in result.warning


def test_short_text_keeps_the_declaration() -> None:
    assert decide_language("fr", "Hello world").language == "fr"
    assert decide_language("", "Hello world").language is None


def test_undeclared_language_is_identified() -> None:
    assert decide_language("", GERMAN).language == "de"
