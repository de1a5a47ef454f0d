"""Authors: clean person names out of whatever a page calls its author, and recognise the
byline and author-bio blocks of the body.

In: raw author strings (JSON-LD, meta tags, a visible byline) and the names to exclude (the
site, the publisher). Out: a tuple of person names — no "By", no "and", no job titles
("Staff Writer", "Correspondent"), no site or agency names, no e-mails or @handles, no
duplicates. Post-nominal credentials ("Ph.D.", "MD, RD") stay attached to their name: they
are part of how the person signs, not a separate author.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from dehusk.metadata.dates import PATTERNS as DATE_PATTERNS
from dehusk.metadata.rank import RULES_CHOICE, Candidate


def word_set(text: str) -> frozenset[str]:
    """A word table written as one string (keeps long tables readable)."""
    return frozenset(text.split())


def name_set(text: str) -> frozenset[str]:
    """A table of multi-word names written as one "|"-separated string."""
    return frozenset(n.strip() for n in text.split("|") if n.strip())


#: Lead-ins before a name in bylines (English plus de/fr/es/it/pt/nl "by").
_BY = r"(?:(?:by|von|par|por|di|door)\s*:\s*|(?:by|von|par|por|di|door)\s+|(?-i:By)(?=[A-Z][a-z]))"
BY_PREFIX = re.compile(
    r"^\s*(?:(?:written|words|posted|published|reported|story|text|article|reviewed|authored|recipe|guide|review|interview|analysis|commentary|video|"
    r"updated|edited|compiled|photos?)\s+)?" + _BY + r"|^\s*(?:authors?|"
    r"writer|written|byline|autor|auteur|autore)\s*:\s*",
    re.IGNORECASE,
)
#: Separators between several authors.
SPLIT = re.compile(r"\s*(?:,|;|&|\||\band\b|\bund\b|\bwith\b|\s/\s)\s*", re.IGNORECASE)
SPLIT_KEEP = re.compile(r"(\s*(?:,|;|&|\||\band\b|\bund\b|\bwith\b|\s/\s)\s*)", re.IGNORECASE)
#: What ends a byline's names: a date, a "Published"/"Updated" note, a reading time.
TAIL = re.compile(
    r"\s+(?:on|at|—|–|-|\||·|•|⋅)\s+.*$|(?-i:\s+(?:on|at)$)|\s*\b(?:published|updated|posted|last\s+updat\w*|"
    r"\d+\s*min(?:ute)?s?\s+read|reviewed by|fact[- ]checked by)\b.*$",
    re.IGNORECASE,
)
#: Job titles and roles: a piece made only of these words is not a name, and a name
#: followed by them loses them. From bylines of news sites and blogs in the dev set.
ROLE_WORDS = word_set(
    """staff writer writers editor editors editorial correspondent correspondents reporter
    reporters contributor contributors contributing columnist producer senior chief
    associate assistant managing deputy executive special freelance guest news desk team
    admin administrator webmaster photographer photographers photo photos video author
    authors the our of for and in at global national foreign political business health
    science technology sports culture opinion investigative international bureau head
    digital content manager marketing director founder ceo co-founder cofounder intern
    wire service services press agency agencies newsroom copy crew updated published
    posted by view all posts more articles profile expert specialist analyst
    strategist lead coordinator reviewer learn written about read all home community
    sponsored sponsor partner"""
)
#: Words that make a site name an organisation's rather than a person's.
ORG_WORDS = word_set(
    """news magazine media times post press daily weekly journal tribune herald gazette
    radio tv television network online digital group inc ltd llc corp company co blog
    team staff editors editorial store shop agency studio studios solutions services
    university college school institute center centre foundation association society
    hospital clinic health bank insurance the official club"""
)
#: Words before a name that are not part of it ("Author Jane Doe", "More About Jane Doe").
LEADING_NOISE = word_set(
    "author authors by written posted more about articles article insights from view all "
    "posts profile meet read learn"
)
#: Job-title words that end a name when they follow two or more words of it ("Keith
#: Barry Senior Autos", "Mateusz Haberny Founder"); team words ("Team", "Editors") are not
#: here, since "The Investopedia Team" is how such a page signs.
JOB_TITLES = word_set(
    """senior junior chief founder co-founder cofounder ceo cto coo cmo director manager
    coordinator reviewer head lead former contributing staff writer editor reporter
    correspondent columnist producer marketing content"""
)
#: Last words that make a piece a job title, not a name ("Digital Security Expert").
TITLE_ENDINGS = (
    JOB_TITLES
    | word_set(
        "expert experts attorney lawyer educator educators gardener astrologer consultant "
        "specialist analyst strategist physician nurse designer developer engineer"
    )
) - {"staff"}
#: Day names that datelines put where a byline's name would be ("Sat, 20 Dec").
WEEKDAYS = word_set(
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday"
)
#: Titles that trail a name without a comma ("Jane Doe Staff Writer").
TRAILING_ROLES = word_set(
    "staff writer reporter correspondent editor contributor columnist producer"
)
#: Post-nominal credentials kept with the name before them ("Dylan Bailey, MS, RD").
#: Degrees and US/UK health, finance and law certifications seen in bylines of the dev set's
#: health, finance and wine pages; "Jane Doe, NPR" must not read as one, so this is a list.
CREDENTIALS = word_set(
    """phd md do dds dmd dvm vmd rn np lpn pa pa-c ms msc ma mba mph mfa ba bs bsc jd llm esq
    rd rdn ld ldn cde cdces fand foma dabom facp facs faclm fapa dacvb lvt vts cpt cscs
    ryt e-ryt cfp cfa cpa chfc clu aif ea lcsw lmft lpc psyd edd mw dws ccsp cissp pmp
    jr sr ii iii iv"""
)
#: Lower-case words inside a capitalised name ("Marna van der Merwe", "Anya von Bremzen").
PARTICLES = word_set(
    "van von der den de del della di da dos das du la le bin ibn al el y e ter ten zu st"
)
#: Lower-case words an organisation's credit may hold ("Center for Drug Evaluation").
FUNCTION_WORDS = word_set("of for the and in at on to")
#: A last word with a capitalised word run into it ("HabernyFounder").
_GLUED = re.compile(r"^(\w{3,}[a-z])([A-Z][a-z]+)$")
_CREDENTIAL_TOKEN = re.compile(r"^([A-Za-z][A-Za-z.\-]{0,8})$")
_CAPS = re.compile(r"^[A-Z]{2,6}(?:-[A-Z]{1,4})?$")
#: News agencies and networks: never an author, a sign of syndication instead.
AGENCIES = name_set(
    "associated press|ap|reuters|afp|agence france-presse|agence france presse|bloomberg|"
    "bloomberg news|upi|united press international|dpa|efe|ansa|xinhua|pti|ians|cnn|npr|bbc|"
    "bbc news|pa|pa media|press association|cnn wire|tribune news service|"
    "tribune content agency|the conversation|kaiser health news|kff health news|"
    "the washington post|the new york times|new york times|washington post|los angeles times|"
    "usa today|associated press writer|ap writer|staff|staff reports|staff report|"
    "wire reports|news service|wire"
)

_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?:^|\s)@\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_NORM = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
#: "page.head.author", "jane.doe": template placeholders and user names, not names.
_TEMPLATE = re.compile(r"[a-z]{2,}\.[a-z]{2,}|[{}<>=_]")


def norm(text: str) -> str:
    return _NORM.sub(" ", text.lower()).strip()


def org_like(name: str) -> bool:
    """A site or publisher name that cannot be a person's: one word, a domain, or a name
    with an organisation word ("Houstonia Magazine"). "Rick Steves" as a site name can."""
    words = norm(name).split()
    return len(words) < 2 or "." in name or any(w in ORG_WORDS for w in words)


def excluded_names(exclude: Iterable[str]) -> set[str]:
    """The normalised names no author may have: agencies and organisation-like site names."""
    return {norm(e) for e in exclude if e and org_like(e)} | AGENCIES


def clean_authors(raw: Iterable[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """Person names from raw author strings, de-duplicated in order (see module docstring)."""
    excluded = excluded_names(exclude)
    names: list[str] = []
    for value in raw:
        names.extend(split_names(value, exclude))
    kept = [n for n in names if norm(n) not in excluded and is_person_name(n)]
    if len(kept) > 1:
        # Beside other names a site's name is the outlet ("Jane Doe, Commercial Appeal");
        # alone it may be the person the site is named after ("Rick Steves").
        sites = {norm(e) for e in exclude if e}
        kept = [n for n in kept if norm(n) not in sites] or kept
    unique: dict[str, str] = {}
    for name in kept:
        unique.setdefault(norm(name), name)
    return tuple(unique.values())


def split_names(value: str, exclude: Iterable[str] = ()) -> list[str]:
    """The names in one raw author string, credentials re-attached to their name."""
    text = _URL.sub(" ", _EMAIL.sub(" ", _HANDLE.sub(" ", value or "")))
    text = TAIL.sub("", BY_PREFIX.sub("", _SPACE.sub(" ", strip_dates(text)).strip()))
    sites = [norm(e) for e in exclude if e]
    excluded = excluded_names(exclude) | set(sites)
    names: list[str] = []
    pieces = SPLIT_KEEP.split(text)
    for index in range(0, len(pieces), 2):
        piece = tidy_name(BY_PREFIX.sub("", pieces[index]).strip(" .:-–—()[]\"'⋅·•»«"), sites)
        after_comma = index > 0 and pieces[index - 1].strip() == ","
        if not piece:
            continue
        if names and after_comma and is_credential(piece, excluded, names[-1].isupper()):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return names


def is_credential(
    piece: str, excluded: frozenset[str] | set[str] = frozenset(), shouting: bool = False
) -> bool:
    """ "MD", "Ph.D.", "E-RYT 200", "CEPF®": a credential of the name before it — a known
    one, or capitals that are not an outlet's name ("Jane Doe, NPR" is two things). In an
    all-capitals byline (``shouting``) capitals say nothing, so only known ones count."""
    tokens = piece.replace("®", "").replace("™", "").split()
    if not tokens or len(tokens) > 4 or norm(piece) in excluded:
        return False
    return all(
        _credential_token(t, shouting) or (i > 0 and t.isdigit()) for i, t in enumerate(tokens)
    )


def _credential_token(token: str, shouting: bool) -> bool:
    match = _CREDENTIAL_TOKEN.match(token)
    if match is None:
        return False
    if match[1].replace(".", "").lower() in CREDENTIALS:
        return True
    return not shouting and _CAPS.match(match[1]) is not None


def tidy_name(piece: str, sites: list[str]) -> str:
    """One name without what pages put around it: lead words ("Author"), an avatar's
    initials ("CM Craig McCarthy"), a job title after it ("Keith Barry Senior Autos"),
    the site's name after it ("Brian Truitt USA TODAY")."""
    words = piece.split()
    glued = _GLUED.match(words[-1]) if len(words) >= 2 else None
    if glued and glued[2].lower() in JOB_TITLES | TITLE_ENDINGS:
        words[-1] = glued[1]  # "Mateusz HabernyFounder": a title run into the name
    while len(words) > 1 and words[0].lower() in LEADING_NOISE:
        words.pop(0)
    if len(words) >= 3 and words[0].isupper() and words[0] == "".join(w[0] for w in words[1:]):
        words.pop(0)
    cut = next((i for i, w in enumerate(words) if i >= 2 and w.lower() in JOB_TITLES), None)
    if cut is not None and any(w.startswith("(") for w in words[:cut]):
        cut = None  # "Lance Ryan (Content Manager)": the page's own way to sign
    words = words[:cut] if cut is not None else words
    text = " ".join(words)
    for site in sites:
        kept = text.split()[: -len(site.split())]
        if len(site) > 2 and norm(text).endswith(" " + site) and len(kept) >= 2:
            text = " ".join(kept)  # "Illinois Admissions" stays: one word is no name
    return strip_roles(text)


def strip_dates(text: str) -> str:
    """``text`` without the dates and times in it ("Jane Doe, Dec 17, 2025" → "Jane Doe, ")."""
    for pattern in DATE_PATTERNS:
        text = pattern.sub(" ", text)
    return text


def strip_roles(piece: str) -> str:
    """Drop trailing job titles ("Jane Doe Staff Writer" → "Jane Doe")."""
    words = piece.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in TRAILING_ROLES:
        words.pop()
    return " ".join(words)


def is_person_name(name: str) -> bool:
    """Looks like a person's name: 1–6 words, no digits, not made of role words only."""
    base = name.split(",")[0]
    words = base.split()
    if not 1 <= len(words) <= 6 or len(base) > 60 or len(base) < 2 or _DIGIT.search(base):
        return False
    if all(w.lower().strip(".") in ROLE_WORDS for w in words) or _TEMPLATE.search(base):
        return False
    if is_title_piece(base) or base.lower().strip(".") in WEEKDAYS:
        return False  # "Former McKinsey Consultant", "Home Security Expert": a title, no name
    if len(words) == 1 and base.isupper() and len(base) <= 5:
        return False  # "NYT", "NB": an outlet's or an avatar's letters, not a name
    if words[0][:1].isupper() and any(
        w[:1].islower() and w not in PARTICLES and w not in FUNCTION_WORDS for w in words[1:]
    ):
        return False  # "Personal finance": a capitalised phrase, not a name
    return any(w[:1].isalpha() for w in words)


#: A visible byline: "By Deborah Amos", "BY JANE DOE AND JOHN ROE | Updated ...".
BYLINE_START = re.compile(
    r"^\s*(?:(?:written|words|posted|story|text|reported)\s+)?" + _BY + r"\s*\S", re.IGNORECASE
)
#: Longest block taken for a byline; real ones are a name or three plus a date.
MAX_BYLINE = 120


def byline_names(
    text: str, known: Iterable[str] = (), exclude: Iterable[str] = ()
) -> tuple[str, ...]:
    """The names of a byline block, or () when the block is not clearly a byline.

    A byline starts with "By …" and yields names, or is a short block made of names already
    known from the page's structured data (plus an optional "Site" or agency after a comma).
    """
    if len(text) > MAX_BYLINE:
        return ()
    if BYLINE_START.match(text):
        names = clean_authors([text], exclude)
        return names if names and mostly_names(text, names) else ()
    dated = name_with_date(text, exclude)
    if dated:
        return dated
    known_norm = [norm(k) for k in known if k]
    pieces = [norm(p) for p in SPLIT.split(TAIL.sub("", text)) if norm(p)]
    excluded = excluded_names(exclude)
    if (
        pieces
        and known_norm
        and pieces[0] in known_norm
        and all(p in known_norm or p in excluded for p in pieces)
    ):
        return clean_authors([text], exclude)
    return ()


def name_with_date(text: str, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """ "Dakota Hebert July 3, 2025", "Dec 26, 2025 • Mahua Das": one capitalised name of
    two to four words and a date, nothing else — a byline without "By"."""
    stripped = strip_dates(text)
    if stripped == text:
        return ()
    rest = TAIL.sub("", stripped.strip(" ,.|·•⋅-–—")).strip(" ,.|·•⋅-–—")
    rest = re.sub(r"\s+in\s+[A-Z].*$", "", rest)  # "... in Project Management" (a section)
    words = rest.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return ()
    if any(w.lower() in ROLE_WORDS or w.lower() in ORG_WORDS for w in words):
        return ()
    return clean_authors([rest], exclude)


def mostly_names(text: str, names: tuple[str, ...]) -> bool:
    """A "By ..." block that is really prose ("By the time we arrived, ...") fails this:
    the names must cover at least half of what is left once dates and job titles are out."""
    head = TAIL.sub("", BY_PREFIX.sub("", strip_dates(text))).strip(" ,.|·•-–—")
    pieces = [p for p in SPLIT.split(head) if p.strip() and not is_title_piece(p)]
    covered = sum(len(n.split(",")[0]) for n in names)
    rest = sum(len(p.strip()) for p in pieces)
    return covered >= 0.5 * rest and all(n[:1].isupper() for n in names)


def is_title_piece(piece: str) -> bool:
    """ "Extension horticulture educators", "Senior Writer": a job title, not a name."""
    words = piece.lower().split()
    return bool(words) and (
        words[0] in JOB_TITLES or words[-1] in TITLE_ENDINGS or all(w in ROLE_WORDS for w in words)
    )


#: How an author bio goes on after the author's name ("Deborah Amos covers ...").
BIO_VERBS = re.compile(
    r"^\s*(?:is|was|covers|writes|has|joined|reports|serves|leads|holds|lives|works|"
    r"specializes|specialises|teaches|founded|edits|hosts|began|graduated|earned)\b",
    re.IGNORECASE,
)
#: Longest block taken for a bio.
MAX_BIO = 700


def is_bio(text: str, authors: Iterable[str]) -> bool:
    """A block that starts with a known author's name and goes on like a bio."""
    if len(text) > MAX_BIO:
        return False
    for author in authors:
        name = author.split(",")[0].strip()
        if name and text.startswith(name) and BIO_VERBS.match(text[len(name) :]):
            return True
    return False


#: Elements holding a visible byline, best first: explicit byline classes, author links
#: (rel=author, /author/ URLs, WordPress "author vcard"), then any class naming an author.
DOM_BYLINE_SELECTORS: tuple[str, ...] = (
    '[class*="byline" i]',
    '[rel~="author"], a[href*="/author/"], a[href*="/authors/"], .author.vcard, .fn',
    '[class*="author-name" i], [class*="authorname" i], [class*="author" i]',
)
#: Containers whose author names belong to someone else (comments, related posts).
DOM_SKIP = re.compile(
    r"comment|reply|related|recommend|widget|sidebar|footer|review", re.IGNORECASE
)
#: Longest element text read as a byline (characters).
MAX_DOM_BYLINE = 100


def dom_authors(tree: LexborHTMLParser, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """Names from the first byline-like element (see ``DOM_BYLINE_SELECTORS``)."""
    for text in dom_bylines(tree):
        names = clean_authors([text], exclude)
        if names and (BYLINE_START.match(text) or mostly_names(text, names)):
            return names
    return ()


def dom_bylines(tree: LexborHTMLParser) -> Iterator[str]:
    """The texts of the byline-like elements of the page, best selector first, each short
    and outside comments, related posts and sidebars (see ``DOM_BYLINE_SELECTORS``)."""
    for selector in DOM_BYLINE_SELECTORS:
        for node in tree.css(selector)[:20]:
            text = _SPACE.sub(" ", node.text(deep=True, separator=" ")).strip()
            if text and len(text) <= MAX_DOM_BYLINE and not _in_skipped(node):
                yield text


#: An element's own text that opens a visible byline: "By", "Written by", "Contributors:"
#: (after a date: "Mar 24, 2025 By", "12/19 — 2025 by"), the names in child elements.
VISIBLE_LEAD = re.compile(
    r"^(?:(?:written|posted|words|story|text|reported|article)\s+)?by\b\s*:?|"
    r"^(?:authors?|contributors?|writer|written by)\s*:",
    re.IGNORECASE,
)
#: What any ``VISIBLE_LEAD`` match needs in the raw text ("by" as a word, or a digit
#: before it: "2025By"), checked before the costly date stripping.
_LEAD_HINT = re.compile(r"(?:^|[\W\d_])by\b|(?:authors?|contributors?|writer)\s*:", re.IGNORECASE)
#: Longest visible byline read (characters, once dates are out).
MAX_VISIBLE_BYLINE = 80
#: Longest raw text looked at for a visible byline: dates aside, a byline is short, and
#: cleaning a container's whole text costs milliseconds.
MAX_RAW_BYLINE = 400
#: Elements looked at for a visible byline, at most (the byline sits near the top).
MAX_VISIBLE_NODES = 3000


def visible_byline_authors(tree: LexborHTMLParser, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """Names from the first short element that prints a byline ("By Amy Wilhelm",
    "Contributors: Janet Loughrey", "Mar 24, 2025 By Jerry Chu") whatever its markup —
    for pages whose byline has no author class, no link to an author page and no block
    of its own. Outside comments, related posts, sidebars and footers."""
    body = tree.body
    if body is None:
        return ()
    for count, node in enumerate(body.traverse()):
        if count > MAX_VISIBLE_NODES:
            break
        raw = node.text(deep=False)
        if not raw or ("by" not in raw.lower() and ":" not in raw):
            continue  # substring tests first: the hint's regex is slower on long text
        if not (raw := _bounded(raw)) or not _LEAD_HINT.search(raw):
            continue  # no lead-in possible; cheaper than cleaning every node's text
        own = _lead_text(raw)
        if not own or not VISIBLE_LEAD.match(own):
            continue
        holder: LexborNode | None = node
        text = _lead_text(_bounded(node.text(deep=True, separator=" ")))
        if VISIBLE_LEAD.fullmatch(text) and node.parent is not None:  # <span>By</span> <a>…
            holder = node.parent
            text = _lead_text(_bounded(holder.text(deep=True, separator=" ")))
        lead = VISIBLE_LEAD.match(text)
        if lead is None or lead.end() == len(text) or len(text) > MAX_VISIBLE_BYLINE:
            continue  # "Solutions <b>by</b> Company Size": the lead-in must open the text
        if holder is None or _in_skipped(holder) or _in_menu(holder):
            continue
        text = VISIBLE_LEAD.sub("By ", text, count=1)
        names = clean_authors([text], exclude)
        if names and mostly_names(text, names):
            return names
    return ()


#: Navigation containers: "Shop by Brand", "Solutions by Company Size" are no bylines.
MENU = re.compile(r"\b(?:nav|menu|filter|dropdown|breadcrumb)", re.IGNORECASE)


def _in_menu(node: LexborNode) -> bool:
    """Inside a ``<nav>``, a ``<header>`` menu or an element classed as a menu or filter."""
    current: LexborNode | None = node
    for _ in range(8):
        if current is None:
            return False
        if current.tag in ("nav", "select", "option", "button", "label", "form"):
            return True
        marks = f"{current.attributes.get('class') or ''} {current.attributes.get('id') or ''}"
        if MENU.search(marks):
            return True
        current = current.parent
    return False


def _bounded(text: str) -> str:
    """``text`` (spaces folded when long), or "" when it is too long to be a byline (see
    ``MAX_RAW_BYLINE``)."""
    if len(text) <= MAX_RAW_BYLINE:
        return text
    folded = " ".join(text.split())
    return folded if len(folded) <= MAX_RAW_BYLINE else ""


def _lead_text(text: str) -> str:
    """Text with spaces folded and the dates and separators before a lead-in out."""
    return strip_dates(_SPACE.sub(" ", text)).strip(" ,.|·•⋅-–—/").strip()


def _in_skipped(node: LexborNode) -> bool:
    """Inside a comment, related-posts or sidebar container (checks a few ancestors)."""
    current: LexborNode | None = node
    for _ in range(8):
        if current is None:
            return False
        marks = f"{current.attributes.get('class') or ''} {current.attributes.get('id') or ''}"
        if DOM_SKIP.search(marks) or current.tag in ("footer", "aside"):
            return True
        current = current.parent
    return False


#: Longest credit kept when a page names no person (words, characters).
MAX_CREDIT_WORDS = 6
MAX_CREDIT_CHARS = 60
#: Month names: with a number beside them a credit is a date ("Jun 2").
MONTHS = word_set(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december"
)
#: Template debris that is no credit ("{{author}}", "<b>").
_CREDIT_DEBRIS = re.compile(r"[{}<>=]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class AuthorCredits:
    """The raw author credits of a page, per source, before cleaning."""

    jsonld: tuple[str, ...] = ()
    jsonld_orgs: tuple[str, ...] = ()
    meta: tuple[str, ...] = ()
    item: tuple[str, ...] = ()
    dom: tuple[str, ...] = ()


def clean_credit(value: str) -> str:
    """A byline as printed when it names no person ("By ASU Online", "Podium Staff"): the
    lead-in, dates, URLs and e-mails out; "" when nothing credit-like is left (a numeric
    id, a profile URL, template debris, a sentence)."""
    text = _URL.sub(" ", _EMAIL.sub(" ", value or ""))
    text = TAIL.sub("", BY_PREFIX.sub("", _SPACE.sub(" ", strip_dates(text)).strip()))
    words = text.strip(" .:-–—()[]\"'⋅·•»«|,").split()
    while words and words[0].lower() in LEADING_NOISE:  # "Articles by Juliette"
        words.pop(0)
    while words and words[-1].lower() in LEADING_NOISE:  # "Jun 2 Written By"
        words.pop()
    text = " ".join(words).strip(" .:-–—()[]\"'⋅·•»«|,")
    if _DIGIT.search(text) and any(w.lower().strip(".,") in MONTHS for w in words):
        return ""  # a date strip_dates did not know ("Jun 2")
    if not 1 <= len(words) <= MAX_CREDIT_WORDS or len(text) > MAX_CREDIT_CHARS:
        return ""
    if _CREDIT_DEBRIS.search(text) or not _LETTER.search(text) or _DIGIT.fullmatch(text[:1]):
        return ""
    return text


def credit_fallback(credits: AuthorCredits) -> tuple[str, ...]:
    """The page's first printed credit, for a page that credits no person: the JSON-LD
    author (a person entry the cleaning dropped, or an organisation), then ``<meta>``,
    microdata, a byline-like element. One credit, as printed ("Podium Staff", "Swoogo")."""
    for source in (
        (*credits.jsonld, *credits.jsonld_orgs),
        credits.meta,
        credits.item,
        credits.dom,
    ):
        for value in source:
            credit = clean_credit(value)
            if credit:
                return (credit,)
    return ()


#: The benchmark's author comparison: parts split on , ; & " and ", normalised, as a set.
_KEY_SPLIT = re.compile(r",|;|&| and ")


def author_key(names: Iterable[str]) -> frozenset[str]:
    """The comparison key of an author list (two lists with one key are one answer)."""
    return frozenset(n for p in _KEY_SPLIT.split(", ".join(names)) if (n := norm(p)))


def author_candidates(
    sources: Mapping[str, tuple[str, ...]],
    credits: AuthorCredits,
    chosen: tuple[str, ...],
    exclude: Iterable[str] = (),
) -> list[Candidate[tuple[str, ...]]]:
    """Every author answer the page offers, with features for ``rank``.

    In: each person source's cleaned names (keyed ``jsonld``, ``meta``, ``item``,
    ``byline``, ``dom``, ``visible``), the raw credits, the rules' answer and the site's
    names. Out: one candidate per distinct answer — each source's names, the first of a
    source's several names (related-post authors, reviewers after the author), each
    source's first printed credit (an organisation, a team) — with which sources give it,
    how many, its shape and whether the rules chose it.
    """
    found: dict[frozenset[str], tuple[tuple[str, ...], dict[str, float]]] = {}

    def add(names: tuple[str, ...], feature: str) -> None:
        key = author_key(names)
        if key:
            found.setdefault(key, (names, {}))[1][feature] = 1.0

    add(chosen, RULES_CHOICE)
    for source, names in sources.items():
        add(names, f"src_{source}")
        if len(names) > 1:
            add(names[:1], f"first_{source}")
    for source, values in (
        ("jsonld", credits.jsonld),
        ("jsonld_org", credits.jsonld_orgs),
        ("meta", credits.meta),
        ("item", credits.item),
        ("dom", credits.dom),
    ):
        credit = next((c for v in values if (c := clean_credit(v))), "")
        add((credit,) if credit else (), f"credit_{source}")
    sites = {norm(e) for e in exclude if e}
    return [
        Candidate(names, {**feats, **_author_shape(names, feats, sites)})
        for names, feats in found.values()
    ]


def _author_shape(
    names: tuple[str, ...], feats: Mapping[str, float], sites: set[str]
) -> dict[str, float]:
    """Agreement and shape features of one author candidate (see ``author_candidates``)."""
    words = [w for n in names for w in n.split(",")[0].split()]
    return {
        "n_sources": float(sum(k.startswith("src_") for k in feats)),
        "credit_only": float(not any(k.startswith(("src_", "first_")) for k in feats)),
        "first_only": float(not any(k.startswith("src_") for k in feats)),
        "n_credits": float(sum(k.startswith("credit_") for k in feats)),
        "n_names": float(len(names)),
        "one_name": float(len(names) == 1),
        "is_site": float(any(norm(n) in sites for n in names)),
        "person": float(all(is_person_name(n) for n in names)),
        "org_words": float(any(w.lower() in ORG_WORDS for w in words)),
        "role_words": float(any(w.lower() in ROLE_WORDS for w in words)),
        "single_word": float(len(words) == 1),
        "lower": float(any(n == n.lower() for n in names)),
        "credential": float(any("," in n for n in names)),
    }


# --- A personal site's owner: the author when the page credits nobody ---

#: A site name that says whose it is: "Colin Watson's blog", "Jan's notes".
POSSESSIVE_SITE = re.compile(
    r"^(?P<name>.+?)['’]s\s+(?:blog|site|website|weblog|notes|homepage|journal|newsletter)$",
    re.IGNORECASE,
)
#: A copyright line's holder: "© 2025 Toby Hede. All rights reserved.", "Copyright 2019-2025
#: Jane Doe".
COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+(?:[^\W\d_]\.|[^\W\d_][\w'’-]*)){1,2})",
    re.IGNORECASE,
)
#: Where a copyright line is looked for, and how much of each element is read.
COPYRIGHT_SELECTOR = 'footer, [class*="copyright" i], [id*="copyright" i], [class*="footer" i]'
MAX_COPYRIGHT_NODES, MAX_COPYRIGHT_TEXT = 4, 2000
#: Last words that make a name a business's ("Ovolo Hotels", "Facet Wealth", "Eardopes
#: Int"): companies are often named like their domain, as personal sites are.
BUSINESS_WORDS = word_set(
    """hotels hotel servers server fitness depot wealth int bv gmbh ag sa plc pty limited
    holdings partners labs lab systems technologies tech software consulting capital
    ventures marketing design designs realty homes coffee roasters roaster lifting
    skateboards bikes electric privacy apps cloud finance financial legal law dental
    care yoga studio travel tours foods kitchen interiors security energy global desktop
    hardware baking bakery edge silver gold"""
)
#: Shortest first name that, as the whole host label, ties the name to the site.
MIN_HOST_PART = 4
#: Shortest first name looked for at the start of a host label.
MIN_FIRST_NAME = 2


def site_owner(
    site_name: str, title: str, copyright_texts: Callable[[], Iterable[str]], url: str | None
) -> tuple[str, ...]:
    """The person a personal site belongs to, when the evidence ties the name to the site:
    its name is in the host ("Toby Hede" on tobyhede.com, "Pierce Freeman" on pierce.dev)
    or the site is named for them ("Colin Watson's blog").

    In: the site's name, the ``<title>``, a reader of the footer/copyright texts (only
    called when the host could hold a first name) and the URL. The names
    come from the site's name, the ``<title>``'s parts after the headline ("… | Pierce
    Freeman", "… (Erik Demaine)") and copyright lines. Out: one name, or ()."""
    possessive = POSSESSIVE_SITE.match(site_name.strip())
    if possessive and _owner_name(possessive["name"]):
        return (possessive["name"].strip(),)
    host = (urlsplit(url or "").hostname or "").lower().removeprefix("www.")
    if not host:
        return ()
    label = host.split(".")[0].replace("-", "")
    if not any(label[:i] in first_names() for i in range(MIN_FIRST_NAME, len(label) + 1)):
        return ()  # the host carries no first name: no owner can be tied to it
    names = [site_name, *_title_tails(title)]
    for text in copyright_texts():
        names.extend(m["name"] for m in COPYRIGHT_HOLDER.finditer(text))
    for name in names:
        name = name.strip(" .,")
        if _owner_name(name) and _in_host(name, host):
            return (name,)
    return ()


def _title_tails(title: str) -> list[str]:
    """The parts of a ``<title>`` after its first ("Post | Name", "Post (Name)")."""
    parts = re.split(r"\s+[|\-–—:·•]\s+|\s*\|\s*", title.strip())
    paren = re.search(r"\(([^()]+)\)\s*$", title)
    return parts[1:] + ([paren.group(1)] if paren else [])


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names, lowercased (``data/first-names.txt``, the US census list)."""
    text = (resources.files("dehusk") / "metadata" / "data" / "first-names.txt").read_text()
    return frozenset(n for n in text.split("\n") if n and not n.startswith("#"))


def _owner_name(name: str) -> bool:
    """Two or three capitalised words that are a person's name and no organisation's: the
    first a known first name (companies are named like their domains too: "Ovolo Hotels")."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and words[0].lower() in first_names()
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not any(w.lower().strip(".") in ORG_WORDS | BUSINESS_WORDS for w in words)
        and is_person_name(name)
    )


def _in_host(name: str, host: str) -> bool:
    """The host's first label is the whole name squashed ("tobyhede.com") or its first
    name ("pierce.dev", "owain.bearblog.dev")."""
    label = host.split(".")[0].replace("-", "")
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", name)]
    return label == "".join(words) or (len(words[0]) >= MIN_HOST_PART and label == words[0])


def copyright_texts(tree: LexborHTMLParser) -> list[str]:
    """The texts of the page's footer and copyright elements (a few, each bounded)."""
    return [
        node.text(deep=True, separator=" ")[-MAX_COPYRIGHT_TEXT:]
        for node in tree.css(COPYRIGHT_SELECTOR)[:MAX_COPYRIGHT_NODES]
    ]
