"""Language: the declaration checked against the text."""

from collections import Counter

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from dehusk._native.walk import language_rows
from dehusk.article import Block, Label
from dehusk.metadata.language import MAX_TEXT, decide_language, normalise_code, prose_sample

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


#: An Indonesian news paragraph (written for this test): py3langid reads it id ≈ 0.85,
#: ms ≈ 0.15 — no one language at 0.95, but English is ruled out.
INDONESIAN = (
    "Pemerintah Indonesia mengumumkan rencana pembangunan infrastruktur baru di wilayah timur "
    "negara itu. Menurut menteri pekerjaan umum, proyek tersebut akan mencakup jalan tol, "
    "pelabuhan, dan bandar udara yang diharapkan selesai dalam lima tahun ke depan."
)
LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat."
)


def _paragraphs(*texts: str) -> tuple[Block, ...]:
    return tuple(Block(t, Label.PARAGRAPH, main=True) for t in texts)


def test_a_declaration_the_text_rules_out_yields_with_a_warning() -> None:
    result = decide_language("en", INDONESIAN)
    assert result.language == "id"
    assert "'en'" in result.warning and "'id'" in result.warning


def test_an_unsure_disagreement_keeps_the_declaration_and_warns() -> None:
    # Malay and Indonesian are close: the identifier's lead is not enough to overrule a
    # declared Malay, but the disagreement is reported.
    result = decide_language("ms", INDONESIAN)
    assert result.language == "ms"
    assert "kept 'ms'" in result.warning


def test_placeholder_text_is_no_evidence() -> None:
    sample = prose_sample(_paragraphs(LOREM, LOREM))
    assert sample == ""
    assert decide_language("en", sample) == decide_language("en", "")
    assert prose_sample(_paragraphs(LOREM, ENGLISH)) == ENGLISH


def test_prose_sample_is_bounded_and_skips_short_blocks() -> None:
    blocks = (Block("Home News Sport Weather", Label.NAVIGATION, main=True),)
    blocks += _paragraphs("Read more", *([ENGLISH] * 20))
    sample = prose_sample(blocks)
    assert sample.startswith(ENGLISH[:40]) and len(sample) <= MAX_TEXT


def test_the_native_byte_loop_scores_as_py3langid() -> None:
    """The identifier's native feature counts and float32 rows give py3langid's own
    ranking, to the bit (short, empty, all-caps, non-Latin, mixed and sample-long texts)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from dehusk.metadata.language import _identifier

    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    mixed = f"{ENGLISH} Русский текст, ελληνικά, 中文 — {GERMAN} ½ ☃"
    texts = (ENGLISH, GERMAN, ENGLISH.upper(), "日本語のテキストです", "", " ", "x", mixed)
    for text in (*texts, (mixed * 8)[:MAX_TEXT], ENGLISH * 30):
        assert _identifier().rank(text) == reference.rank(text)


@given(st.text(alphabet="ab", max_size=300))
def test_the_walks_side_by_side_count_as_one_walk(text: str) -> None:
    """``language_rows`` walks stretches of the sample side by side, each from a state a
    few bytes of warm-up reach; a DFA whose state hangs on every byte before (the count of
    "a"s, mod 4) makes that state wrong, and the counts must still be one walk's."""
    rowbase = np.arange(4, dtype=np.intp) * 256
    nextmove = np.array(
        [(s + (b == ord("a"))) % 4 for s in range(4) for b in range(256)], dtype=np.uint32
    )
    output = np.array([-1, 0, 1, 2], dtype=np.int32)
    table = np.arange(6, dtype=np.uint16).reshape(3, 2)
    halves = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16)
    found = language_rows(
        nextmove, rowbase, output, table, halves.astype(np.float32), text.encode()
    )
    state, counts = 0, Counter[int]()
    for byte in text.encode():
        state = int(nextmove[rowbase[state] + byte])
        if output[state] >= 0:
            counts[int(output[state])] += 1
    if not counts:
        assert found is None
        return
    assert found is not None
    assert np.frombuffer(found[0], dtype=np.float32).tolist() == list(counts.values())
    rows = np.frombuffer(found[1], dtype=np.float32).reshape(len(counts), 2)
    assert rows.tolist() == halves[table[list(counts)]].astype(np.float32).tolist()
