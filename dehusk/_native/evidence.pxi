# The metadata evidence: one native pass over the whole document (head included) that keeps
# the elements metadata reads — <meta>, <link>, <base>, scripts, <title>, <time>, headings,
# images, figures and their captions, microdata, byline/author/date/meta-classed elements and
# author links — with their attributes, their text (folded as a whole and, as
# ``text(separator=" ")`` gives it, per text node), the context tags above them, where their
# subtree ends, and for the elements metadata reads so: a heading's text as shown and the link
# it is or sits in, a byline candidate's ancestors. Included by walk.pyx.

cdef enum:
    E_META = 1
    E_LINK = 2
    E_SCRIPT = 3
    E_TITLE = 4
    E_TIME = 5
    E_HEADING = 6
    E_IMAGE = 7
    E_FIGURE = 8
    E_ITEM = 9  # [itemprop], [property], [rel~=author]
    E_BYLINE = 10  # class/id naming an author, a byline or a date
    E_CAPTION = 11
    E_BASE = 12
    E_SCOPE = 13  # <article>, <main>, <body>: where the article's figures are looked for
    E_REGION = 14  # <footer>, class naming a footer or a copyright, id naming a copyright
    E_HOME = 15  # a link to a site's home page ("/", "https://host/") or an About page
    E_SMALL = 16  # <small> inside a <figure> (a photo credit)

#: Ancestors kept above a byline candidate (``Element.up``): the metadata stage looks at the
#: element and seven above it for a comment, related-posts or sidebar container.
cdef enum:
    C_MAX_UP = 7
MAX_UP = C_MAX_UP
#: Nodes read per heading for its text as shown, counted as ``metadata.evidence`` counted
#: them (each node and each block element's end): a headline is a few elements.
cdef enum:
    C_MAX_HEADING_NODES = 2000
MAX_HEADING_NODES = C_MAX_HEADING_NODES
#: Ancestors of a heading searched for a wrapping link (``<a><h1>Site</h1></a>``).
cdef enum:
    C_LINK_REACH = 3
LINK_REACH = C_LINK_REACH
cdef uint8_t INVISIBLE[LXB_TAG__LAST_ENTRY]
for _name in vocab.INVISIBLE_TAGS:
    INVISIBLE[TAG_IDS[_name]] = 1
#: A text node whose parent is one of these is never a date the page shows.
cdef uint8_t NOT_SHOWN[LXB_TAG__LAST_ENTRY]
for _name in vocab.NOT_SHOWN_TAGS:
    NOT_SHOWN[TAG_IDS[_name]] = 1
cdef uintptr_t TAG_ARTICLE = TAG_IDS["article"], TAG_MAIN = TAG_IDS["main"]
#: The context bit of <body> (kept out of ``within``): the visible dates are the body's.
cdef uint32_t BODY_BIT = 1u << 31
#: Longest text node kept as a possible date (characters, spaces folded): the metadata
#: stage reads no longer one as a date (``date_candidates.MAX_DATE_TEXT``).
cdef enum:
    C_DATE_TEXT_CHARS = 140
DATE_TEXT_CHARS = C_DATE_TEXT_CHARS
#: Longest ``text(separator=" ")`` kept unfolded (``Element.short``, characters): a date-
#: classed element is read as a date up to this (``dates.dom_date``).
cdef enum:
    C_SHORT_TEXT_CHARS = 120
SHORT_TEXT_CHARS = C_SHORT_TEXT_CHARS
#: Ancestors of a possible date's text node kept (its parent first) and how far up a link
#: and an <article>/<main> are looked for, as ``date_candidates`` looks.
cdef enum:
    C_DATE_UP = 3
DATE_UP = C_DATE_UP
cdef enum:
    C_LINK_DEPTH = 3
LINK_DEPTH = C_LINK_DEPTH
cdef enum:
    C_ARTICLE_DEPTH = 60
ARTICLE_DEPTH = C_ARTICLE_DEPTH
#: Nodes of the body (elements and comments, the body first) looked at for a visible byline
#: (``author_sources.MAX_VISIBLE_NODES``: the byline sits near the top), plus the first.
cdef enum:
    C_BYLINE_NODES = 3001
BYLINE_NODES = C_BYLINE_NODES
#: A byline candidate's text is read up to this (characters; ``author_sources``'s
#: ``MAX_RAW_BYLINE``: longer, even once folded, it is no byline), its parent's up to four
#: times that (where the names after a label alone are looked for).
cdef enum:
    C_RAW_BYLINE = 400
RAW_BYLINE = C_RAW_BYLINE
#: Elements above a byline candidate kept (``ByLine.up``): its parent's and the next
#: element's chains, eight each, are read from it.
cdef enum:
    C_BYLINE_UP = 8
BYLINE_UP = C_BYLINE_UP
cdef uintptr_t TAG_UL = TAG_IDS["ul"], TAG_OL = TAG_IDS["ol"], TAG_LI = TAG_IDS["li"]
cdef uintptr_t TAG_FOOTER = TAG_IDS["footer"], TAG_SMALL = TAG_IDS["small"]
#: Footer and copyright elements whose text's end is kept (``Element.tail``), and how much
#: of it: ``site_owner.copyright_texts`` reads the first four, their last 2000 characters.
cdef enum:
    C_REGIONS = 4
    C_TAIL_CHARS = 2000
REGIONS = C_REGIONS
TAIL_CHARS = C_TAIL_CHARS

#: Ancestors the evidence records as context (``Element.within``).
EVIDENCE_CONTEXT = sorted(vocab.CONTEXT_TAGS | {"a", "head", "h1", "h2", "h3", "h4", "h5", "h6"})
cdef dict _CONTEXT_IDS = {TAG_IDS[n]: 1 << i for i, n in enumerate(EVIDENCE_CONTEXT)}
cdef uint32_t FIGURE_BIT = _CONTEXT_IDS[TAG_IDS["figure"]]
#: ``_CONTEXT_IDS`` by tag id, read for every element the walk enters (a dict lookup there
#: made a Python int of each tag id).
cdef uint32_t CONTEXT_BITS[LXB_TAG__LAST_ENTRY]
for _tag_id, _bit in _CONTEXT_IDS.items():
    CONTEXT_BITS[_tag_id] = _bit
cdef dict EVIDENCE_SETS = {0: frozenset()}

#: Bounds on hostile pages: no page of either dev set comes near them. A script's text is
#: not capped (one text node: no nesting multiplies it).
cdef enum:  # (C constants: a module global is looked up and boxed at every test of it)
    C_MAX_EVIDENCE = 5000
    C_MAX_TEXT_BYTES = 1000000
MAX_EVIDENCE = C_MAX_EVIDENCE
MAX_TEXT_BYTES = C_MAX_TEXT_BYTES


cdef object _within(uint32_t mask):
    found = EVIDENCE_SETS.get(mask)
    if found is None:
        found = frozenset(n for i, n in enumerate(EVIDENCE_CONTEXT) if mask & (1 << i))
        EVIDENCE_SETS[mask] = found
    return found


cdef dict _attrs(const lxb_dom_element_t *el):
    """An element's attributes as selectolax's ``attributes`` gives them ("" for none)."""
    cdef const lxb_dom_attr_t *attr = el.first_attr
    out = {}
    while attr != NULL:
        out[_attr_name(attr)] = _str(_value(attr)) or ""
        attr = attr.next
    return out


cdef str _raw_text(lxb_dom_node_t *root, _Buffer buf, _Buffer spaced, Py_ssize_t cap):
    """``root.text()``: its text nodes concatenated (capped at ``cap`` bytes); into ``spaced``
    (when given) ``" ".join(root.text(separator=" ").split())``, the words of each text node
    (as capped)."""
    cdef lxb_dom_node_t *node = root.first_child
    cdef const lexbor_str_t *s
    cdef Py_ssize_t n
    buf.size = 0
    if spaced is not None:
        spaced.size = 0
    while node != NULL and buf.size < cap:
        if node.type == LXB_DOM_NODE_TYPE_TEXT:
            s = &(<lxb_dom_character_data_t *> node).data
            if s.data != NULL:
                n = min(<Py_ssize_t> s.length, cap - buf.size)
                buf.put(s.data, n)
                if spaced is not None:
                    spaced.words(s.data, n, spaced.size > 0)
        node = _following(node, root)
    return buf.text()


cdef str _shown_text(lxb_dom_node_t *root, _Buffer buf):
    """The text ``root`` shows, unfolded: inline elements run on (a drop cap
    ``<span>C</span>ycle`` stays "Cycle"), a block element or ``<br>`` is a space before and
    after, ``INVISIBLE_TAGS`` are skipped; ``MAX_HEADING_NODES`` steps at most."""
    cdef lxb_dom_node_t *node = root.first_child
    cdef const lexbor_str_t *s
    cdef int steps = 0
    cdef uintptr_t tag
    buf.size = 0
    while node != NULL:
        if steps == C_MAX_HEADING_NODES:
            break
        steps += 1
        if node.type == LXB_DOM_NODE_TYPE_TEXT:
            s = &(<lxb_dom_character_data_t *> node).data
            if s.data != NULL and buf.size < C_MAX_TEXT_BYTES:
                buf.put(s.data, min(<Py_ssize_t> s.length, C_MAX_TEXT_BYTES - buf.size))
        elif node.type == LXB_DOM_NODE_TYPE_ELEMENT:
            tag = node.local_name
            if _breaks(tag):
                buf.put(<const uint8_t *> " ", 1)
                if node.first_child != NULL:
                    node = node.first_child
                    continue
                if steps == C_MAX_HEADING_NODES:  # its end, the next step
                    break
                steps += 1
                buf.put(<const uint8_t *> " ", 1)
            elif node.first_child != NULL and not (tag < LXB_TAG__LAST_ENTRY and INVISIBLE[tag]):
                node = node.first_child
                continue
        # Along, or up (each block element left ends with a space).
        while node.next == NULL:
            node = node.parent
            if node == root:
                return buf.text()
            if node.type == LXB_DOM_NODE_TYPE_ELEMENT and _breaks(node.local_name):
                if steps == C_MAX_HEADING_NODES:
                    return buf.text()
                steps += 1
                buf.put(<const uint8_t *> " ", 1)
        node = node.next
    return buf.text()


cdef inline bint _breaks(uintptr_t tag) noexcept nogil:
    """A block element or <br>: the words on either side are apart."""
    return tag < LXB_TAG__LAST_ENTRY and (TAG_BITS[tag] & (T_BLOCK | T_BR)) != 0


cdef object _heading_link(lxb_dom_node_t *heading):
    """The href of the first ``a[href]`` inside ``heading``, else of the nearest ``<a>`` among
    its ``LINK_REACH`` ancestors ("" without one); None when neither exists."""
    cdef lxb_dom_node_t *node = heading.first_child
    cdef const lxb_dom_attr_t *href
    cdef int i
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT and node.local_name == LXB_TAG_A:
            href = _attr(<const lxb_dom_element_t *> node, LXB_DOM_ATTR_HREF)
            if href != NULL:
                return _str(_value(href)) or ""
        node = _following(node, heading)
    node = heading.parent
    for i in range(C_LINK_REACH):
        if node == NULL or node.type != LXB_DOM_NODE_TYPE_ELEMENT:
            return None
        if node.local_name == LXB_TAG_A:
            return _str(_value(_attr(<const lxb_dom_element_t *> node, LXB_DOM_ATTR_HREF))) or ""
        node = node.parent
    return None


cdef tuple _up(lxb_dom_node_t *node):
    """(tag, class, id) of each of the ``MAX_UP`` elements above ``node``, nearest first."""
    cdef const lxb_dom_element_t *el
    cdef int i
    out = []
    node = node.parent
    for i in range(C_MAX_UP):
        if node == NULL or node.type != LXB_DOM_NODE_TYPE_ELEMENT:
            break
        el = <const lxb_dom_element_t *> node
        out.append((_tag_name(node.local_name), _str(_value(el.attr_class)) or "",
                    _str(_value(el.attr_id)) or ""))
        node = node.parent
    return tuple(out)


cdef int _kind_of(lxb_dom_node_t *node) noexcept:
    cdef const lxb_dom_element_t *el = <const lxb_dom_element_t *> node
    cdef uintptr_t tag = node.local_name
    cdef const lexbor_str_t *v
    cdef const lxb_dom_attr_t *attr
    cdef uint32_t classes, ident
    if tag == LXB_TAG_META:
        return E_META
    if tag == LXB_TAG_LINK:
        return E_LINK
    if tag == LXB_TAG_SCRIPT:
        return E_SCRIPT
    if tag == LXB_TAG_TITLE:
        return E_TITLE
    if tag == LXB_TAG_TIME:
        return E_TIME
    if tag < LXB_TAG__LAST_ENTRY and HEADING[tag]:
        return E_HEADING
    if tag == LXB_TAG_IMG:
        return E_IMAGE
    if tag == LXB_TAG_FIGURE:
        return E_FIGURE
    if tag == LXB_TAG_FIGCAPTION:
        return E_CAPTION
    if tag == LXB_TAG_BASE:
        return E_BASE
    attr = el.first_attr
    while attr != NULL:
        if _named(attr, "itemprop", 8) or _named(attr, "property", 8):
            return E_ITEM
        if attr.node.local_name == LXB_DOM_ATTR_REL:
            v = _value(attr)
            if v != NULL and _has_ci(v.data, v.length, "author", 6):
                return E_ITEM
        attr = attr.next
    classes, ident = _words(_value(el.attr_class)), _words(_value(el.attr_id))
    if (classes | ident) & W_BYLINEISH or classes & (W_META | W_FN):
        return E_BYLINE
    if tag == LXB_TAG_A and _author_href(el):
        return E_BYLINE
    if tag == TAG_ARTICLE or tag == TAG_MAIN or tag == LXB_TAG_BODY:
        return E_SCOPE
    if tag == TAG_FOOTER or classes & (W_COPYRIGHT | W_FOOTER) or ident & W_COPYRIGHT:
        return E_REGION
    if tag == LXB_TAG_A and _home_href(el):
        return E_HOME
    return 0


cdef bint _region(const lxb_dom_element_t *el) noexcept nogil:
    """A <footer>, or an element whose class names a footer or a copyright, or whose id
    names a copyright (any case)."""
    cdef const lexbor_str_t *v = _value(el.attr_class)
    if el.node.local_name == TAG_FOOTER:
        return True
    if v != NULL and (
        _has_ci(v.data, v.length, "copyright", 9) or _has_ci(v.data, v.length, "footer", 6)
    ):
        return True
    v = _value(el.attr_id)
    return v != NULL and _has_ci(v.data, v.length, "copyright", 9)


cdef bint _home_href(const lxb_dom_element_t *el) noexcept nogil:
    """Whether a link's href is "/", holds "/about", or is a site's root ("https://host/",
    "http://host/": no other slash after the scheme's)."""
    cdef const lexbor_str_t *v = _value(_attr(el, LXB_DOM_ATTR_HREF))
    cdef Py_ssize_t start, i
    if v == NULL:
        return False
    if v.length == 1 and v.data[0] == 47:  # "/"
        return True
    if _has(v.data, v.length, "/about", 6):
        return True
    if v.length > 8 and memcmp(v.data, b"https://", 8) == 0:
        start = 8
    elif v.length > 7 and memcmp(v.data, b"http://", 7) == 0:
        start = 7
    else:
        return False
    if v.data[v.length - 1] != 47:
        return False
    for i in range(start, v.length - 1):
        if v.data[i] == 47:
            return False
    return True


cdef bint _author_href(const lxb_dom_element_t *el) noexcept nogil:
    """Whether a link's href holds "/author" or "/contributor" (case as written)."""
    cdef const lexbor_str_t *v = _value(_attr(el, LXB_DOM_ATTR_HREF))
    return v != NULL and (
        _has(v.data, v.length, "/author", 7) or _has(v.data, v.length, "/contributor", 12)
    )


cdef bint _byline_candidate(const lxb_dom_element_t *el) noexcept nogil:
    """Whether an element may match ``author_sources.DOM_BYLINE_SELECTORS`` (a class naming an
    author, a byline or "fn", rel naming an author, an author link): its ancestors are kept."""
    cdef const lexbor_str_t *v = _value(el.attr_class)
    cdef const lxb_dom_attr_t *attr
    if v != NULL and (
        _has_ci(v.data, v.length, "author", 6)
        or _has_ci(v.data, v.length, "byline", 6)
        or _has_ci(v.data, v.length, "fn", 2)
    ):
        return True
    if el.node.local_name == LXB_TAG_A and _author_href(el):
        return True
    v = _value(_attr(el, LXB_DOM_ATTR_REL))
    return v != NULL and _has_ci(v.data, v.length, "author", 6)


cdef enum:
    W_AUTHOR = 1
    W_BYLINE = 2
    W_DATE = 4
    W_TIME = 8
    W_PUBLISH = 16
    W_POSTED = 32
    W_WRITER = 64
    W_CONTRIBUTOR = 128
    W_CREDIT = 256
    W_META = 512
    W_FN = 1024
    W_COPYRIGHT = 2048
    W_FOOTER = 4096
    #: The words of ``_bylineish``.
    W_BYLINEISH = 511


cdef inline bint _at_ci(const uint8_t *p, Py_ssize_t n, Py_ssize_t i, const char *word, Py_ssize_t k) noexcept nogil:
    """Whether ``word`` (lowercase ASCII, ``k`` bytes) stands at ``p[i:]``, ignoring ASCII case."""
    cdef Py_ssize_t j
    if i + k > n:
        return False
    for j in range(k):
        if (p[i + j] | 0x20) != <uint8_t> word[j]:
            return False
    return True


cdef uint32_t _words(const lexbor_str_t *v) noexcept nogil:
    """Which of the words the evidence looks for in a class or id (``W_*``) occur in ``v``,
    any ASCII case, in one pass."""
    cdef uint32_t bits = 0
    cdef Py_ssize_t i, n
    cdef const uint8_t *p
    cdef uint8_t c
    if v == NULL:
        return 0
    p, n = v.data, v.length
    for i in range(n):
        c = p[i] | 0x20
        if c == 97:  # a
            if _at_ci(p, n, i, "author", 6):
                bits |= W_AUTHOR
        elif c == 98:  # b
            if _at_ci(p, n, i, "byline", 6):
                bits |= W_BYLINE
        elif c == 100:  # d
            if _at_ci(p, n, i, "date", 4):
                bits |= W_DATE
        elif c == 116:  # t
            if _at_ci(p, n, i, "time", 4):
                bits |= W_TIME
        elif c == 112:  # p
            if _at_ci(p, n, i, "publish", 7):
                bits |= W_PUBLISH
            elif _at_ci(p, n, i, "posted", 6):
                bits |= W_POSTED
        elif c == 119:  # w
            if _at_ci(p, n, i, "writer", 6):
                bits |= W_WRITER
        elif c == 99:  # c
            if _at_ci(p, n, i, "contributor", 11):
                bits |= W_CONTRIBUTOR
            elif _at_ci(p, n, i, "credit", 6):
                bits |= W_CREDIT
            elif _at_ci(p, n, i, "copyright", 9):
                bits |= W_COPYRIGHT
        elif c == 109:  # m
            if _at_ci(p, n, i, "meta", 4):
                bits |= W_META
        elif c == 102:  # f
            if _at_ci(p, n, i, "fn", 2):
                bits |= W_FN
            elif _at_ci(p, n, i, "footer", 6):
                bits |= W_FOOTER
    return bits


cdef bint _bylineish(const lexbor_str_t *v) noexcept nogil:
    """Whether a class or id names an author, a byline or a date (any case; "author",
    "byline", "date", "time", "publish", "posted", "writer", "contributor", "credit")."""
    if v == NULL:
        return False
    return (
        _has_ci(v.data, v.length, "author", 6)
        or _has_ci(v.data, v.length, "byline", 6)
        or _has_ci(v.data, v.length, "date", 4)
        or _has_ci(v.data, v.length, "time", 4)
        or _has_ci(v.data, v.length, "publish", 7)
        or _has_ci(v.data, v.length, "posted", 6)
        or _has_ci(v.data, v.length, "writer", 6)
        or _has_ci(v.data, v.length, "contributor", 11)
        or _has_ci(v.data, v.length, "credit", 6)
    )



cdef Py_ssize_t _folded_chars(const uint8_t *p, Py_ssize_t n, Py_ssize_t limit) noexcept nogil:
    """``len(" ".join(text.split()))`` of ``n`` bytes of UTF-8, or ``limit + 1`` once past
    ``limit``; 0 for whitespace only."""
    cdef const uint8_t *end = p + n
    cdef Py_ssize_t count = 0, sp
    cdef bint gap = False
    while p < end:
        sp = _space_len(p, end)
        if sp:
            p += sp
            gap = count > 0
            continue
        if gap:
            count += 1
            gap = False
        count += 1
        if count > limit:
            return limit + 1
        p = _next_char(p, end)
    return count


cdef bint _has_lower(const lexbor_str_t *v, const char *word, Py_ssize_t k) noexcept nogil:
    """Whether ``word`` (lowercase ASCII, ``k`` bytes) is in ``v`` once its ASCII capitals
    are lowered: ``word in value.lower()`` for the words of ``_date_marks`` (no other
    character lowers to one of their letters but the first half of "İ", an "i" followed by
    a combining dot, and none of them ends in "i")."""
    cdef Py_ssize_t i, j
    cdef uint8_t c
    if v == NULL:
        return False
    for i in range(<Py_ssize_t> v.length - k + 1):
        for j in range(k):
            c = v.data[i + j]
            if (c + 32 if 65 <= c <= 90 else c) != <uint8_t> word[j]:
                break
        else:
            return True
    return False


cdef int _date_marks(const lxb_dom_element_t *el) noexcept nogil:
    """How many selectors of each of ``dates.DOM_DATE_SELECTORS``' lists match ``el`` (a css
    query returns an element once per selector of its list it matches): the first list's
    count, and the second's times ``DATE_MARKS_SECOND`` (``Element.date_marks``)."""
    cdef const lexbor_str_t *classes = _value(el.attr_class)
    cdef int first = (
        _has_lower(classes, "publish", 7) + _has_lower(classes, "posted", 6)
        + _has_lower(classes, "post-date", 9) + _has_lower(classes, "entry-date", 10)
    )
    cdef int second = (
        _has_lower(classes, "date", 4) + _has_lower(classes, "byline", 6)
        + _has_lower(classes, "meta", 4) + _has_lower(_value(el.attr_id), "date", 4)
    )
    return first + second * C_DATE_MARKS_SECOND


#: ``Element.date_marks``: the second list's count is this many times its value.
cdef enum:
    C_DATE_MARKS_SECOND = 16
DATE_MARKS_SECOND = C_DATE_MARKS_SECOND


cdef object _short_text(lxb_dom_node_t *root, _Buffer buf):
    """``root.text(separator=" ")`` unfolded when at most ``SHORT_TEXT_CHARS`` characters
    long, else None."""
    cdef lxb_dom_node_t *node = root.first_child
    cdef const lexbor_str_t *s
    cdef Py_ssize_t chars = 0
    cdef bint first = True
    buf.size = 0
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_TEXT:
            s = &(<lxb_dom_character_data_t *> node).data
            if s.data != NULL:
                if not first:
                    buf.put(<const uint8_t *> " ", 1)
                    chars += 1
                first = False
                chars += _chars(s.data, s.length)
                if chars > C_SHORT_TEXT_CHARS:
                    return None
                buf.put(s.data, s.length)
        node = _following(node, root)
    return buf.text()


cdef bint _has_ancestor(lxb_dom_node_t *node, uintptr_t a, uintptr_t b, int depth) noexcept nogil:
    """Whether ``node`` or one of the nodes above it, ``depth`` nodes in all (the document
    counts), is an element ``a`` or ``b``."""
    cdef int i
    for i in range(depth):
        if node == NULL:
            return False
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT and (node.local_name == a or node.local_name == b):
            return True
        node = node.parent
    return False


cdef tuple _date_up(lxb_dom_node_t *node):
    """(tag, class, id, itemprop) of ``node`` and the elements above it, ``DATE_UP`` in all."""
    cdef const lxb_dom_element_t *el
    cdef int i
    out = []
    for i in range(C_DATE_UP):
        if node == NULL or node.type != LXB_DOM_NODE_TYPE_ELEMENT:
            break
        el = <const lxb_dom_element_t *> node
        out.append((_tag_name(node.local_name), _str(_value(el.attr_class)) or "",
                    _str(_value(el.attr_id)) or "",
                    _str(_value(_attr_named(el, "itemprop", 8))) or ""))
        node = node.parent
    return tuple(out)


cdef bint _maybe_date(const lexbor_str_t *s) noexcept nogil:
    """Whether a text node may hold a date the metadata stage reads: "19" or "20" in it (a
    year needs one) and at most ``DATE_TEXT_CHARS`` characters once spaces are folded."""
    return (
        s.length <= C_DATE_TEXT_CHARS  # no more characters than bytes: only then counted
        or _folded_chars(s.data, s.length, C_DATE_TEXT_CHARS) <= C_DATE_TEXT_CHARS
    ) and (
        _has(s.data, s.length, "19", 2) or _has(s.data, s.length, "20", 2)
    )  # the length first: it stops past the bound, the scans would read a paragraph whole



cdef int _own_bytes(lxb_dom_node_t *node, _Buffer buf) except -1:
    """Into ``buf``, ``node.text(deep=False)``: its own text nodes concatenated (capped)."""
    cdef lxb_dom_node_t *child = node.first_child
    cdef const lexbor_str_t *s
    buf.size = 0
    while child != NULL and buf.size < C_MAX_TEXT_BYTES:
        if child.type == LXB_DOM_NODE_TYPE_TEXT:
            s = &(<lxb_dom_character_data_t *> child).data
            if s.data != NULL:
                buf.put(s.data, min(<Py_ssize_t> s.length, C_MAX_TEXT_BYTES - buf.size))
        child = child.next
    return 0


cdef inline bint _ascii_word(uint8_t c) noexcept nogil:
    return (c | 0x20) >= 97 and (c | 0x20) <= 122 or 48 <= c <= 57 or c == 95


cdef bint _lead_hint(const uint8_t *p, Py_ssize_t n) noexcept nogil:
    """Whether own text may open a byline as ``author_sources`` reads one: "author",
    "contributor" or "writer" in it, or "by" as a word — not after an ASCII letter, not
    before an ASCII letter, digit or "_" (any case). A superset of what its ``_LEAD_HINT``
    or ``"author" in low`` accepts: a non-ASCII character next to "by" is let through.
    One pass."""
    cdef Py_ssize_t i
    cdef uint8_t c
    for i in range(n):
        c = p[i] | 0x20
        if c == 98:  # b
            if (
                i + 1 < n
                and (p[i + 1] | 0x20) == 121
                and not (i > 0 and 97 <= (p[i - 1] | 0x20) <= 122)
                and not (i + 2 < n and _ascii_word(p[i + 2]))
            ):
                return True
        elif c == 97:  # a
            if _at_ci(p, n, i, "author", 6):
                return True
        elif c == 99:  # c
            if _at_ci(p, n, i, "contributor", 11):
                return True
        elif c == 119:  # w
            if _at_ci(p, n, i, "writer", 6):
                return True
    return False


cdef str _separated(lxb_dom_node_t *root, _Buffer buf, Py_ssize_t limit):
    """``root.text(separator=" ")[:limit + 1]``: its text nodes joined by a space, cut one
    character past ``limit`` (so a longer text shows it is longer)."""
    cdef lxb_dom_node_t *node = root.first_child
    cdef const lexbor_str_t *s
    cdef const uint8_t *p
    cdef const uint8_t *end
    cdef Py_ssize_t chars = 0
    cdef bint first = True
    buf.size = 0
    while node != NULL and chars <= limit:
        if node.type == LXB_DOM_NODE_TYPE_TEXT:
            s = &(<lxb_dom_character_data_t *> node).data
            if s.data != NULL:
                if not first:
                    buf.put(<const uint8_t *> " ", 1)
                    chars += 1
                first = False
                p, end = s.data, s.data + s.length
                while p < end and chars <= limit:
                    p = _next_char(p, end)
                    chars += 1
                buf.put(s.data, p - s.data)
        node = _following(node, root)
    return buf.text()


cdef str _bounded_text(lxb_dom_node_t *root, _Buffer buf):
    """``author_sources._bounded(root.text(separator=" "))``: the text when at most
    ``RAW_BYLINE`` characters long, else its folded words when those are, else ""."""
    cdef lxb_dom_node_t *node
    cdef const lexbor_str_t *s
    text = _separated(root, buf, C_RAW_BYLINE)
    if len(text) <= C_RAW_BYLINE:
        return text
    buf.size = 0
    node = root.first_child
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_TEXT:
            s = &(<lxb_dom_character_data_t *> node).data
            if s.data != NULL:
                buf.words(s.data, s.length, buf.size > 0)
                if _chars(buf.data, buf.size) > C_RAW_BYLINE:
                    return ""
        node = _following(node, root)
    return buf.text()


cdef tuple _chain(lxb_dom_node_t *node, int reach):
    """(tag, class, id) of ``node`` and the elements above it, ``reach`` in all."""
    cdef const lxb_dom_element_t *el
    cdef int i
    out = []
    for i in range(reach):
        if node == NULL or node.type != LXB_DOM_NODE_TYPE_ELEMENT:
            break
        el = <const lxb_dom_element_t *> node
        out.append((_tag_name(node.local_name), _str(_value(el.attr_class)) or "",
                    _str(_value(el.attr_id)) or ""))
        node = node.parent
    return tuple(out)


cdef object _next_of(lxb_dom_node_t *node, _Buffer buf):
    """What follows a byline candidate, whitespace-only text skipped: None; ("-text",) or
    ("-comment",); or an element's (tag, class, id, ``_bounded_text``, the folded text of
    each <li> inside it when it is a list, else None)."""
    cdef lxb_dom_node_t *after = node.next
    cdef lxb_dom_node_t *item
    cdef const lexbor_str_t *s
    cdef const lxb_dom_element_t *el
    while after != NULL and after.type == LXB_DOM_NODE_TYPE_TEXT:
        s = &(<lxb_dom_character_data_t *> after).data
        if s.data != NULL and _folded_chars(s.data, s.length, 0) > 0:
            return ("-text",)
        after = after.next
    if after == NULL:
        return None
    if after.type != LXB_DOM_NODE_TYPE_ELEMENT:
        return ("-comment",)
    items = None
    if after.local_name == TAG_UL or after.local_name == TAG_OL:
        items = []
        item = after.first_child
        while item != NULL:
            if item.type == LXB_DOM_NODE_TYPE_ELEMENT and item.local_name == TAG_LI:
                items.append(" ".join(_raw_text(item, buf, None, C_MAX_TEXT_BYTES).split()))
            item = _following(item, after)
        items = tuple(items)
    el = <const lxb_dom_element_t *> after
    return (_tag_name(after.local_name), _str(_value(el.attr_class)) or "",
            _str(_value(el.attr_id)) or "", _bounded_text(after, buf), items)


cdef object _byline_candidate_text(lxb_dom_node_t *node, _Buffer buf):
    """A body element whose own text may open a visible byline (``_lead_hint``, and at most
    ``RAW_BYLINE`` characters once folded): (own text,
    ``_bounded_text``, its parent's ``text(separator=" ")`` up to
    four times ``RAW_BYLINE``, its chain of ``BYLINE_UP`` + 1, ``_next_of``); else None."""
    _own_bytes(node, buf)
    if buf.size == 0 or (
        buf.size > C_RAW_BYLINE  # no more characters than bytes: only then counted
        and _folded_chars(buf.data, buf.size, C_RAW_BYLINE) > C_RAW_BYLINE  # stops past it
    ) or not _lead_hint(buf.data, buf.size):
        return None  # no lead-in, or longer than RAW_BYLINE even folded (``_bounded``: "")
    own = buf.text()
    parent = None
    if node.parent != NULL and node.parent.type == LXB_DOM_NODE_TYPE_ELEMENT:
        parent = _separated(node.parent, buf, 4 * C_RAW_BYLINE - 1)
    return (own, _bounded_text(node, buf), parent, _chain(node, C_BYLINE_UP + 1),
            _next_of(node, buf))


def gather(root):
    """The evidence under ``root`` (a selectolax node, the document's <html>): whether the
    document is in quirks mode (class selectors then ignore case); a list of (kind, tag,
    attributes, text, within, order, end, spaced, shown, link, up, raw, short) in document
    order — ``text`` whitespace-normalised except a script's, which is raw; ``end`` the order
    of the last element of its subtree; ``spaced`` the words of each text node
    (``text(separator=" ")`` folded); for an <h1>/<h2>, ``shown`` its text as shown and
    ``link`` the href of the link it is, holds or sits in (None: no link), else "" and None;
    for a byline candidate or a <time>, ``up`` the (tag, class, id) of its ``MAX_UP``
    nearest ancestors, else None; for a <time>, ``raw`` its text unfolded, else ""; ``short``
    its ``text(separator=" ")`` unfolded when at most ``SHORT_TEXT_CHARS`` long, else None;
    ``tail`` (see ``dehusk.evidence.Element``); ``date_marks`` (``_date_marks``).
    Then, in the <body>: each <h1> as (visible text nodes before it, its text), and each
    visible text node that may hold a date (``_maybe_date``) as (visible text nodes before
    it, its text, the visible text node's before it or None, ``_date_up`` of its parent,
    whether an <article>/<main> is among its parent's ``ARTICLE_DEPTH`` nearest, whether a
    link is among its parent's ``LINK_DEPTH`` nearest). A visible text node is one that is
    not whitespace only, under an element that is not ``vocab.NOT_SHOWN_TAGS``."""
    cdef lxb_dom_node_t *top = <lxb_dom_node_t *> <uintptr_t> root.mem_id
    cdef lxb_dom_node_t *node = top
    cdef lxb_dom_node_t *parent
    cdef lxb_dom_node_t *previous = NULL  # the last visible text node of the body
    cdef const lexbor_str_t *s
    cdef _Column masks = _Column(4)  # the context mask at each depth of the walk
    cdef _Column slots = _Column(4)  # at each depth, the node's index in ``out`` (-1: none)
    cdef int depth = 0, kind, order = 0, slot
    cdef Py_ssize_t shown_texts = 0  # visible text nodes of the body so far
    cdef Py_ssize_t body_nodes = 0  # nodes of the body (not text) so far
    cdef int regions = 0  # footer and copyright elements so far
    cdef uint32_t bit, mask
    cdef uintptr_t tag
    cdef _Buffer buf = _Buffer(), spaced_buf = _Buffer()
    out, h1s, dates, bylines = [], [], [], []
    masks.push(0)
    quirks = top.owner_document != NULL and (
        top.owner_document.compat_mode == LXB_DOM_DOCUMENT_CMODE_QUIRKS
    )
    while node != NULL:
        slot = -1
        mask = (<uint32_t *> masks.data)[depth]
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT:
            tag = node.local_name
            kind = _kind_of(node)
            if not kind and tag == TAG_SMALL and mask & FIGURE_BIT:
                kind = E_SMALL
            tail = None
            if regions < C_REGIONS and _region(<const lxb_dom_element_t *> node):
                regions += 1
                tail = _separated(node, buf, C_MAX_TEXT_BYTES)[-C_TAIL_CHARS:]
            text = None
            if kind and len(out) < C_MAX_EVIDENCE:
                # A script is one text node, read whole (a JSON-LD block can pass the cap);
                # the cap bounds the copies of nested elements' texts.
                if kind == E_SCRIPT:
                    raw = _raw_text(node, buf, None, PY_SSIZE_T_MAX)
                    text = spaced = raw
                elif kind == E_SCOPE or kind == E_REGION:
                    raw = text = spaced = ""  # containers: what is read of them is not text
                else:
                    raw = _raw_text(node, buf, spaced_buf, C_MAX_TEXT_BYTES)
                    text = " ".join(raw.split())
                    spaced = spaced_buf.text()
                heading = kind == E_HEADING and (tag == LXB_TAG_H1 or tag == LXB_TAG_H2)
                slot = len(out)
                out.append([kind, _tag_name(tag), _attrs(<const lxb_dom_element_t *> node),
                            text, _within(mask & ~BODY_BIT), order, order,
                            text if spaced == text else spaced,
                            " ".join(_shown_text(node, buf).split()) if heading else "",
                            _heading_link(node) if heading else None,
                            _up(node) if kind == E_TIME
                            or _byline_candidate(<const lxb_dom_element_t *> node) else None,
                            raw if kind == E_TIME else "",
                            None if kind == E_SCRIPT or kind == E_SCOPE or kind == E_REGION
                            else _short_text(node, buf), tail,
                            _date_marks(<const lxb_dom_element_t *> node)])
            if (mask & BODY_BIT or tag == LXB_TAG_BODY) and body_nodes < C_BYLINE_NODES:
                body_nodes += 1
                candidate = _byline_candidate_text(node, buf)
                if candidate is not None:
                    bylines.append(candidate)
            if tag == LXB_TAG_H1 and mask & BODY_BIT:
                if text is None:
                    text = " ".join(_raw_text(node, buf, None, C_MAX_TEXT_BYTES).split())
                h1s.append((shown_texts, text))
            order += 1
        elif node.type != LXB_DOM_NODE_TYPE_TEXT:
            body_nodes += (mask & BODY_BIT) != 0  # a comment: counted, never a byline
        elif mask & BODY_BIT:
            parent = node.parent
            s = &(<lxb_dom_character_data_t *> node).data
            if (
                parent != NULL
                and parent.type == LXB_DOM_NODE_TYPE_ELEMENT
                and not (parent.local_name < LXB_TAG__LAST_ENTRY and NOT_SHOWN[parent.local_name])
                and s.data != NULL
                and _folded_chars(s.data, s.length, 0) > 0
            ):
                if len(dates) < C_MAX_EVIDENCE and _maybe_date(s):
                    dates.append((
                        shown_texts, _str(s),
                        None if previous == NULL
                        else _str(&(<lxb_dom_character_data_t *> previous).data),
                        _date_up(parent),
                        _has_ancestor(parent, TAG_ARTICLE, TAG_MAIN, C_ARTICLE_DEPTH),
                        _has_ancestor(parent, LXB_TAG_A, LXB_TAG_A, C_LINK_DEPTH),
                    ))
                previous = node
                shown_texts += 1
        slots.size = depth
        slots.push(slot)
        # Down, or along, or up; the context mask follows the depth, and each element left
        # has its subtree's end.
        if node.first_child != NULL:
            bit = 0
            if node.type == LXB_DOM_NODE_TYPE_ELEMENT:
                tag = node.local_name
                bit = CONTEXT_BITS[tag] if tag < LXB_TAG__LAST_ENTRY else 0
                if node.local_name == LXB_TAG_BODY:
                    bit |= BODY_BIT
            masks.size = depth + 1
            masks.push(mask | bit)
            depth += 1
            node = node.first_child
            continue
        _close(out, slots, depth, order)
        while node != top and node.next == NULL:
            node = node.parent
            depth -= 1
            _close(out, slots, depth, order)
        node = NULL if node == top else node.next
    return quirks, out, h1s, dates, bylines


cdef int _close(list out, _Column slots, int depth, int order) except -1:
    """The node at ``depth`` is left: its subtree ends at the element before ``order``."""
    cdef int slot = (<int32_t *> slots.data)[depth]
    if slot >= 0:
        out[slot][6] = order - 1
    return 0


# The language evidence: py3langid's scoring input over the prose sample
# (``metadata.language``). Its identifier walks a DFA over the sample's UTF-8 bytes, counts
# the features the states it passes emit (a dict per byte in Python) and gathers each
# counted feature's row of its float16 table, cast to float32 for the product (the cast of
# 142 columns per feature was most of a page's language time). Both here: the walk over
# stretches side by side, the rows fetched ahead of their cast (each a cache miss, cold).

cimport cython
from cpython.bytearray cimport PyByteArray_AS_STRING, PyByteArray_FromStringAndSize
from libc.stdint cimport uint16_t
from libc.stdlib cimport malloc

cdef extern from *:
    void __builtin_prefetch(const void *addr) nogil

cdef enum:
    _NO_FEATURE = -1
#: Rows ahead of the one being cast whose cache lines are asked for: the rows are scattered
#: over the table's 28 MB, each a cache miss that waited in turn (the gather took 0.37 ms a
#: page with caches as cold as the pipeline leaves them, 0.23 with the rows fetched ahead;
#: 8 to 16 ahead measured alike, 2 and 4 less).
cdef enum:
    C_ROWS_AHEAD = 16


#: Stretches of the sample the DFA walks side by side. Each step of a walk is a load from
#: its 39 MB table that waits on the step before, a cache miss most bytes: one walk waited
#: on each in turn, sixteen keep as many in flight (cold caches, ms a page: one walk 0.26,
#: four 0.15, sixteen 0.125).
cdef enum:
    C_WALKS = 16
#: Bytes a walk reads from state 0 before its stretch, to reach the state the walk before
#: it ends in (py3langid's features are n-grams of at most four bytes: its state is that of
#: the last few bytes). Checked, not assumed: a walk that began in another state is walked
#: again from the right one.
cdef enum:
    C_WARMUP = 8


cdef int _features(const uint32_t[::1] nextmove, const Py_ssize_t[::1] rowbase,
                   const int32_t[::1] output, const uint8_t[::1] data,
                   int32_t *feats) except -1:
    """Into ``feats[i]``: ``output`` of the DFA's state after byte ``i`` of ``data``, walked
    from state 0 (-1: no feature there). ``feats`` holds ``len(data)`` values."""
    cdef Py_ssize_t n = data.shape[0], size = (n + C_WALKS - 1) // C_WALKS
    cdef Py_ssize_t i, k, step, state
    cdef Py_ssize_t begin[C_WALKS]  # where each walk's warm-up begins
    cdef Py_ssize_t start[C_WALKS]
    cdef Py_ssize_t stop[C_WALKS]
    cdef Py_ssize_t first[C_WALKS]  # the state each walk began its stretch in
    cdef Py_ssize_t last[C_WALKS]  # the state each walk is in
    for k in range(C_WALKS):
        start[k], stop[k] = min(n, k * size), min(n, (k + 1) * size)
        begin[k] = max(0, start[k] - C_WARMUP)
        first[k] = last[k] = 0
    for step in range(size + C_WARMUP):
        for k in range(C_WALKS):  # (independent loads: the walks overlap their misses)
            i = begin[k] + step
            if i < stop[k]:
                last[k] = nextmove[rowbase[last[k]] + data[i]]
                if i >= start[k]:
                    feats[i] = output[last[k]]
                elif i == start[k] - 1:
                    first[k] = last[k]
    for k in range(1, C_WALKS):
        if start[k] < stop[k] and first[k] != last[k - 1]:
            state = last[k - 1]  # the true state before this stretch: walk it again
            for i in range(start[k], stop[k]):
                state = nextmove[rowbase[state] + data[i]]
                feats[i] = output[state]
            last[k] = state
    return 0


@cython.boundscheck(False)
@cython.wraparound(False)
def language_rows(const uint32_t[::1] nextmove, const Py_ssize_t[::1] rowbase,
                  const int32_t[::1] output, const uint16_t[:, ::1] table,
                  const float[::1] halves, const uint8_t[::1] data):
    """py3langid's ``visit_counts`` and ``table[idx]`` of its ``_sparse_score``. From state
    0, each byte ``b`` of ``data`` moves the state to ``nextmove[rowbase[state] + b]``, and a
    state whose ``output`` is a feature (not -1) counts it once more. ``table`` is the
    model's float16 table seen as its bits, ``halves`` every float16's float32 value by its
    bits (NumPy's own cast, so the rows are exactly ``table[idx].astype(float32)``).
    Out: None when no feature was counted, else (counts, rows) as float32 bytes: each
    feature's count in the order it was first counted (as its ``Counter``), and its row."""
    cdef Py_ssize_t i, j, c, n = data.shape[0], classes = table.shape[1]
    cdef Py_ssize_t cap = 16, found = 0, h
    cdef int32_t feature
    if rowbase.shape[0] != output.shape[0] or halves.shape[0] != 65536:
        raise ValueError("language_rows: tables of different models")
    while cap < 2 * n:
        cap *= 2
    # An open-addressing table feature → its index in first-counted order.
    cdef int32_t *keys = <int32_t *> malloc(cap * sizeof(int32_t))
    cdef int32_t *slots = <int32_t *> malloc(cap * sizeof(int32_t))
    cdef int32_t *order = <int32_t *> malloc((n + 1) * sizeof(int32_t))
    cdef uint32_t *counts = <uint32_t *> malloc((n + 1) * sizeof(uint32_t))
    cdef int32_t *feats = <int32_t *> malloc((n + 1) * sizeof(int32_t))
    cdef float *cells
    cdef const uint16_t *row
    cdef const char *ahead
    cdef bytearray counted, rows
    try:
        if keys == NULL or slots == NULL or order == NULL or counts == NULL or feats == NULL:
            raise MemoryError()
        for h in range(cap):
            keys[h] = _NO_FEATURE
        _features(nextmove, rowbase, output, data, feats)
        for i in range(n):  # counted in the order of the bytes, as one walk counts them
            feature = feats[i]
            if feature < 0:
                continue
            if feature >= table.shape[0]:
                raise ValueError("language_rows: a feature outside the table")
            h = (<uint32_t> feature * 2654435761u) & (cap - 1)
            while keys[h] != _NO_FEATURE and keys[h] != feature:
                h = (h + 1) & (cap - 1)
            if keys[h] == feature:
                counts[slots[h]] += 1
                continue
            keys[h], slots[h] = feature, found
            order[found], counts[found] = feature, 1
            found += 1
        if not found:
            return None
        # Not zeroed: every cell is written below.
        counted = PyByteArray_FromStringAndSize(NULL, found * sizeof(float))
        rows = PyByteArray_FromStringAndSize(NULL, found * classes * sizeof(float))
        cells = <float *> PyByteArray_AS_STRING(counted)
        for j in range(found):
            cells[j] = <float> counts[j]
        cells = <float *> PyByteArray_AS_STRING(rows)
        for j in range(found):
            if j + C_ROWS_AHEAD < found:  # (``order`` holds features checked in the table)
                ahead = <const char *> &table[order[j + C_ROWS_AHEAD], 0]
                for c in range(0, classes * sizeof(uint16_t), 64):  # each 64-byte line
                    __builtin_prefetch(ahead + c)
                __builtin_prefetch(ahead + classes * sizeof(uint16_t) - 1)
            row = &table[order[j], 0]
            for c in range(classes):
                cells[j * classes + c] = halves[row[c]]
        return counted, rows
    finally:
        free(keys)
        free(slots)
        free(order)
        free(counts)
        free(feats)
