"""The line classifier of text mode: a ``Page`` of lines → labelled blocks.

In: the ``Page`` of ``lines.lines_to_page`` (one segment per line, blank-line runs as
containers). Out: one ``Block`` per line, in order, each labelled from the closed set and
``main`` or not. Flattened text has lost its markup, so this reads what text still has:
length, terminal punctuation, capitalisation, digits and clock times, position, blank lines
and repetition inside the page.

1. Each line gets features (``LineInfo``) and a husk kind from the patterns of
   ``HUSK_PATTERNS`` (player, cta, related, footer, navigation) or none.
2. Each line gets a value: prose counts for it (its characters), husk and short
   non-sentences against it (``line_value``). The body is the run of lines with the highest
   sum (the longest stretch of prose, bridging short gaps; Kadane's maximum subarray).
3. Inside the run: prose is ``paragraph``; short lines that look like subheadings (no
   terminal punctuation, capitalised, prose after them) are ``heading``; bulleted lines are
   ``list_item``; a line printed twice next to itself or beside a photo credit is a
   ``caption`` (and the credit a ``credit``); husk is cut with its kind.
4. Outside the run every line is cut: with its husk kind, else ``navigation`` for short
   lines and ``other`` for the rest.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from dehusk.article import Block, Label, Page

#: A line with at least this many words and terminal punctuation is a sentence; with
#: ``PROSE_WORDS`` words it is prose whatever its punctuation.
SENTENCE_WORDS = 4
PROSE_WORDS = 18
#: Value of a line that is not prose: ``-(SHORT_COST + SHORT_WEIGHT * chars)``; husk lines
#: cost ``HUSK_WEIGHT`` times that. Tuned on the flattened wcxb-dev pages (docs/decisions).
SHORT_COST = 12.0
SHORT_WEIGHT = 0.5
HUSK_WEIGHT = 3.0
#: Site-template lines (``dehusk.templates``) are cut, and weigh against the body like a
#: short line times this — not at all: a subheading that reviews of one site share is
#: template, but must not split the story it stands in (dev multi-page hosts: weight 3 →
#: 0.615, 1 → 0.619, 0 → 0.628 word-F1).
TEMPLATE_WEIGHT = 0.0
#: A sentence line shorter than this counts only ``SHORT_SENTENCE_WEIGHT`` of its length.
SHORT_SENTENCE_CHARS = 60
SHORT_SENTENCE_WEIGHT = 0.5
#: Subheadings: at most this many words, prose within ``HEADING_REACH`` lines after them.
HEADING_WORDS = 14
HEADING_REACH = 2
#: Captions: the two copies of a caption are at most this many lines apart.
CAPTION_GAP = 3
#: Longest line taken for a caption, a credit, a husk pattern.
MAX_CAPTION_CHARS = 400
MAX_CREDIT_CHARS = 80
MAX_HUSK_CHARS = 160
#: Inside the body, keep other short lines of at least this many words (list items and
#: table cells flattened without their markers) when ``KEEP_SHORT_INSIDE``.
KEEP_SHORT_INSIDE = True
KEEP_SHORT_WORDS = 2
#: Least characters a body needs; less is no article.
MIN_BODY_CHARS = 120

_TERMINAL = tuple('.!?"”’)»…。！？')
_WORD = re.compile(r"\w+", re.UNICODE)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_BULLET = re.compile(r"^(?:[•·▪◦‣●■□✓✔-]|\*|\d{1,2}[.)])\s+\S")

#: Husk kinds by the text of the line (matched on short lines only). From the husk of the
#: flattened example page (NPR member station) and the commonest husk lines of the
#: flattened wcxb-dev pages; each is a whole-line pattern, so a sentence mentioning "more
#: news" is not caught.
HUSK_PATTERNS: tuple[tuple[Label, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
    for label, pattern in (
        (
            Label.PLAYER,
            r"^(?:play live radio|listen live|live radio|next up:?|now playing:?|"
            r"listen(?:\s*[·:-]\s*\d{1,2}:\d{2}.*)?|\d{1,2}:\d{2}(?:\s+\d{1,2}:\d{2})*|"
            r"(?:play|pause|mute|unmute|watch|listen to)(?: (?:video|audio|episode|now|"
            r"this (?:story|article|episode)))?|transcript|download|embed|"
            r"(?:hide|show) (?:caption|transcript)|toggle more options|"
            r"(?:audio|video) (?:player|is loading).*)\W*$",
        ),
        (
            Label.CTA,
            # a call to act opening the line, an imperative closing it, or a cookie notice
            r"^(?:give now|donate|subscribe|sign (?:up|in)|log ?in|register|newsletters?\b|"
            r"support (?:us|our|local|nonprofit|independent|public)|become a (?:member|"
            r"subscriber|sustaining member|patron)|join (?:now|us|today|our)|get (?:the app|our "
            r"newsletter|unlimited)|download (?:the|our) app|create (?:an|your|a free) account|"
            r"already a (?:subscriber|member))\b.{0,140}$|"
            r"^.{0,120}\b(?:give now|donate (?:now|today)|subscribe (?:now|today)|"
            r"sign up (?:now|today|for free|here)|join (?:now|today))\W*$|"
            r"^.{0,120}\b(?:accept (?:all )?cookies|cookie (?:policy|settings|preferences)|"
            r"we use cookies|this (?:site|website) uses cookies|manage (?:preferences|consent))"
            r"\b.{0,160}$",
        ),
        (
            Label.RELATED,
            r"^(?:more (?:news|stories|from [\w .'-]{1,40}|in [\w .'-]{1,40}|like this)|"
            r"related(?: (?:stories|articles|posts|content|coverage|news|reading))?|"
            r"read (?:more|next|also)|you (?:may|might) also like|recommended(?: for you)?|"
            r"(?:most|more) (?:popular|read|viewed)|trending(?: now)?|top stories|"
            r"latest (?:news|stories|posts)|see (?:also|more)|also on [\w .'-]{1,40}|"
            r"further reading|keep reading|up next)\W*$",
        ),
        (
            Label.COMMENT,
            r"^(?:\d+\s+)?(?:comments?|responses?|replies|reader comments)(?:\s*\(\d+\))?\W*$|"
            r"^(?:leave|post|add|write|submit) a (?:reply|comment|response)\b.{0,60}$|"
            r"^join the (?:discussion|conversation)\W*$|^(?:show|load|view) (?:more |all )?"
            r"(?:comments|replies)\b.{0,20}$|^the fine print: the following comments\b.*$|"
            r"^(?:re:.{0,80}\(score:\d.*|.{0,80}\(score:\s?-?\d(?:, \w+)?\))$",
        ),
        (
            Label.FOOTER,
            r"^(?:©|\(c\)|copyright\b).{0,150}$|.{0,150}\ball rights reserved\b.{0,80}$|"
            r"^(?:privacy(?: policy| notice)?|terms(?: of (?:use|service))?|"
            r"terms (?:&|and) conditions|contact(?: us)?|about(?: us)?|careers|"
            r"accessibility|site ?map|advertise(?: with us)?|fcc (?:public|applications).*|"
            r"corrections|ethics|masthead)\W*$",
        ),
        (
            Label.NAVIGATION,
            r"^(?:home|menu|search|skip to (?:main )?content|skip navigation|"
            r"open navigation menu|close navigation menu|main menu|navigation|"
            r"(?:back|go) to top|previous|next|prev|breadcrumbs?|all (?:news|stories|sections)|"
            r"sections|topics|categories|tags?:?.*|filed under:?.*|share(?: this)?(?: story| "
            r"article| on [\w ]{1,20})?|facebook|twitter|x|email|print|linkedin|reddit|"
            r"whatsapp|flipboard|pinterest|copy link|advertisement|sponsor(?:ed)? message|"
            r"ad|ads|loading\.*|close|open|expand|collapse)\W*$",
        ),
    )
)

#: Photo credits: "AP/Raqqa Media Center", "Getty Images", "Photo: Jane Doe", "(Reuters)".
CREDIT = re.compile(
    r"^(?:(?:photo|image|picture|photograph|illustration|video|graphic)s?(?: by| credit)?\s*[:|]"
    r"|credit\s*:|courtesy\b|\(?(?:photo|image) by\b)|"
    r"\b(?:getty(?: images)?|ap photo|associated press|reuters|afp|epa|shutterstock|istock"
    r"(?:photo)?|alamy|unsplash|pexels|bloomberg|nurphoto|sipa|zuma|imago|dpa|xinhua|"
    r"pool|wire(?:image)?|handout)\b|"
    r"^[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)*\s?/\s?[A-Z][\w.&'-]*(?: [\w.&'-]+){0,5}$",
    re.IGNORECASE,
)


class LineInfo(NamedTuple):
    """What the classifier reads about one line."""

    chars: int
    words: int
    terminal: bool
    capital: bool
    title_case: float
    clock: bool
    bullet: bool
    husk: Label | None
    group_size: int
    repeats: int
    template: bool = False

    @property
    def sentence(self) -> bool:
        return self.terminal and self.words >= SENTENCE_WORDS

    @property
    def prose(self) -> bool:
        return self.sentence or self.words >= PROSE_WORDS


def norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def husk_kind(text: str) -> Label | None:
    """The husk kind a line's text names, or None (long lines are never husk by pattern)."""
    if len(text) > MAX_HUSK_CHARS:
        return None
    for label, pattern in HUSK_PATTERNS:
        if pattern.match(text):
            return label
    return None


def _title_case(words: list[str]) -> float:
    long = [w for w in words if len(w) > 3]
    return sum(w[0].isupper() for w in long) / len(long) if long else 0.0


def line_info(text: str, group_size: int, repeats: int) -> LineInfo:
    words = text.split()
    first = next((c for c in text if c.isalnum()), "")
    return LineInfo(
        chars=len(text),
        words=len(words),
        terminal=text.endswith(_TERMINAL),
        capital=first.isupper() or first.isdigit() or (bool(first) and not first.isascii()),
        title_case=_title_case(words),
        clock=bool(_CLOCK.search(text)) and len(words) <= 6,
        bullet=bool(_BULLET.match(text)),
        husk=husk_kind(text),
        group_size=group_size,
        repeats=repeats,
    )


def features(page: Page) -> list[LineInfo]:
    """``LineInfo`` of every line of the page."""
    keys = [norm(s.text) for s in page.segments]
    counts = Counter(keys)
    sizes = Counter(s.container for s in page.segments)
    return [
        line_info(s.text, sizes[s.container], counts[k])
        for s, k in zip(page.segments, keys, strict=True)
    ]


def line_value(info: LineInfo) -> float:
    """What a line adds to the body: prose for, husk and short non-sentences against."""
    if info.template:
        return -TEMPLATE_WEIGHT * (SHORT_COST + SHORT_WEIGHT * info.chars)
    if info.husk is not None:
        return -HUSK_WEIGHT * (SHORT_COST + SHORT_WEIGHT * info.chars)
    if info.prose:
        weight = SHORT_SENTENCE_WEIGHT if info.chars < SHORT_SENTENCE_CHARS else 1.0
        return weight * info.chars
    return -(SHORT_COST + SHORT_WEIGHT * info.chars)


def body_run(infos: list[LineInfo]) -> tuple[int, int]:
    """``(start, end)`` (end exclusive) of the run of lines with the highest total value."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, info in enumerate(infos):
        if total <= 0:
            total, start = 0.0, i
        total += line_value(info)
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


#: Husk kinds that end the body when met inside it: what follows a "Related stories" or
#: "Comments" line is teasers or readers, not the story — when most of the body's prose is
#: before it, or ``COMMENT_LINES`` comment headers ("(Score:5)") follow it. A "124
#: Comments" link under the headline or an inline "Read more" cuts nothing.
STOP_LABELS = frozenset({Label.RELATED, Label.COMMENT})
COMMENT_LINES = 3


def cut_at_stop(infos: list[LineInfo], start: int, end: int) -> int:
    """The end of the body: the first stop line inside it that ends the story."""
    prose = [info.chars if info.prose else 0 for info in infos[start:end]]
    total = sum(prose)
    comments = sum(info.husk is Label.COMMENT for info in infos[start:end])
    before = 0
    for i in range(start, end):
        info = infos[i]
        ends = before >= total - before or comments >= COMMENT_LINES
        if info.husk in STOP_LABELS and before >= MIN_BODY_CHARS and ends:
            return i
        before += prose[i - start]
        comments -= info.husk is Label.COMMENT
    return end


def is_heading(infos: list[LineInfo], i: int, end: int) -> bool:
    """A subheading: short, capitalised, no terminal punctuation (a question mark aside),
    alone between blank lines, with prose soon after it."""
    info = infos[i]
    if not (0 < info.words <= HEADING_WORDS and info.capital and info.husk is None):
        return False
    if info.terminal and not _ends_question(info):
        return False
    if info.group_size > 1 or info.clock or info.repeats > 1:
        return False
    after = infos[i + 1 : min(end, i + 1 + HEADING_REACH)]
    return any(a.prose for a in after)


def _ends_question(info: LineInfo) -> bool:
    return False


def is_credit(text: str) -> bool:
    return len(text) <= MAX_CREDIT_CHARS and bool(CREDIT.search(text))


def caption_lines(page: Page, infos: list[LineInfo]) -> tuple[set[int], set[int]]:
    """Indices of caption lines and of credit lines.

    A caption is a line printed twice within ``CAPTION_GAP`` lines (figure markup flattened
    twice), or a non-husk line right before or after a photo credit line.
    """
    texts = [s.text for s in page.segments]
    captions: set[int] = set()
    credits: set[int] = set()
    for i, text in enumerate(texts):
        if infos[i].chars > MAX_CAPTION_CHARS or infos[i].words < 3:
            continue
        for j in range(i + 1, min(len(texts), i + CAPTION_GAP + 1)):
            if texts[j] == text:
                captions.update((i, j))
                credits.update(k for k in range(i + 1, j) if is_credit(texts[k]))
    for k, text in enumerate(texts):
        if k in captions or not is_credit(text) or infos[k].words > 10:
            continue
        near = [n for n in (k - 1, k + 1) if 0 <= n < len(texts) and n not in credits]
        described = [n for n in near if _caption_like(infos[n])]
        if described:
            credits.add(k)
            captions.update(described[:1])
    return captions, credits


def _caption_like(info: LineInfo) -> bool:
    return info.husk is None and info.words >= 3 and info.chars <= MAX_CAPTION_CHARS


def _inside(page: Page, infos: list[LineInfo], i: int, end: int) -> tuple[Label, bool]:
    """The label of line ``i`` inside the body run and whether it is main."""
    info = infos[i]
    if info.husk is not None:
        return info.husk, False
    if info.bullet and info.words >= 2:
        return Label.LIST_ITEM, True
    if info.prose:
        return Label.PARAGRAPH, True
    if is_heading(infos, i, end):
        return Label.HEADING, True
    if info.terminal and info.words >= 2 and info.repeats == 1:
        return Label.PARAGRAPH, True
    if KEEP_SHORT_INSIDE and info.words >= KEEP_SHORT_WORDS and info.repeats == 1:
        return Label.PARAGRAPH, True
    return (Label.NAVIGATION if info.repeats > 1 else Label.OTHER), False


def _outside(info: LineInfo) -> Label:
    if info.husk is not None:
        return info.husk
    if info.clock:
        return Label.PLAYER
    return Label.OTHER if info.prose else Label.NAVIGATION


def classify_lines(page: Page, husk: frozenset[str] = frozenset()) -> tuple[Block, ...]:
    """Label every line of the page by the rules alone (see the module docstring)."""
    return label_lines(page, husk)[0]


def label_lines(
    page: Page, husk: frozenset[str] = frozenset()
) -> tuple[tuple[Block, ...], list[LineInfo], tuple[int, int]]:
    """The rules' blocks, each line's ``LineInfo`` and the body run ``(start, end)``.

    ``husk`` holds lines already known to be site template (``dehusk.templates``): they
    are ``navigation`` and weigh in the body run as ``TEMPLATE_WEIGHT`` says.
    """
    infos = features(page)
    if husk:
        for i, seg in enumerate(page.segments):
            if seg.text in husk:
                infos[i] = infos[i]._replace(husk=Label.NAVIGATION, template=True)
    start, end = body_run(infos)
    end = cut_at_stop(infos, start, end)
    run = (start, end)
    if sum(infos[i].chars for i in range(start, end) if infos[i].prose) < MIN_BODY_CHARS:
        start = end = 0
    captions, credits = caption_lines(page, infos)
    blocks: list[Block] = []
    for i, seg in enumerate(page.segments):
        if i in credits:
            label, main = Label.CREDIT, False
        elif i in captions:
            label, main = Label.CAPTION, False
        elif start <= i < end:
            label, main = _inside(page, infos, i, end)
        else:
            label, main = _outside(infos[i]), False
        level = 2 if label is Label.HEADING else (1 if label is Label.LIST_ITEM else 0)
        blocks.append(Block(seg.text, label, main, level=level))
    return tuple(blocks), infos, run
