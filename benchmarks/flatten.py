"""Flatten an HTML page to the text a crawler's naive html-to-text would keep.

This makes the input of text mode out of the WCXB dev pages (``benchmarks/textmode.py``)
and the flattened fixtures of ``tests/fixtures/text/``. What it does, on purpose no
smarter than the html2text/``BeautifulSoup.get_text("\\n")`` dumps found in crawls:

- parse with lexbor (selectolax), walk ``<body>`` (the ``<head>``, so ``<title>``, is gone);
- drop what a browser does not show: ``script``, ``style``, ``noscript``, ``template``,
  ``svg``, ``iframe``, form controls (``select``/``option``/``textarea``/``input``) and any
  element with ``hidden`` or an inline ``display:none``/``visibility:hidden`` (but React's
  ``<div hidden id="S:0">``, which the page's script shows at once);
- every block element (``p``, ``div``, ``li``, ``h1``–``h6``, ``figcaption``, ``td``,
  ``section``…) and ``<br>`` ends a line; inline text inside one block stays one line,
  whitespace folded;
- paragraphs, headings, block quotes and ``<pre>`` get a blank line before and after (as
  html2text does), other block ends a plain line break; runs of blank lines fold to one;
- an ``<img>``'s ``alt`` text, when it has one, is a line of its own (dumps keep it);
- buttons keep their text (they are visible: "Give now", "Subscribe").

Nothing else: no boilerplate removal, no de-duplication. One block of the page per line.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


SKIP = _names(
    "head script style noscript template svg math iframe object embed canvas select option "
    "textarea input map link meta base title video audio"
)
#: Block elements: each ends a line.
BLOCK = _names(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav "
    "ol p pre section summary table tbody thead tfoot tr td th ul caption legend"
)
#: Block elements with a blank line around them (paragraph-like).
SPACED = _names("p h1 h2 h3 h4 h5 h6 blockquote pre table")


def _hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs:
        # React's streaming renderer parks finished content in <div hidden id="S:n"> and
        # shows it at once: a browser (and a crawler's rendered dump) has it.
        return not (attrs.get("id") or "").startswith("S:")
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


class _Out:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []

    def text(self, raw: str) -> None:
        self.parts.append(raw)

    def end_line(self, blank: bool = False) -> None:
        line = " ".join("".join(self.parts).split())
        self.parts = []
        if line:
            self.lines.append(line)
        if blank and self.lines and self.lines[-1] != "":
            self.lines.append("")


def flatten_html(html: str) -> str:
    """The visible text of ``html``, one block per line (see the module docstring)."""
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    out = _Out()
    if root is None:
        return ""
    stack: list[LexborNode] = [root]
    node = root.child
    while stack:
        if node is None:
            done = stack.pop()
            if done.tag in BLOCK:
                out.end_line(blank=done.tag in SPACED)
            node = done.next if stack else None
            continue
        tag = node.tag or ""
        if tag == "-text":
            out.text(node.text_content or "")
        elif tag == "br":
            out.end_line()
        elif tag == "img":
            alt = " ".join((node.attributes.get("alt") or "").split())
            if alt:
                out.end_line()
                out.text(alt)
                out.end_line()
        elif tag and tag[0] != "-" and tag not in SKIP and not _hidden(node):
            if tag in BLOCK:
                out.end_line(blank=tag in SPACED)
            if node.child is not None:
                stack.append(node)
                node = node.child
                continue
            if tag in BLOCK:
                out.end_line(blank=tag in SPACED)
        node = node.next
    out.end_line()
    lines = out.lines
    while lines and lines[0] == "":
        lines.pop(0)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + ("\n" if lines else "")
