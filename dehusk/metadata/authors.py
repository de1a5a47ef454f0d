"""Authors: clean person names out of whatever a page calls its author, and recognise the
byline and author-bio blocks of the body.

In: raw author strings (JSON-LD, meta tags, a visible byline) and the names to exclude (the
site, the publisher). Out: a tuple of person names — no "By", no "and", no job titles
("Staff Writer", "Correspondent"), no site or agency names, no e-mails or @handles, no
duplicates. Post-nominal credentials ("Ph.D.", "MD, RD") stay attached to their name: they
are part of how the person signs, not a separate author. The page's own recognisers (byline
elements, visible "By" lines, a personal site's owner) and the chooser's author candidates
are in ``author_sources``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from dehusk.metadata.dates import may_hold_date
from dehusk.metadata.dates import patterns_for as date_patterns


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
#: What ends a byline's names: a date, a "Published"/"Updated" note, a reading time. A
#: separator or " at " ends them wherever it stands; " on " only before what a byline puts
#: there (a date, a weekday, "today", "behalf of", a social network), since names hold it
#: too ("White on Rice Couple").
TAIL = re.compile(
    r"\s+(?:at|—|–|-|\||·|•|⋅)\s+.*$"
    r"|\s+on\s+(?=[\d(]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri"
    r"|sat|sun|today|yesterday|behalf|twitter|facebook|instagram|linkedin)\w*\b).*$"
    r"|(?-i:\s+(?:on|at)$)|\s*\b(?:published|updated|posted|last\s+updat\w*|"
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
    posted by view all posts more articles profile expert specialist analyst corresponding
    strategist lead coordinator reviewer learn written about read all home community
    sponsored sponsor partner member members moderator moderators"""
)
#: Words that make a site name an organisation's rather than a person's.
ORG_WORDS = word_set(
    """news magazine media times post press daily weekly journal tribune herald gazette
    radio tv television network online digital group inc ltd llc corp company co blog
    team staff editors editorial store shop agency studio studios solutions services
    university college school institute center centre foundation association society
    hospital clinic health bank insurance the official club forum"""
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
#: Job nouns that make a piece after a name's comma a title wherever they stand in it
#: ("Sr. Director of Operations", "CEO of CaseBasix"); rarely a surname, unlike "Head" or
#: "Senior".
TITLE_NOUNS = word_set(
    """director manager officer president vice vp ceo cto coo cmo cfo founder co-founder
    cofounder editor editor-in-chief writer reporter correspondent columnist producer
    coordinator specialist analyst expert consultant educator strategist"""
)
#: What a script or template prints where it has no value: never a name or a credit
#: ("undefined" in a JSON-LD author; "Name", a theme's field label left in ``<meta>``).
PLACEHOLDERS = word_set("undefined null none nan nil false true [object object] name")
#: Social networks a ``rel=author`` link points to (Google+ authorship markup, 2011-2019,
#: linked the author's profile as "Google +"): the link's text names the network, not a
#: person. Dragnet pages of 2012 print them.
NETWORKS = word_set("google google+ googleplus plus twitter facebook linkedin instagram youtube")
#: A page's controls and labels that byline-classed elements hold on 2012 news and blog
#: themes (dragnet: "View Comments", "RSS" beside the author's link, a "Dateline" label):
#: alone, never a name or a credit.
UI_WORDS = word_set("comments comment reply replies rss feed share print email subscribe dateline")
#: A first-person possessive makes a piece a call to action ("View my complete profile",
#: Blogger's profile link with ``rel=author``), never a name; "Our Editors" and "Your
#: Native Teacher" are how dev pages sign, so only "my".
POSSESSIVES = word_set("my")
#: Words that stand in for the writer without naming them: a couple's blog links its "About
#: Us" page with ``rel=author``, a guest post signs "by Guest" (9 dragnet pages gave them as
#: the author, no wcxb-dev page). Alone, never a name or a credit.
STAND_INS = word_set("us me we guest")
#: What a "browse by"/"sort by" menu offers after its "By" ("By Category", "By Price"):
#: alone, never a name.
FACETS = word_set(
    """category categories price prices brand brands topic topics type types date size
    color colour popularity rating relevance subject location region industry manufacturer
    manufacturers occasion occasions style styles material materials department room
    season genre format level country state city year"""
)
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

EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?:^|\s)@\w+")
URL = re.compile(r"https?://\S+|www\.\S+")
_NORM = re.compile(r"[\W_]+")
SPACE = re.compile(r"\s+")
DIGIT = re.compile(r"\d")
#: "page.head.author", "jane.doe": template placeholders and user names, not names.
_TEMPLATE = re.compile(r"[a-z]{2,}\.[a-z]{2,}|[{}<>=_]")


@lru_cache(maxsize=2048)
def norm(text: str) -> str:
    """``text`` lowercased, its runs of non-word characters one space. Cached: one page's
    names and pieces are normalised again by each source, check and candidate."""
    return _NORM.sub(" ", text.lower()).strip()


def org_like(name: str) -> bool:
    """A site or publisher name that cannot be a person's: one word, a domain, or a name
    with an organisation word ("Houstonia Magazine"). "Rick Steves" as a site name can."""
    words = norm(name).split()
    return len(words) < 2 or "." in name or any(w in ORG_WORDS for w in words)


def excluded_names(exclude: Iterable[str]) -> frozenset[str]:
    """The normalised names no author may have: agencies and organisation-like site names."""
    return _excluded(tuple(exclude))


@lru_cache(maxsize=64)
def _excluded(exclude: tuple[str, ...]) -> frozenset[str]:
    # One page asks for the same site names a few hundred times (every name cleaned).
    return frozenset({norm(e) for e in exclude if e and org_like(e)} | AGENCIES)


#: "Roy, Aniruddha", "van der Merwe, Marna J.": a surname (particles allowed before it),
#: a comma, then given names — how citation meta tags (``citation_author``) write a name.
_INVERTED = re.compile(
    r"^\s*(?P<last>(?:[a-z]+\s+){0,3}[^\W\d_][\w'’-]*)\s*,\s*"
    r"(?P<first>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2})\s*$"
)


def uninvert(value: str) -> str:
    """ "Roy, Aniruddha" → "Aniruddha Roy": a name in citation order put back in reading
    order; any other value unchanged ("Jane Doe, MD", "Rui Ma, Heba Ledwon")."""
    match = _INVERTED.match(value or "")
    if match is None or is_credential(match["first"]):
        return value
    last = match["last"].split()
    if any(w not in PARTICLES for w in last[:-1]) or not last[-1][:1].isupper():
        return value
    return f"{match['first']} {match['last']}"


def clean_authors(raw: Iterable[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """Person names from raw author strings, de-duplicated in order (see module docstring)."""
    values = tuple(raw)
    return _clean_authors(values, tuple(exclude)) if values else ()


@lru_cache(maxsize=1024)
def _clean_authors(raw: tuple[str, ...], exclude: tuple[str, ...]) -> tuple[str, ...]:
    """``clean_authors``, cached: one page cleans the same strings for several sources and
    checks (its byline block, its byline-classed elements, the declared names twice)."""
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
    text = URL.sub(" ", EMAIL.sub(" ", _HANDLE.sub(" ", value or "")))
    text = TAIL.sub("", BY_PREFIX.sub("", " ".join(strip_dates(cut_at_date(text)).split())))
    text = drop_titles(text)
    if EMPTY_LABEL.match(text):
        return []  # "Timestamp: --": a label with no value (a consent panel's field)
    sites = [norm(e) for e in exclude if e]
    excluded = excluded_names(exclude) | set(sites)
    names: list[str] = []
    pieces = SPLIT_KEEP.split(text)
    for index in range(0, len(pieces), 2):
        piece = tidy_name(_strip_edges(BY_PREFIX.sub("", pieces[index])), sites)
        after_comma = index > 0 and pieces[index - 1].strip() == ","
        if not piece:
            continue
        if names and after_comma and is_credential(piece, excluded, names[-1].isupper()):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return names


#: A label and nothing after it but dashes ("Timestamp: --", "User ID:").
EMPTY_LABEL = re.compile(r"^\s*[^:]{1,40}:\s*[-–—.]*\s*$")
#: Symbols before a name: an e-mail icon ("✉ Aditya Mahindru"), a bullet, an arrow.
LEAD_SYMBOLS = re.compile(r"^[^\w(\"'“‘]+")


#: Punctuation around a name, footnote marks and bullets included ("Angela Holliday-Bell,
#: MD*", "Meaghan Weeden ●").
_EDGES = " .:-–—[]\"'⋅·•●▪■»«*†‡"


def _strip_edges(piece: str) -> str:
    """A piece without the punctuation around it, a parenthesis kept when it closes one
    the name opened ("Paramita (Guha) Ghosh", "Mycle (Editor-in-Chief)")."""
    text = LEAD_SYMBOLS.sub("", piece).strip(_EDGES).lstrip("(")
    text = text if text.count("(") >= text.count(")") else text.rstrip(")")
    return text.strip(_EDGES)


#: Comma and semicolon separators, kept (``drop_titles`` works segment by segment).
_SEGMENTS = re.compile(r"(\s*[,;]\s*)")
#: Separators inside one comma segment ("Privacy and Digital Security Expert").
_JOINS = re.compile(r"(\s*(?:&|\band\b|\bwith\b)\s*)", re.IGNORECASE)


def drop_titles(text: str) -> str:
    """A byline without the job titles set off by commas, and the employer or beat after
    them: "Jane Doe, Privacy and Digital Security Expert" → "Jane Doe"; "Ben Jo, Sr.
    Director of Operations, Atlas Van Lines" → "Ben Jo"; "Zack Cue Writer, Hardware" →
    "Zack Cue Writer"; "Vanessa Mendez, MD, gastroenterologist, Parkview Health" →
    "Vanessa Mendez, MD". A title's "and" is not a second author's, so titles go before the
    names are split; a co-author after a title stays ("Jane Doe, Editor, and John Roe")."""
    segments = _SEGMENTS.split(text)
    if len(segments) < 3:
        return text
    out = [segments[0]]
    after_title = _ends_in_title(segments[0])
    capitalised = any(c.isupper() for c in segments[0])
    for index in range(2, len(segments), 2):
        sep, segment = segments[index - 1], segments[index]
        joins = _JOINS.split(segment)
        titled = [
            i
            for i in range(0, len(joins), 2)
            if _title_like(joins[i]) or (capitalised and _lower_words(joins[i]))
        ]
        if titled and not is_credential(segment):
            rest = "".join(joins[titled[-1] + 2 :]).strip()
            rest = rest if _first_name_led(rest) else ""  # "Head of Marketing and Community
            after_title = not rest  # Development": a title's own "and", no co-author
            if rest:
                out.extend((sep, rest))
            continue
        new_author = _JOINS.match(segment) is not None  # ", and John Roe"
        if after_title and sep.strip() == "," and not new_author and not _first_name_led(segment):
            after_title = False  # the employer or beat of the title before it
            continue
        after_title = _ends_in_title(segment)
        out.extend((sep, segment))
    return "".join(out)


def _title_like(piece: str) -> bool:
    """A piece that is a job title: ``is_title_piece`` or a job noun anywhere in it."""
    words = [w.strip(".,()") for w in piece.lower().split()]
    return bool(words) and (is_title_piece(piece) or any(w in TITLE_NOUNS for w in words))


def _lower_words(piece: str) -> bool:
    """ "gastroenterologist", "founder of Acme": a description in lower case (after a
    capitalised name, never a name; user names stand alone, not after one)."""
    words = piece.split()
    return bool(words) and words[0][:1].islower() and words[0].isalpha()


def _ends_in_title(segment: str) -> bool:
    """ "Zackery Cuevas Writer": a name of two words or more with a title after it."""
    words = segment.split()
    last = words[-1].lower().strip(".") if words else ""
    return len(words) >= 3 and last in TRAILING_ROLES | TITLE_ENDINGS


def _first_name_led(segment: str) -> bool:
    """A segment starting like a person's name (a known first name, capitalised)."""
    words = segment.split()
    return bool(words) and words[0][:1].isupper() and words[0].lower() in first_names()


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names, lowercased (``data/first-names.txt``, the US census list)."""
    return _name_file("first-names.txt")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every given name of the US baby-name records (``data/given-names.txt``; 36,719
    names, "Pierce", "Owain", "Christoffer" among them) and the census list: a test for a
    name that other evidence already ties to the page, since many of these names are also
    words or brands ("Green", "Master", "Tiger")."""
    return first_names() | _name_file("given-names.txt")


def _name_file(name: str) -> frozenset[str]:
    text = (resources.files("dehusk") / "metadata" / "data" / name).read_text()
    return frozenset(n for n in text.split("\n") if n and not n.startswith("#"))


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


LETTER = re.compile(r"[^\W\d_]")


def cut_at_date(text: str) -> str:
    """A byline up to its date when names come before it: "by jsteinhardt 18th Dec 2025
    AI Alignment Forum" → "by jsteinhardt " (what follows a byline's date is the section,
    the venue, a reading time). A date before the names ("Dec 26, 2025 • Mahua Das") stays
    for ``strip_dates``."""
    if not may_hold_date(text):
        return text
    starts = [m.start() for pattern in date_patterns(text) if (m := pattern.search(text))]
    if not starts:
        return text
    head = text[: min(starts)]
    return head if LETTER.search(BY_PREFIX.sub("", head)) else text


def strip_dates(text: str) -> str:
    """``text`` without the dates and times in it ("Jane Doe, Dec 17, 2025" → "Jane Doe, ")."""
    for pattern in date_patterns(text) if may_hold_date(text) else ():
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
    if not 1 <= len(words) <= 6 or len(base) > 60 or len(base) < 2 or DIGIT.search(base):
        return False
    if all(w.lower().strip(".") in ROLE_WORDS | UI_WORDS for w in words) or _TEMPLATE.search(base):
        return False
    if ":" in base:
        return False  # "design: Scott McDaniel": a credit's label left in, not a byline
    if base.lower() in PLACEHOLDERS or (len(words) == 1 and base.lower() in FACETS):
        return False  # "undefined"; "By Category" of a menu
    if all(w.strip("+").lower() in NETWORKS for w in words if w.strip("+")):
        return False  # "Google +": a rel=author link to a profile, named for its network
    if any(w.lower() in POSSESSIVES for w in words):
        return False  # "my complete profile": a link's call to action
    if len(words) == 1 and base.lower() in STAND_INS:
        return False  # "About Us" of a menu's rel=author link, "by Guest"
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


#: Words that make the words beside a date something other than a name.
_DATED_NON_NAMES = ROLE_WORDS | ORG_WORDS | WEEKDAYS


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
    if any(w.lower() in _DATED_NON_NAMES for w in words):
        return ()  # "Released Wednesday": what a date's line says, not who wrote it
    return clean_authors([rest], exclude)


def mostly_names(text: str, names: tuple[str, ...]) -> bool:
    """A "By ..." block that is really prose ("By the time we arrived, ...") fails this:
    the names must cover at least half of what is left once dates and job titles are out."""
    head = TAIL.sub("", BY_PREFIX.sub("", strip_dates(cut_at_date(text)))).strip(" ,.|·•-–—")
    head = drop_titles(head)  # a title and its employer are no prose
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
