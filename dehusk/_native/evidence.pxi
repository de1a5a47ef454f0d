# The metadata evidence: one native pass over the whole document (head included) that keeps
# the elements metadata reads — <meta>, <link>, scripts, <title>, <time>, headings, images,
# figures and their captions, microdata and byline/author/date-classed elements — with their attributes, text
# and the context tags above them. Included by walk.pyx.

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

#: Ancestors the evidence records as context (``Element.within``).
EVIDENCE_CONTEXT = sorted(vocab.CONTEXT_TAGS | {"a", "head", "h1", "h2", "h3", "h4", "h5", "h6"})
cdef dict _CONTEXT_IDS = {TAG_IDS[n]: 1 << i for i, n in enumerate(EVIDENCE_CONTEXT)}
cdef dict EVIDENCE_SETS = {0: frozenset()}

#: Bounds on hostile pages: no page of either dev set comes near them.
MAX_EVIDENCE = 5000
MAX_TEXT_BYTES = 1_000_000


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


cdef str _raw_text(lxb_dom_node_t *root, _Buffer buf):
    """``root.text()``: its text nodes concatenated (capped at MAX_TEXT_BYTES)."""
    cdef lxb_dom_node_t *node = root.first_child
    cdef const lexbor_str_t *s
    buf.size = 0
    while node != NULL and buf.size < MAX_TEXT_BYTES:
        if node.type == LXB_DOM_NODE_TYPE_TEXT:
            s = &(<lxb_dom_character_data_t *> node).data
            if s.data != NULL:
                buf.put(s.data, min(<Py_ssize_t> s.length, MAX_TEXT_BYTES - buf.size))
        node = _following(node, root)
    return buf.text()


cdef int _kind_of(lxb_dom_node_t *node) noexcept:
    cdef const lxb_dom_element_t *el = <const lxb_dom_element_t *> node
    cdef uintptr_t tag = node.local_name
    cdef const lexbor_str_t *v
    cdef const lxb_dom_attr_t *attr
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
    attr = el.first_attr
    while attr != NULL:
        if _named(attr, "itemprop", 8) or _named(attr, "property", 8):
            return E_ITEM
        if attr.node.local_name == LXB_DOM_ATTR_REL:
            v = _value(attr)
            if v != NULL and _has_ci(v.data, v.length, "author", 6):
                return E_ITEM
        attr = attr.next
    if _bylineish(_value(el.attr_class)) or _bylineish(_value(el.attr_id)):
        return E_BYLINE
    return 0


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


def gather(root):
    """The evidence under ``root`` (a selectolax node, the document's <html>): a list of
    (kind, tag, attributes, text, within, order) in document order, ``text`` whitespace-
    normalised except a script's, which is raw."""
    cdef lxb_dom_node_t *top = <lxb_dom_node_t *> <uintptr_t> root.mem_id
    cdef lxb_dom_node_t *node = top
    cdef _Column masks = _Column(4)  # the context mask at each depth of the walk
    cdef int depth = 0, kind, order = 0
    cdef uint32_t bit
    cdef _Buffer buf = _Buffer()
    out = []
    masks.push(0)
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT:
            kind = _kind_of(node)
            if kind and len(out) < MAX_EVIDENCE:
                raw = _raw_text(node, buf)
                text = raw if kind == E_SCRIPT else " ".join(raw.split())
                out.append((kind, _tag_name(node.local_name),
                            _attrs(<const lxb_dom_element_t *> node), text,
                            _within((<uint32_t *> masks.data)[depth]), order))
            order += 1
        # Down, or along, or up; the context mask follows the depth.
        if node.first_child != NULL:
            bit = _CONTEXT_IDS.get(node.local_name, 0) if node.type == LXB_DOM_NODE_TYPE_ELEMENT else 0
            masks.size = depth + 1
            masks.push((<uint32_t *> masks.data)[depth] | bit)
            depth += 1
            node = node.first_child
            continue
        while node != top and node.next == NULL:
            node = node.parent
            depth -= 1
        node = NULL if node == top else node.next
    return out
