# cython: language_level=3, cdivision=True
"""The native walk: one pass over selectolax's lexbor tree in C, blocks out.

In: the root node of a parsed page (a selectolax ``LexborNode``), whether to show hidden
elements, and the segment stage's rules: its class/id vocabulary (``HintVocabulary``, matched
in C) and what is rare per page (whether a class attribute hides, a width in pixels). Out: the
``Segment``, ``Container`` and ``PageImage`` tuples of ``dehusk.segment`` — exactly what its
Python walk built before (checked on every dev page), but the per-node work (tag tests,
attribute scans, whitespace folding, text copies) is C over lexbor's structs; Python objects
are made per block, per container and per distinct class string, never per node.

Reads lexbor's structs in place through the vendored headers (``vendor/``): selectolax owns
the tree and nothing here calls or links lexbor, so ``check_layout`` verifies at import that
the layout compiled in matches the selectolax installed.
"""

from libc.stdint cimport int8_t, int16_t, int32_t, uint8_t, uint32_t, uintptr_t
from libc.stdlib cimport free, realloc
from libc.string cimport memchr, memcmp, memcpy
from cpython.unicode cimport PyUnicode_DecodeUTF8
from cpython.pyport cimport PY_SSIZE_T_MAX

from dehusk._native.lexbor cimport *

from dehusk import html_vocab as vocab
from dehusk.article import LABELS, Container, Label, Link, Mark, PageImage, Segment

include "dom.pxi"
include "hints.pxi"

#: Every tag name lexbor knows at compile time → its id (the vocabularies are by name).
cdef dict TAG_IDS = {_tag_name(i): i for i in range(LXB_TAG__LAST_ENTRY)}


cdef enum:
    T_BLOCK = 1
    T_SKIP = 2
    T_LINK = 4
    T_BR = 8
    T_IMG = 16
    T_NOSCRIPT = 32
    T_TABLE = 64

cdef enum:
    F_INLINE = 0
    F_BLOCK = 1
    F_LINK = 2
    F_MARK = 3  # an inline element whose text is emphasised (strong, em, code)

cdef uint32_t TAG_BITS[LXB_TAG__LAST_ENTRY]
cdef uint32_t CONTEXT_BIT[LXB_TAG__LAST_ENTRY]
cdef uint8_t HEADING[LXB_TAG__LAST_ENTRY]
cdef uint8_t MARK_OF[LXB_TAG__LAST_ENTRY]  # tag id -> 1 + index in MARK_KINDS, 0: no mark
cdef tuple MARK_KINDS = tuple(sorted(set(vocab.MARK_TAGS.values())))
cdef dict TAG_NAMES = {}  # id -> name, for the tags a block can carry
cdef list CONTEXT_NAMES = sorted(vocab.CONTEXT_TAGS)
cdef dict FLAG_SETS = {0: frozenset()}  # context bit mask -> the frozenset Container holds
cdef Py_ssize_t NOSCRIPT_MIN = vocab.NOSCRIPT_MIN_CHARS
HIDDEN_STYLE = vocab.HIDDEN_STYLE

cdef object HEADING_L = Label.HEADING
cdef object CODE_L = Label.CODE
cdef object CAPTION_L = Label.CAPTION
cdef object LIST_ITEM_L = Label.LIST_ITEM
cdef object QUOTE_L = Label.QUOTE
cdef object PARAGRAPH_L = Label.PARAGRAPH
cdef object TABLE_L = Label.TABLE
#: Each Label → its code in the block table (``article.LABELS`` order).
cdef dict LABEL_CODES = {label: i for i, label in enumerate(LABELS)}
cdef object _TUPLE_NEW = tuple.__new__


cdef inline object _record(object cls, tuple fields):
    """The NamedTuple ``cls`` of ``fields`` (every field, in order), made by ``tuple.__new__``
    as its own ``__new__`` does, without that Python-level call."""
    return _TUPLE_NEW(cls, fields)



cdef void _init_tables():
    cdef uintptr_t tid
    for name, tid in TAG_IDS.items():
        TAG_NAMES[tid] = name
        bits = 0
        if name in vocab.BLOCK_TAGS:
            bits |= T_BLOCK
        if name in vocab.SKIP_TAGS:
            bits |= T_SKIP
        TAG_BITS[tid] = bits
        HEADING[tid] = vocab.HEADINGS.get(name, 0)
        mark = vocab.MARK_TAGS.get(name)
        MARK_OF[tid] = 0 if mark is None else 1 + MARK_KINDS.index(mark)
    TAG_BITS[LXB_TAG_A] |= T_LINK
    TAG_BITS[LXB_TAG_BR] |= T_BR
    TAG_BITS[LXB_TAG_IMG] |= T_IMG
    TAG_BITS[LXB_TAG_NOSCRIPT] |= T_NOSCRIPT
    TAG_BITS[LXB_TAG_TABLE] |= T_TABLE
    for i, name in enumerate(CONTEXT_NAMES):
        CONTEXT_BIT[TAG_IDS[name]] = 1 << i


_init_tables()


cdef object _flag_set(uint32_t mask):
    found = FLAG_SETS.get(mask)
    if found is None:
        found = frozenset(n for i, n in enumerate(CONTEXT_NAMES) if mask & (1 << i))
        FLAG_SETS[mask] = found
    return found


cdef struct Frame:
    lxb_dom_node_t *node
    int kind
    int container
    bint counts
    uintptr_t tag
    Py_ssize_t start  # F_MARK: where the mark starts in the buffered text
    Py_ssize_t flushes  # F_MARK: the walk's flush count when it opened


cdef class _Walk:
    """The state of one walk; never leaves this module."""

    cdef list segments, containers, images, links, marks, headings, lists
    cdef dict hiding
    cdef object rules
    cdef HintVocabulary vocab
    cdef _Buffer buf, scratch
    cdef Py_ssize_t nparts, length, link_chars, link_start
    cdef Py_ssize_t flushes  # segments flushed so far: a mark that spans a flush is dropped
    cdef bint pending_space, reveal
    cdef int brs, current, li, quote, caption, pre, link_depth
    cdef const lexbor_str_t *link_href
    cdef Py_ssize_t ncont
    cdef int *child_counts
    cdef Py_ssize_t nchild, chcap
    cdef Frame *stack
    cdef Py_ssize_t nstack, scap
    # The block table: per segment and per container, the columns of BlockTable.
    cdef _Column s_container, s_kind, s_level, s_ordered, s_chars, s_link_chars, s_links
    cdef _Column c_tag, c_parent, c_depth, c_flags, c_hint, c_kind, c_nth

    def __cinit__(self, object rules, bint reveal):
        self.segments, self.containers, self.images, self.links = [], [], [], []
        self.marks = []
        self.headings, self.lists = [], []
        self.hiding = {}
        self.rules, self.reveal = rules, reveal
        self.vocab = rules.hints
        self.buf, self.scratch = _Buffer(), _Buffer()
        self.current = -1
        self.s_container, self.s_kind, self.s_level = _Column(4), _Column(1), _Column(1)
        self.s_ordered = _Column(1)
        self.s_chars, self.s_link_chars, self.s_links = _Column(4), _Column(4), _Column(4)
        self.c_tag, self.c_parent, self.c_depth = _Column(2), _Column(4), _Column(4)
        self.c_flags, self.c_hint, self.c_kind, self.c_nth = (
            _Column(4), _Column(1), _Column(1), _Column(4)
        )

    def __dealloc__(self):
        free(self.child_counts)
        free(self.stack)

    cdef inline int parent_of(self, int container) noexcept:
        return (<int32_t *> self.c_parent.data)[container]

    cdef int _grow(self) except -1:
        if self.nchild == self.chcap:
            self.chcap = self.chcap * 2 or 64
            self.child_counts = <int *> _realloc(self.child_counts, self.chcap * sizeof(int))
        return 0

    cdef int _push(self, lxb_dom_node_t *node, int kind, int container, uintptr_t tag) except -1:
        if self.nstack == self.scap:
            self.scap = self.scap * 2 or 64
            self.stack = <Frame *> _realloc(self.stack, self.scap * sizeof(Frame))
        self.stack[self.nstack] = Frame(node, kind, container, False, tag, 0, 0)
        self.nstack += 1
        return 0

    # --- text ------------------------------------------------------------------------

    cdef int add_text(self, const lexbor_str_t *s) except -1:
        cdef const uint8_t *p
        cdef const uint8_t *end
        cdef const uint8_t *last
        cdef Py_ssize_t n, added
        cdef bint lead
        if s.data == NULL:  # selectolax reads such a node as ""
            p, n = <const uint8_t *> "", 0
        else:
            p, n = s.data, s.length
        if self.pre:
            self.buf.put(p, n)
            added = _chars(p, n)
            self.nparts += 1
            self.length += added
            self.brs = 0
            if self.link_depth:
                self.link_chars += added
            return 0
        if n == 0:
            return 0
        end = p + n
        lead = self.length > 0 and (self.pending_space or _space_len(p, end) > 0)
        added = self.buf.words(p, n, lead)
        if added == 0:  # whitespace only: the commonest text node
            self.pending_space = True
            return 0
        last = end - 1
        while last > p and (last[0] & 0xC0) == 0x80:
            last -= 1
        self.pending_space = _space_len(last, end) > 0
        self.nparts += 1
        self.length += added
        self.brs = 0
        if self.link_depth:
            self.link_chars += added - lead
        return 0

    cdef int flush(self, str tag) except -1:
        if not self.nparts:
            return 0
        text = self.buf.text()
        if not self.pre:
            text = text.strip()
        if text:
            kind, level, ordered = self.kind()
            n = len(text)
            links = tuple(k for k in self.links if k.end <= n) if self.links else ()
            marks = tuple(m for m in self.marks if m.end <= n) if self.marks else ()
            self.add_segment(
                _record(Segment, (text, kind, self.current, tag, level, ordered, (), links,
                                  min(self.link_chars, n), marks))
            )
        self.buf.size = 0
        self.nparts = 0
        self.links = []
        self.marks = []
        self.flushes += 1
        self.length = self.link_chars = 0
        self.pending_space = False
        if self.link_depth:
            self.link_start = 0
        return 0

    cdef int add_segment(self, segment) except -1:
        self.segments.append(segment)
        self.s_container.push(segment.container)
        self.s_kind.push(LABEL_CODES[segment.kind])
        self.s_level.push(segment.level)
        self.s_ordered.push(segment.ordered)
        self.s_chars.push(len(segment.text))
        self.s_link_chars.push(segment.link_chars)
        self.s_links.push(len(segment.links))
        return 0

    cdef tuple kind(self):
        """The structural label of the text now buffered, from the open elements."""
        if self.headings:
            return HEADING_L, self.headings[-1], False
        if self.pre:
            return CODE_L, 0, False
        if self.caption:
            return CAPTION_L, 0, False
        if self.li:
            return LIST_ITEM_L, max(1, len(self.lists)), bool(self.lists) and self.lists[-1]
        if self.quote:
            return QUOTE_L, 0, False
        return PARAGRAPH_L, 0, False

    cdef str block_tag(self):
        if self.current < 0:
            return "p"
        return self.containers[self.current].tag

    # --- elements --------------------------------------------------------------------

    cdef bint is_hidden(self, const lxb_dom_element_t *el) except -1:
        """Whether an element's attributes hide it (``hidden``, ``aria-hidden``, an inline
        ``display:none``, a hiding utility class)."""
        cdef const lxb_dom_attr_t *attr = el.first_attr
        cdef const lxb_dom_attr_t *style = NULL
        cdef const lexbor_str_t *v
        cdef bint hidden = False
        while attr != NULL:
            if attr.node.local_name == LXB_DOM_ATTR_STYLE:
                style = attr
            elif _named(attr, "hidden", 6):
                hidden = True
            elif _named(attr, "aria-hidden", 11):
                v = _value(attr)
                if v != NULL and v.length == 4 and memcmp(v.data, "true", 4) == 0:
                    return True
            attr = attr.next
        if hidden:
            # (React's streaming render parks finished content in <div hidden id="S:n">.)
            v = _value(el.attr_id)
            if v == NULL or v.length < 2 or memcmp(v.data, "S:", 2) != 0:
                return True
        v = _value(style)
        # The regex runs only where it could match: "none" and "dden" hold no letter that
        # a non-ASCII character case-folds to (as "ſ" does to "s").
        if v != NULL and (_has_ci(v.data, v.length, "none", 4) or _has_ci(v.data, v.length, "dden", 4)):
            if HIDDEN_STYLE.search(_str(v)):
                return True
        v = _value(el.attr_class)
        if v == NULL or v.length == 0:
            return False
        # Every hiding class holds "hid", "none", "sr-only", "invisible" or "screen-reader".
        if not (
            _has(v.data, v.length, "hid", 3)
            or _has(v.data, v.length, "none", 4)
            or _has(v.data, v.length, "sr-only", 7)
            or _has(v.data, v.length, "invisible", 9)
            or _has(v.data, v.length, "screen-reader", 13)
        ):
            return False
        classes = _str(v)
        found = self.hiding.get(classes)
        if found is None:
            found = self.hiding[classes] = self.rules.hides(classes)
        return found

    cdef int open_container(self, uintptr_t tag, const lxb_dom_element_t *el) except -1:
        cdef int parent = self.current, index = self.ncont, depth, hint = 0, kind = -1
        cdef uint32_t mask
        cdef const lexbor_str_t *id_value
        cdef const lexbor_str_t *class_value
        ident = classes = ""
        if el != NULL:
            id_value, class_value = _value(el.attr_id), _value(el.attr_class)
            ident = _str(id_value) or ""
            classes = _str(class_value) or ""
            hint = self.vocab.hint_of(id_value, class_value, &kind)
        self._grow()
        mask = CONTEXT_BIT[tag]
        depth = 0
        if parent >= 0:
            mask |= (<uint32_t *> self.c_flags.data)[parent]
            depth = (<int32_t *> self.c_depth.data)[parent] + 1
        self.ncont += 1
        self.child_counts[self.nchild - 1] += 1
        self.containers.append(
            _record(Container, (TAG_NAMES[tag], parent, depth, ident, classes, _flag_set(mask),
                                hint, self.vocab.kinds[kind] if kind >= 0 else "",
                                self.child_counts[self.nchild - 1]))
        )
        self.c_tag.push(tag)
        self.c_parent.push(parent)
        self.c_depth.push(depth)
        self.c_flags.push(mask)
        self.c_hint.push(hint)
        self.c_kind.push(kind)
        self.c_nth.push(self.child_counts[self.nchild - 1])
        self.child_counts[self.nchild] = 0
        self.nchild += 1
        self.current = index
        return index

    cdef int close_container(self, int container) except -1:
        self.current = self.parent_of(container)
        self.nchild -= 1
        return 0

    cdef bint enter_state(self, uintptr_t tag) except -1:
        if HEADING[tag]:
            self.headings.append(HEADING[tag])
        elif tag == LXB_TAG_UL or tag == LXB_TAG_OL:
            self.lists.append(tag == LXB_TAG_OL)
        elif tag == LXB_TAG_LI or tag == LXB_TAG_DT or tag == LXB_TAG_DD:
            self.li += 1
        elif tag == LXB_TAG_BLOCKQUOTE:
            self.quote += 1
        elif tag == LXB_TAG_FIGCAPTION:
            self.caption += 1
        elif tag == LXB_TAG_PRE:
            self.pre += 1
        else:
            return False
        return True

    cdef int exit_state(self, uintptr_t tag) except -1:
        if HEADING[tag]:
            self.headings.pop()
        elif tag == LXB_TAG_UL or tag == LXB_TAG_OL:
            self.lists.pop()
        elif tag == LXB_TAG_LI or tag == LXB_TAG_DT or tag == LXB_TAG_DD:
            self.li -= 1
        elif tag == LXB_TAG_BLOCKQUOTE:
            self.quote -= 1
        elif tag == LXB_TAG_FIGCAPTION:
            self.caption -= 1
        elif tag == LXB_TAG_PRE:
            self.pre -= 1
        return 0

    cdef int image(self, const lxb_dom_element_t *el) except -1:
        src = (
            _str(_value(_attr_named(el, "data-src", 8)))
            or _str(_value(_attr(el, LXB_DOM_ATTR_SRC)))
            or _str(_value(_attr_named(el, "data-lazy-src", 13)))
            or ""
        )
        if src and not src.startswith("data:"):
            alt = " ".join((_str(_value(_attr(el, LXB_DOM_ATTR_ALT))) or "").split())
            width = self.rules.pixels(_str(_value(_attr(el, LXB_DOM_ATTR_WIDTH))))
            height = self.rules.pixels(_str(_value(_attr(el, LXB_DOM_ATTR_HEIGHT))))
            self.images.append(
                _record(PageImage, (src, alt, self.current, len(self.segments), width, height))
            )
        return 0

    cdef bint enter(self, lxb_dom_node_t *node, uintptr_t tag, uint32_t bits) except -1:
        """Open an element; False means: nothing to walk inside it (hidden, void, empty)."""
        cdef const lxb_dom_element_t *el = <const lxb_dom_element_t *> node
        cdef int container
        if el.first_attr != NULL and not self.reveal and self.is_hidden(el):
            return False
        if bits & T_BLOCK:
            if self.nparts:
                self.flush(self.block_tag())
            if bits & T_TABLE:
                rows = _data_table(node, self.scratch)
                if rows is not None:
                    self.table_segment(node, el, rows)
                    return False
            container = self.open_container(tag, el)
            self._push(node, F_BLOCK, container, tag)
            self.stack[self.nstack - 1].counts = self.enter_state(tag)
            return True
        if bits & T_LINK:
            self.link_depth += 1
            self.link_start = self.length + (1 if self.length and self.pending_space else 0)
            self.link_href = _value(_attr(el, LXB_DOM_ATTR_HREF))
            self._push(node, F_LINK, -1, tag)
            return True
        if bits & T_BR:
            self.brs += 1
            if self.brs >= 2:
                self.flush("br")
            elif self.pre:  # pre text ignores pending_space: "a<br>b" must not read "ab"
                self.buf.put(<const uint8_t *> "\n", 1)
                self.nparts += 1
                self.length += 1
            else:
                self.pending_space = True
            return False
        if bits & T_IMG:
            self.image(el)
            return False
        if node.first_child == NULL:
            return False
        if tag < LXB_TAG__LAST_ENTRY and MARK_OF[tag] and not self.pre:
            self._push(node, F_MARK, MARK_OF[tag] - 1, tag)
            self.stack[self.nstack - 1].start = self.length + (
                1 if self.length and self.pending_space else 0
            )
            self.stack[self.nstack - 1].flushes = self.flushes
            return True
        # Any other inline element (span, abbr…) changes no state: only its children count.
        self._push(node, F_INLINE, -1, tag)
        return True

    cdef int table_segment(self, lxb_dom_node_t *node, const lxb_dom_element_t *el, tuple rows) except -1:
        cdef int container = self.open_container(LXB_TAG_TABLE, el)
        link_chars = _text_chars(node, True)
        text = "\n".join([" | ".join(r) for r in rows])
        self.add_segment(
            _record(Segment, (text, TABLE_L, container, "table", 0, False, rows, (),
                              min(link_chars, len(text)), ()))
        )
        self.close_container(container)
        return 0

    cdef int exit(self, Frame *frame) except -1:
        cdef Py_ssize_t end
        if frame.kind == F_BLOCK:
            if self.nparts:
                self.flush(TAG_NAMES[frame.tag])
            if frame.counts:
                self.exit_state(frame.tag)
            self.close_container(frame.container)
        elif frame.kind == F_LINK:
            self.link_depth -= 1
            end = self.length
            if self.link_href != NULL and self.link_href.length and end > self.link_start:
                self.links.append(Link(self.link_start, end, _str(self.link_href)))
        elif frame.kind == F_MARK:
            # ``container`` holds the mark's kind; a mark cut by a block boundary is dropped.
            if self.flushes == frame.flushes and self.length > frame.start:
                self.marks.append(
                    _record(Mark, (frame.start, self.length, MARK_KINDS[frame.container]))
                )
        return 0

    cdef int run(self, lxb_dom_node_t *root) except -1:
        """Walk ``root``'s subtree without recursion, feeding the walk state."""
        cdef lxb_dom_node_t *node = root.first_child
        cdef Frame frame
        cdef uintptr_t tag
        cdef uint32_t bits
        self._grow()
        self.child_counts[0] = 0
        self.nchild = 1
        self._push(root, F_BLOCK, self.open_container(LXB_TAG_BODY, NULL), LXB_TAG_BODY)
        while self.nstack:
            if node == NULL:
                self.nstack -= 1
                frame = self.stack[self.nstack]
                if frame.kind != F_INLINE:
                    self.exit(&frame)
                node = frame.node.next if self.nstack else NULL
                continue
            if node.type == LXB_DOM_NODE_TYPE_TEXT:
                self.add_text(&(<lxb_dom_character_data_t *> node).data)
            elif node.type == LXB_DOM_NODE_TYPE_ELEMENT:
                tag = node.local_name
                bits = TAG_BITS[tag] if tag < LXB_TAG__LAST_ENTRY else 0
                if not (bits & T_SKIP) or (
                    bits & T_NOSCRIPT and _text_chars(node, False) >= NOSCRIPT_MIN
                ):
                    if self.enter(node, tag, bits):
                        node = node.first_child
                        continue
            node = node.next
        return 0


def walk(root, rules, bint reveal=False):
    """Cut the subtree of ``root`` (a selectolax ``LexborNode``) into blocks.

    ``rules.hints`` is the class/id vocabulary (a ``HintVocabulary``, read in C; its
    ``kinds`` in code order); ``rules`` answers what the walk asks once per distinct string:
    ``hides(classes)`` → bool, ``pixels(value)`` → int. Returns the tuples (segments, containers, images)
    of a ``Page`` and the block table's columns as raw bytes (see ``COLUMNS``)."""
    cdef _Walk state = _Walk(rules, reveal)
    state.run(<lxb_dom_node_t *> <uintptr_t> root.mem_id)
    columns = {
        "seg_container": state.s_container, "seg_label": state.s_kind,
        "seg_level": state.s_level, "seg_ordered": state.s_ordered, "seg_chars": state.s_chars,
        "seg_link_chars": state.s_link_chars, "seg_links": state.s_links,
        "tag": state.c_tag, "parent": state.c_parent, "depth": state.c_depth,
        "flags": state.c_flags, "hint": state.c_hint, "kind": state.c_kind,
        "nth": state.c_nth,
    }
    return (
        tuple(state.segments), tuple(state.containers), tuple(state.images),
        {name: (<_Column> col).take() for name, col in columns.items()},
    )


#: The block table's columns: name → NumPy dtype of its raw bytes.
COLUMNS = {
    "seg_container": "i4", "seg_label": "i1", "seg_level": "i1", "seg_ordered": "?",
    "seg_chars": "i4",
    "seg_link_chars": "i4", "seg_links": "i4", "tag": "i2", "parent": "i4", "depth": "i4",
    "flags": "u4", "hint": "i1", "kind": "i1", "nth": "i4",
}
#: Tag id → name for the ``tag`` column; the context names in ``flags`` bit order.
TAG_NAME_OF = TAG_NAMES
FLAG_NAMES = tuple(CONTEXT_NAMES)


include "evidence.pxi"


include "scans.pxi"


include "layout.pxi"


include "features.pxi"
include "model.pxi"
include "sums.pxi"
include "records.pxi"
include "words.pxi"
