"""The heuristic cascade of the classify stage: segments → main or cut, with a husk kind.

In: a ``Page``. Out: ``Rules`` — for every segment whether the rules keep it and why, plus
the intermediate values (segment values, subtree sums, the chosen container, the card grid)
that the learned model reads as features (``dehusk.classify.features``). ``dehusk.classify`` turns
the decisions into labelled blocks.

The cascade:
1. Score each segment: prose characters outside links count for it, link characters and
   short non-sentences count against it (``segment_value``).
2. Sum the scores up the container tree and take the container with the highest sum:
   the tightest element that holds the most prose and the least husk (``best_container``).
3. Inside it, keep every segment except husk: nested nav/aside/footer/form, elements whose
   class names a kind of husk, link lists (``is_husk``).
4. Label the cut blocks by the kind of husk their classes, tags or link density suggest.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from dehusk._native.walk import TAG_NAME_OF, nearest_marked, subtree_sums, text_counts
from dehusk.article import LABELS, BlockTable, Container, Label, Page, Segment
from dehusk.classify.readability import readability_best

#: Thresholds of the cascade, tuned on wcxb-dev (see docs/decisions.md).
PROSE_CHARS = 80  # a segment this long is prose whatever its punctuation
SENTENCE_CHARS = 25  # shorter than this is never prose
NOISE_WEIGHT = 0.6  # how much one husk character costs against one prose character
SHORT_WEIGHT = 0.3  # short non-sentence text is mild husk
MAX_LINK_DENSITY = 0.5  # above: a block of links, never article text
MAX_LIST_LINK_DENSITY = 0.35
MIN_ARTICLE_CHARS = 40  # below this much prose in the best container: no article
HUSK_SHARE = 0.3  # a hinted element holding more of the article's value than this is kept
_STRONG_HUSK = frozenset({"consent", "comment", "related", "navigation", "footer", "cta", "player"})
#: Husk cut whatever share of the best container's value it holds: a consent manager's
#: dialog (OneTrust, Cookiebot) prints pages of cookie descriptions, more prose than a
#: short story, and is never the article. Other husk words also name content wrappers (a
#: newsletter archive's "newsletter-content", a builder's "elementor-cta"), so they keep
#: ``HUSK_SHARE``'s protection.
_ALWAYS_CUT = frozenset({"consent"})
#: Husk classes whose subtree the best container leaves for Readability's candidate.
_FLEE_KINDS = _STRONG_HUSK | {"other"}

CARD_MIN_MEMBERS = 4  # siblings of one shape that make a card grid
CARD_MIN_CHARS = 20  # a card shorter than this is a menu entry, not a card
LISTING_RATIO = 1.5  # cards must outweigh the article's prose this much to win
#: Cards are peers: a "grid" whose largest member holds more than this share of its text is
#: a page's layout columns (content, sidebar, footer of one class), not a grid of cards. On
#: dragnet 61 of 112 card-mode pages were the article's own column (0.49 -> 0.79 word-F1 on
#: those pages had they taken the article path).
CARD_PEER_SHARE = 0.5
#: Cards whose text is less than this share prose (headline links, dates, counts) are a link
#: list: beside an article with a real paragraph (``ARTICLE_PARAGRAPH`` characters) and
#: outside it, they are its sidebar ("Recent posts", archives) unless they outweigh it
#: ``LINK_LIST_RATIO`` times (a listing's intro text beside its list).
CARD_PROSE_SHARE = 0.3
ARTICLE_PARAGRAPH = 200
LINK_LIST_RATIO = 8.0
#: Beside an article under the page's headline (``_headed``) a link list must outweigh it
#: this many times: a photo post says a line or two, its blog's "Most Popular Posts"
#: column 15-20 times more. Among the dev pages whose headline stands over the best
#: container beside a link-list grid, articles reach 19.6 times, listings (their own
#: headline over a line of intro) start at 27.
HEADED_LINK_LIST_RATIO = 24.0
#: A grid whose own element's class names husk of any kind ("sidebar", "widget-area",
#: "sidebar_list") is a column beside the content, never the page's content: a listing's
#: grid sits in a content or plain element. On dragnet 14 blog posts lost to the category
#: and archive lists of their sidebar this way (word-F1 0.12 on those pages).
CARD_HUSK_PARENT = True
#: Readability's candidate, under a content class ("entry-body", "post"), apart from the
#: grid (neither holds the other) and holding at least this many characters, is an article
#: beside its cards: a post with its comment list or its blog's "Recent posts" column. A
#: listing's own text beside its cards is a line or two (wcxb-dev's listings: 28-211
#: characters). Not when the grid's element is itself content-classed: that "grid" is the
#: post's own paragraphs, and the candidate a sidebar column named "body".
ARTICLE_BESIDE_CARDS = 300

#: A page whose headline says this and that holds little prose is an error page, not an
#: article ("404 Not Found", "Page not found", "Access denied").
_ERROR_HEADLINE = re.compile(
    r"^\W*(error\W*)?(40[134]|410|50[0-3])?\W*(page\W+)?(not\W+found|gone|forbidden|"
    r"access\W+denied|does\W*n.t\W+exist|no\W+longer\W+available)\W*$|^\W*(error\W*)?"
    r"(40[134]|410|50[0-3])\W*$",
    re.IGNORECASE,
)
ERROR_PAGE_MAX_PROSE = 800

#: A heading the ``<title>`` repeats is the headline from this many words on (one or two
#: words are a section's or the site's name).
HEADLINE_MIN_WORDS = 3
_WORDS = re.compile(r"\w+")
#: What a sentence ends in: a segment whose text ends so is prose when long enough.
SENTENCE_END = '.!?:;"”’)»…'
_SENTENCE_ENDS = tuple(SENTENCE_END)
_HUSK_FLAGS = ("nav", "aside", "footer", "form", "dialog", "menu")
_FLAG_LABELS = {
    "nav": Label.NAVIGATION,
    "menu": Label.NAVIGATION,
    "header": Label.NAVIGATION,
    "footer": Label.FOOTER,
    "aside": Label.RELATED,
    "form": Label.CTA,
    "dialog": Label.CTA,
}
#: A hint kind's label: its own (a kind named like a label) or, for ``consent``, ``cta``.
_KIND_LABELS = {kind.value: kind for kind in Label} | {"consent": Label.CTA}
#: What ``husk_kinds`` names an element of a ``_HUSK_FLAGS`` tag.
_HUSK_FLAG_NAMES = tuple(str(_FLAG_LABELS[tag]) for tag in _HUSK_FLAGS)


def _tag_codes(names: tuple[str, ...]) -> np.ndarray:
    """Per lexbor tag id (``BlockTable.tag``): the tag's index in ``names``, -1 if absent."""
    codes = np.full(max(TAG_NAME_OF) + 1, -1, dtype=np.int64)
    for tid, name in TAG_NAME_OF.items():
        if name in names:
            codes[tid] = names.index(name)
    return codes


_HUSK_TAG_CODES = _tag_codes(_HUSK_FLAGS)
_TAG_FLAG_CODES = _tag_codes(tuple(_FLAG_LABELS))
#: ``BlockTable.seg_label`` codes the segment value reads.
_HEADING_CODE = LABELS.index(Label.HEADING)
_TABLE_CODE = LABELS.index(Label.TABLE)
_LIST_ITEM_CODE = LABELS.index(Label.LIST_ITEM)


def link_density(seg: Segment) -> float:
    return seg.link_chars / len(seg.text) if seg.text else 0.0


def is_prose(seg: Segment) -> bool:
    n = len(seg.text)
    return n >= PROSE_CHARS or (n >= SENTENCE_CHARS and seg.text.endswith(_SENTENCE_ENDS))


class TextCounts(NamedTuple):
    """Per segment, from one native pass over the texts (``text_counts``): its spaces, its
    ``.``, ``,`` and ``;`` together, and whether it ends in a ``SENTENCE_END`` (int32)."""

    spaces: np.ndarray
    puncts: np.ndarray
    ends: np.ndarray


def count_texts(page: Page) -> TextCounts:
    """The ``TextCounts`` of the page's segments."""
    columns = text_counts(page.segments, SENTENCE_END)
    return TextCounts(*(np.frombuffer(raw, dtype=np.int32) for raw in columns))


def segment_values(page: Page, counts: TextCounts) -> list[float]:
    """Per segment: its prose characters outside links, minus weighted husk characters.

    NumPy over the block table's columns; each value is the double the same arithmetic on
    Python numbers gives (true division and products of exact integers, in this order)."""
    if not page.segments:
        return []
    table = block_table(page)
    n = table.seg_chars.astype(np.float64)
    links = table.seg_link_chars.astype(np.float64)
    density = _link_densities(table)
    ends = counts.ends > 0
    prose = (n >= PROSE_CHARS) | ((n >= SENTENCE_CHARS) & ends)
    heading = table.seg_label == _HEADING_CODE
    value = np.where(
        (density < MAX_LINK_DENSITY) & (prose | heading),
        (n - links) * np.where(heading, 0.5, 1.0) - NOISE_WEIGHT * links,
        -NOISE_WEIGHT * links - SHORT_WEIGHT * (n - links),
    )
    # A table's cells are half prose whatever their punctuation.
    tables = table.seg_label == _TABLE_CODE
    value[tables] = (n * (1 - density) * 0.5 - NOISE_WEIGHT * links)[tables]
    return value.tolist()


def block_table(page: Page) -> BlockTable:
    """The page's block table: the classify stage reads the native walk's columns (text
    mode's pages have none)."""
    if page.table is None:
        raise ValueError("classify needs the block table of the native walk (dehusk.segment)")
    return page.table


def _subtree_sums(page: Page, columns: list[np.ndarray]) -> np.ndarray:
    """Per container (rows): the sums of each per-segment column over its subtree, added
    segment by segment in reading order (``subtree_sums``, C)."""
    if not page.containers:
        return np.zeros((0, len(columns)))
    table = block_table(page)
    values = np.ascontiguousarray(np.column_stack(columns), dtype=np.float64)
    raw = subtree_sums(table.seg_container, table.parent, values)
    return np.frombuffer(raw, dtype=np.float64).reshape(len(page.containers), len(columns))


def _husky(c: Container) -> bool:
    return c.kind in _STRONG_HUSK or c.tag in _HUSK_FLAGS


def subtree_totals(page: Page, values: list[float]) -> list[float]:
    """The sum of segment values under each container (in reading order, as ``+=`` would)."""
    if not page.segments:
        return [0.0] * len(page.containers)
    return _subtree_sums(page, [np.array(values, dtype=np.float64)])[:, 0].tolist()


def best_container(page: Page, totals: list[float]) -> int:
    """The container whose subtree sums the highest value; -1 when the page is empty."""
    best, best_total = -1, 0.0
    for i, total in enumerate(totals):
        # ">" keeps the outermost of equal totals; deeper ones must strictly win.
        if total > best_total and not _husky(page.containers[i]):
            best, best_total = i, total
    return best


def body_chain(page: Page, best: int, top: int) -> frozenset[int]:
    """The containers from Readability's candidate up to ``best`` when a content class
    (``entry-content``, ``post-body``) marks that candidate or one of them: the two signals
    agree where the body is, so a husk word in an enclosing class (``entry-author-jane``,
    ``category-comments``) names a theme's styling, not the block's role. On dragnet a
    blog theme's post wrapper named after its author cut whole posts as a byline.
    ``top``: Readability's candidate (``readability_best``), -1 for none."""
    found = _chain(page, top, page.containers[best].parent) if best >= 0 and top >= 0 else []
    if not any(c.hint > 0 for c, _ in found):
        return frozenset()
    return frozenset(i for _, i in found)


def check_best(page: Page, best: int, top: int) -> tuple[int, frozenset[int]]:
    """The best container checked against Readability's candidate ``top``, and the husk
    elements that lost the check (cut whatever their share).

    When the rules' choice lies under an element whose class names husk (a comment list, a
    sidebar widget) and Readability's candidate, itself under a content class, lies outside
    that element, the two disagree and the class-named husk loses: the candidate (with its
    content-classed parents) becomes the best container, and if it encloses the husk
    element, that element is cut. On dragnet the prose of long comment threads outweighed
    short posts this way. Only where the candidate has no husk-classed ancestor itself (a
    newsletter box's ``body`` is no article) and the rules' husk is one of ``_FLEE_KINDS``
    (a ``caption`` slide or a byline wrapper can hold the article)."""
    if best < 0 or top < 0 or page.containers[top].hint <= 0:
        return best, frozenset()
    husk = [i for c, i in _chain(page, best, -1) if c.hint < 0 and c.kind in _FLEE_KINDS]
    if not husk or any(c.hint < 0 and c.kind for c, _ in _chain(page, top, -1)):
        return best, frozenset()
    parent = page.containers[top].parent
    while parent >= 0 and page.containers[parent].hint > 0 and not _encloses(page, parent, husk):
        top, parent = parent, page.containers[parent].parent
    return top, frozenset(i for i in husk if _encloses(page, top, [i]))


def headline_segments(page: Page) -> list[int]:
    """The containers of the headings that the page's ``<title>`` repeats: the post's or the
    story's own headline ("Paper Punched Leaves for Crafting" in "Paper Punched Leaves for
    Crafting - Things to Make and Do"), its words in order among the title's. A heading of
    fewer than ``HEADLINE_MIN_WORDS`` words (a section's or the site's name) is none."""
    title = _WORDS.findall(page.title.lower())
    if not title:
        return []
    joined = f" {' '.join(title)} "
    out = []
    for seg in page.segments:
        if seg.kind is not Label.HEADING or seg.container < 0:
            continue
        words = _WORDS.findall(seg.text.lower())
        if len(words) >= HEADLINE_MIN_WORDS and f" {' '.join(words)} " in joined:
            out.append(seg.container)
    return out


def headline_anchor(page: Page, best: int, top: int, in_best: list[bool]) -> tuple[int, list[bool]]:
    """The best container, moved to the content-classed element that holds the page's
    headline when the rules' choice holds no headline and lies apart from it.

    Three signals then agree against the rules' sum of prose: the ``<title>`` repeats a
    heading (``headline_segments``), Readability's candidate ``top`` sits under it, and a
    class names it content. A photo post's two lines under their headline lose the sum to
    a sidebar's "About me" and popular-posts lists; on dragnet whole blogs came out as their
    sidebar this way. Returns the container and its ``_inside_flags``."""
    if best < 0 or top < 0 or page.containers[top].hint <= 0:
        return best, in_best
    heads = headline_segments(page)
    if not heads or any(in_best[h] for h in heads):
        return best, in_best
    holders = {i for h in heads for _, i in _chain(page, h, -1)}
    for _, i in _chain(page, top, -1):
        if in_best[i] or _encloses(page, i, [best]):
            return best, in_best
        if i in holders:
            return i, _inside_flags(page, i)
    return best, in_best


def _encloses(page: Page, top: int, inner: list[int]) -> bool:
    """Whether ``top`` is an ancestor-or-self of any container in ``inner``."""
    return any(_chain(page, i, page.containers[top].parent) for i in inner)


def _chain(page: Page, i: int, stop: int) -> list[tuple[Container, int]]:
    """Containers from ``i`` up to (not including) ``stop``; empty if ``stop`` is not above."""
    out = []
    while i >= 0 and i != stop:
        out.append((page.containers[i], i))
        i = page.containers[i].parent
    return out if i == stop else []


def _inside_flags(page: Page, top: int) -> list[bool]:
    """Per container: whether it is ``top`` or lies inside it (all False for ``top`` -1).
    A subtree is a run in document order (a parent comes before its children, a sibling's
    subtree after theirs): from ``top`` up to the next container no deeper than it."""
    return inside_mask(page, top).tolist()


def inside_mask(page: Page, top: int) -> np.ndarray:
    """``_inside_flags`` as a NumPy bool column (the learned model's features read it)."""
    inside = np.zeros(len(page.containers), dtype=bool)
    if top < 0:
        return inside
    depth = block_table(page).depth
    after = np.flatnonzero(depth[top + 1 :] <= depth[top])
    inside[top : top + 1 + int(after[0]) if len(after) else len(inside)] = True
    return inside


def husk_kinds(
    page: Page,
    best: int,
    totals: list[float],
    cards: bool = False,
    protected: frozenset[int] = frozenset(),
    condemned: frozenset[int] = frozenset(),
) -> list[str]:
    """Per segment: the kind of husk it is inside the best container, or "" if it is
    article (a segment outside ``best`` gets an answer no caller reads).

    A class that names a strong kind of husk (navigation, related, comment…) cuts its
    subtree; a weak one ("other": widget, share, sidebar…) only when the subtree holds
    more husk than prose, because such words also name content wrappers. In a card grid
    (``cards``) links are the content: card titles link to their pages. A ``protected``
    container (one that holds the body both signals agree on, see ``body_chain``) is never
    cut for its class; a ``condemned`` one always is (see ``check_best``).

    The nearest container (from the segment's own up to, not including, ``best``) whose
    class or tag names husk decides (``nearest_marked``, one pass over the containers);
    where none does, a link list is navigation (not in a card grid)."""
    table = block_table(page)
    names = (*table.kind_names, *_HUSK_FLAG_NAMES)
    code = _husk_codes(page, best, totals, protected, condemned)
    told = _nearest_answers(page, code, best)
    density = _link_densities(table)
    links = (density > MAX_LINK_DENSITY) | (
        (table.seg_label == _LIST_ITEM_CODE) & (density > MAX_LIST_LINK_DENSITY)
    )
    fallback = "" if cards else "navigation"
    return [
        names[c] if c >= 0 else (fallback if link else "")
        for c, link in zip(told.tolist(), links.tolist(), strict=True)
    ]


def _husk_codes(
    page: Page,
    best: int,
    totals: list[float],
    protected: frozenset[int],
    condemned: frozenset[int],
) -> np.ndarray:
    """Per container: what its own class or tag says in ``husk_kinds`` (an index into the
    table's ``kind_names`` followed by ``_HUSK_FLAG_NAMES``), -1 where it says nothing."""
    table = block_table(page)
    kind = table.kind.astype(np.int64)
    sums = np.asarray(totals, dtype=np.float64)
    other = table.kind_names.index("other")
    always = np.isin(kind, [i for i, k in enumerate(table.kind_names) if k in _ALWAYS_CUT])
    minor = (sums < HUSK_SHARE * totals[best]) | always
    weak = minor & (table.hint < 0) & ((kind != other) | (sums <= 0))
    weak[list(protected)] = False
    flag = _HUSK_TAG_CODES[table.tag]
    code = np.where(flag >= 0, flag + len(table.kind_names), -1)
    code = np.where(weak, np.where(kind >= 0, kind, other), code)
    doomed = list(condemned)
    code[doomed] = kind[doomed]
    return code


def _nearest_answers(page: Page, code: np.ndarray, stop: int) -> np.ndarray:
    """Per segment: the ``code`` of its container's nearest ancestor-or-self that has one
    (below ``stop``; -1 for none), -1 for a segment outside every container."""
    table = block_table(page)
    if not page.containers:
        return np.full(len(page.segments), -1, dtype=np.int64)
    marked = np.ascontiguousarray(code >= 0, dtype=np.uint8)
    nearest = np.frombuffer(nearest_marked(table.parent, marked, stop), dtype=np.int32)
    told = np.where(nearest >= 0, code[nearest], -1)
    container = table.seg_container
    return np.where(container >= 0, told[container], -1)


def _link_densities(table: BlockTable) -> np.ndarray:
    """Per segment: ``link_density`` (link characters over characters, 0 when empty)."""
    n = table.seg_chars.astype(np.float64)
    links = table.seg_link_chars.astype(np.float64)
    return np.divide(links, n, out=np.zeros_like(n), where=n > 0)


def outside_kinds(page: Page) -> list[Label]:
    """Per segment: its label outside the article, from its nearest ancestor-or-self whose
    class names a kind or whose tag tells (nav, footer, aside…); where none does, a link
    list is navigation and the rest other."""
    table = block_table(page)
    kinds = [_KIND_LABELS.get(k, Label.OTHER) for k in table.kind_names]
    vocab = (*kinds, *_FLAG_LABELS.values())
    flag = _TAG_FLAG_CODES[table.tag]
    code = np.where(table.kind >= 0, table.kind, np.where(flag >= 0, flag + len(kinds), -1))
    told = _nearest_answers(page, code, -1)
    links = (_link_densities(table) > MAX_LINK_DENSITY).tolist()
    return [
        vocab[c] if c >= 0 else (Label.NAVIGATION if link else Label.OTHER)
        for c, link in zip(told.tolist(), links, strict=True)
    ]


def label_of(seg: Segment, main: bool, husk: str, outside: Label) -> Label:
    """The label of a segment: its markup's when main, else the husk kind that cut it, else
    its nearest telling ancestor's (``outside``: its ``outside_kinds`` entry)."""
    if seg.kind is Label.CAPTION:
        return Label.CAPTION
    if main:
        return seg.kind
    if husk:
        return _KIND_LABELS.get(husk, Label.OTHER)
    return outside


def subtree_stats(page: Page) -> tuple[list[int], list[int], list[int]]:
    """Per container: characters, link characters and segments in its subtree."""
    n = len(page.containers)
    if not page.segments:
        return [0] * n, [0] * n, [0] * n
    table = block_table(page)
    sums = _subtree_sums(page, [table.seg_chars, table.seg_link_chars, np.ones(len(page.segments))])
    chars, links, count = sums.astype(np.int64).T.tolist()
    return chars, links, count


def card_region(
    page: Page, stats: tuple[list[int], list[int], list[int]] | None = None
) -> tuple[int, float]:
    """The container of the largest grid of same-shaped cards, and the cards' characters.

    Cards are sibling elements with one tag and first class, each holding text; a menu
    (one link per entry) is not a grid of cards. ``stats``: ``subtree_stats(page)``.
    """
    chars, links, count = stats or subtree_stats(page)
    groups: dict[tuple[int, str, str], list[int]] = {}
    for i in _card_candidates(page, chars):
        c = page.containers[i]
        groups.setdefault((c.parent, c.tag, (c.classes.split() or [""])[0]), []).append(i)
    best, best_chars = -1, 0.0
    for (parent, _, _), members in groups.items():
        if len(members) < CARD_MIN_MEMBERS or _husky(page.containers[parent]):
            continue
        if CARD_HUSK_PARENT and page.containers[parent].hint < 0:
            continue
        total = sum(chars[m] for m in members)
        if max(chars[m] for m in members) > CARD_PEER_SHARE * total:
            continue
        if page.containers[parent].flags & {"nav", "header", "footer", "aside", "menu"}:
            continue
        menu = (
            sum(count[m] for m in members) < 1.5 * len(members)
            and sum(links[m] for m in members) > 0.8 * total
        )
        if not menu and total > best_chars:
            best, best_chars = parent, float(total)
    return best, best_chars


def _card_candidates(page: Page, chars: list[int]) -> list[int]:
    """The containers that may be a card, in document order: a child holding at least
    ``CARD_MIN_CHARS`` characters, of a parent with ``CARD_MIN_MEMBERS`` such children or
    more (a grid's members share a parent; the rest could only make groups too small)."""
    if not page.containers:
        return []
    parent = block_table(page).parent
    found = np.flatnonzero((parent >= 0) & (np.asarray(chars) >= CARD_MIN_CHARS))
    per_parent = np.bincount(parent[found], minlength=len(parent))
    return found[per_parent[parent[found]] >= CARD_MIN_MEMBERS].tolist()


def listing_ratio(
    page: Page,
    values: list[float],
    best: int,
    cards: int,
    in_best: list[bool],
    in_cards: list[bool],
) -> float:
    """How many times the cards must outweigh the best container's prose to make a listing.

    ``HEADED_LINK_LIST_RATIO`` for a link list beside an article under the page's headline
    (``_headed``), ``LINK_LIST_RATIO`` for one outside an article that holds a real
    paragraph, else ``LISTING_RATIO`` (see the constants)."""
    if best < 0 or cards < 0 or in_cards[best] or in_best[cards]:
        return LISTING_RATIO
    card_text = prose_text = 0
    paragraph = False
    for seg, value in zip(page.segments, values, strict=True):
        if seg.container < 0:
            continue
        if in_cards[seg.container]:
            card_text += len(seg.text)
            if value > 0 and is_prose(seg):
                prose_text += len(seg.text)
        elif in_best[seg.container] and value >= ARTICLE_PARAGRAPH and is_prose(seg):
            paragraph = True
    link_list = prose_text < CARD_PROSE_SHARE * card_text
    if link_list and _headed(page, best, cards):
        return HEADED_LINK_LIST_RATIO
    if link_list and paragraph:
        return LINK_LIST_RATIO
    return LISTING_RATIO


def article_beside(
    page: Page, top: int, cards: int, in_cards: list[bool], chars: list[int]
) -> bool:
    """Whether Readability's candidate ``top`` is an article beside the card grid
    ``cards``: content-classed, apart from the grid, at least ``ARTICLE_BESIDE_CARDS``
    characters, and the grid's own element not content-classed (see the constant)."""
    if top < 0 or page.containers[top].hint <= 0 or page.containers[cards].hint > 0:
        return False
    if in_cards[top] or _encloses(page, top, [cards]):
        return False
    return chars[top] >= ARTICLE_BESIDE_CARDS


def _headed(page: Page, best: int, cards: int) -> bool:
    """Whether the page's headline (``headline_segments``) stands over the best container
    (inside it or its parent) and not over the cards (inside their parent, unless it is
    ``_nearer`` the best container): the page is
    about what that container says, and the cards beside it are its sidebar, however short
    the article (a photo post says a line under its headline; its "Most Popular Posts" list
    says more). A listing's headline ("Men's Automatic Watches") stands over its cards, or
    the cards come between it and the best container (a shop's closing text)."""
    over_best = _inside_flags(page, _parent_or_self(page, best))
    over_cards = _inside_flags(page, _parent_or_self(page, cards))
    return any(
        over_best[h]
        and (not over_cards[h] or _nearer(page, h, best, cards))
        and not h < cards < best
        for h in headline_segments(page)
    )


def _nearer(page: Page, h: int, best: int, cards: int) -> bool:
    """Whether the headline ``h`` shares a deeper element with ``best`` than with ``cards``:
    the headline is the post's (its entry wraps both) where the cards' parent is the
    page's whole layout (a blog's sidebar column beside its post). A listing's headline
    shares its grid's parent with the grid, and the best container lies in it or beyond."""
    ancestors = {i for _, i in _chain(page, h, -1)}
    return _meeting(page, best, ancestors) > _meeting(page, cards, ancestors)


def _meeting(page: Page, i: int, ancestors: set[int]) -> int:
    """The depth of the first of ``i``'s containers (itself included) in ``ancestors``,
    or -1 when none is."""
    while i >= 0 and i not in ancestors:
        i = page.containers[i].parent
    return int(block_table(page).depth[i]) if i >= 0 else -1


def _parent_or_self(page: Page, i: int) -> int:
    parent = page.containers[i].parent
    return parent if parent >= 0 else i


def error_page(page: Page, prose: float) -> bool:
    """A short page whose first headline announces an HTTP error."""
    if prose > ERROR_PAGE_MAX_PROSE:
        return False
    heading = next((s for s in page.segments if s.kind is Label.HEADING), None)
    return heading is not None and _ERROR_HEADLINE.search(heading.text) is not None


class Rules(NamedTuple):
    """What the cascade decided for a page, and the values it decided on.

    ``main[i]`` is whether the rules keep segment ``i`` and ``husks[i]`` the husk kind that
    cut it ("" for none: kept, outside the article, or a card grid's); ``values`` the
    segment values, ``totals`` their sums per container; ``best`` the chosen container (-1:
    none); ``cards`` the card-grid container (-1: none) and ``card_mode`` whether the grid
    won; ``top`` Readability's candidate container (``readability_best``, -1: none);
    ``labels`` the label the rules give each segment (``label_of``), ``outside`` the one it
    takes when cut without a husk kind (``outside_kinds``), ``counts`` the segments'
    ``TextCounts``; ``empty`` that the page has no article at all (no prose, or an error
    page), a verdict the learned path keeps.
    """

    main: list[bool]
    husks: list[str]
    values: list[float]
    totals: list[float]
    best: int
    cards: int
    card_mode: bool
    prose: float
    labels: list[Label]
    outside: list[Label]
    counts: TextCounts
    empty: bool = False
    top: int = -1


def rules(page: Page) -> Rules:
    """Main or not, with the reason, for every segment of the page (the heuristic path)."""
    counts = count_texts(page)
    values, totals, best, cards, card_mode, prose, main, husks, top = _cascade(page, counts)
    outside = outside_kinds(page)
    labels = list(map(label_of, page.segments, main, husks, outside))
    empty = not card_mode and (best < 0 or prose < MIN_ARTICLE_CHARS or error_page(page, prose))
    return Rules(
        *(main, husks, values, totals, best, cards, card_mode, prose, labels, outside, counts),
        *(empty, top),
    )


def short_post(page: Page, found: Rules) -> list[bool]:
    """Main or not per segment for a page where the call kept nothing: Readability's
    candidate (``found.top``) and what it holds that is not husk; nothing on an error page.

    A photo or video post says a line or two under its headline ("You know me… I love
    pixels"), less than ``MIN_ARTICLE_CHARS`` of sentences, while its sidebar says more: the
    best container is then a sidebar widget whose every block is husk. Readability scores
    the post's paragraphs and their wrapper all the same. Only a candidate whose class
    names content (``entry-body``, ``post``, ``storycontent``) is trusted this far: wcxb-dev
    has pages with no article at all (a shop's "Trade In has moved" banner, a metrics strip),
    where Readability's candidate is whatever text there is. On dragnet 20 pages came out
    empty; 11 of them now give the post (word-F1 0 -> 0.52-0.95)."""
    if found.top < 0 or page.containers[found.top].hint <= 0 or error_page(page, found.prose):
        return [False] * len(page.segments)
    inside = _inside_flags(page, found.top)
    husks = husk_kinds(page, found.top, found.totals)
    return [
        s.container >= 0 and inside[s.container] and not husk
        for s, husk in zip(page.segments, husks, strict=True)
    ]


def _cascade(
    page: Page, counts: TextCounts
) -> tuple[list[float], list[float], int, int, bool, float, list[bool], list[str], int]:
    values = segment_values(page, counts)
    totals = subtree_totals(page, values)
    stats = subtree_stats(page)
    top, _ = readability_best(page, stats[0], stats[1])
    best, condemned = check_best(page, best_container(page, totals), top)
    # Anchored before the card grid is weighed: a photo post's two lines under their
    # headline are the article the grid must outweigh, not a sidebar widget's text.
    best, in_best = headline_anchor(page, best, top, _inside_flags(page, best))
    prose = sum(
        max(v, 0.0)
        for s, v in zip(page.segments, values, strict=True)
        if s.container >= 0 and in_best[s.container]
    )
    cards, card_chars = card_region(page, stats)
    in_cards = _inside_flags(page, cards)
    if (
        cards >= 0
        and card_chars > listing_ratio(page, values, best, cards, in_best, in_cards) * prose
        and not article_beside(page, top, cards, in_cards, stats[0])
    ):
        card_husks = husk_kinds(page, cards, totals, True)
        main = [
            s.container >= 0 and in_cards[s.container] and not husk
            for s, husk in zip(page.segments, card_husks, strict=True)
        ]
        if any(main):
            return values, totals, best, cards, True, prose, main, [""] * len(main), top
    if best < 0 or prose < MIN_ARTICLE_CHARS or error_page(page, prose):
        none = [False] * len(values)
        return values, totals, best, cards, False, prose, none, [""] * len(values), top
    protected = body_chain(page, best, top)
    husks = husk_kinds(page, best, totals, protected=protected, condemned=condemned)
    inside = [s.container >= 0 and in_best[s.container] for s in page.segments]
    husks = [husk if i else "" for husk, i in zip(husks, inside, strict=True)]
    main = [i and not husk for husk, i in zip(husks, inside, strict=True)]
    return values, totals, best, cards, False, prose, main, husks, top


def locator(page: Page, i: int) -> str:
    """A CSS path to container ``i`` (tag, id or first class, nth-child)."""
    parts = []
    while i >= 0:
        c = page.containers[i]
        if c.ident:
            parts.append(f"{c.tag}#{c.ident.split()[0]}")
            break
        cls = c.classes.split()
        parts.append(f"{c.tag}.{cls[0]}" if cls else f"{c.tag}:nth-child({c.nth})")
        i = c.parent
    return " > ".join(reversed(parts))
