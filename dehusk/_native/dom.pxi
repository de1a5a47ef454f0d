# Reading lexbor's tree in place: UTF-8 as Python's str sees it, attributes, names, subtrees.
# Included by walk.pyx (one extension module); every function here is C-level.

from sys import intern


cdef inline str _entry_name(const lexbor_hash_entry_t *entry):
    return PyUnicode_DecodeUTF8(<char *> lexbor_hash_entry_str(entry), entry.length, "replace")


#: The names of lexbor's static tag and attribute ids, decoded once and interned: the
#: evidence pass names hundreds of elements and attributes a page (each a new str, hashed
#: again as a dict key), and lookups of an interned name by a literal compare pointers.
cdef list _STATIC_TAG_NAMES = [
    intern(_entry_name(&lxb_tag_res_data_default[_i].entry)) for _i in range(LXB_TAG__LAST_ENTRY)
]
cdef list _STATIC_ATTR_NAMES = [
    intern(_entry_name(&lxb_dom_attr_res_data_default[_i].entry))
    for _i in range(LXB_DOM_ATTR__LAST_ENTRY)
]


cdef inline str _tag_name(uintptr_t id):
    if id < LXB_TAG__LAST_ENTRY:
        return _STATIC_TAG_NAMES[id]
    # lexbor: an id past the static ones is its data's address
    return _entry_name(&(<const lxb_tag_data_t *> id).entry)


cdef inline str _attr_name(const lxb_dom_attr_t *attr):
    cdef uintptr_t id = attr.node.local_name
    if id < LXB_DOM_ATTR__LAST_ENTRY:
        return _STATIC_ATTR_NAMES[id]
    return _entry_name(&(<const lxb_dom_attr_data_t *> id).entry)


cdef inline int _space_len(const uint8_t *p, const uint8_t *end) noexcept nogil:
    """The byte length of the whitespace character at ``p`` (one ``str.isspace`` accepts),
    0 if it is not whitespace."""
    cdef uint8_t c = p[0]
    if c < 0x80:
        return 1 if (c == 32 or 9 <= c <= 13 or 0x1c <= c <= 0x1f) else 0
    if c == 0xC2:
        return 2 if p + 1 < end and (p[1] == 0x85 or p[1] == 0xA0) else 0
    if p + 2 >= end:
        return 0
    if c == 0xE1:
        return 3 if p[1] == 0x9A and p[2] == 0x80 else 0
    if c == 0xE2:
        if p[1] == 0x80 and (p[2] <= 0x8A or p[2] == 0xA8 or p[2] == 0xA9 or p[2] == 0xAF):
            return 3 if p[2] >= 0x80 else 0
        return 3 if p[1] == 0x81 and p[2] == 0x9F else 0
    if c == 0xE3:
        return 3 if p[1] == 0x80 and p[2] == 0x80 else 0
    return 0


cdef inline const uint8_t *_next_char(const uint8_t *p, const uint8_t *end) noexcept nogil:
    p += 1
    while p < end and (p[0] & 0xC0) == 0x80:
        p += 1
    return p


cdef inline Py_ssize_t _chars(const uint8_t *p, Py_ssize_t n) noexcept nogil:
    """Code points in ``n`` bytes of UTF-8 (what ``len`` of the decoded str gives)."""
    cdef Py_ssize_t count = 0, i
    for i in range(n):
        count += (p[i] & 0xC0) != 0x80
    return count


cdef inline bint _has_ci(const uint8_t *p, Py_ssize_t n, const char *word, Py_ssize_t k) noexcept nogil:
    """Whether ``word`` (lowercase ASCII) occurs in ``p`` ignoring ASCII case."""
    cdef Py_ssize_t i, j
    for i in range(n - k + 1):
        for j in range(k):
            if (p[i + j] | 0x20) != <uint8_t> word[j]:
                break
        else:
            return True
    return False


cdef inline bint _has(const uint8_t *p, Py_ssize_t n, const char *word, Py_ssize_t k) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(n - k + 1):
        if p[i] == <uint8_t> word[0] and memcmp(p + i, word, k) == 0:
            return True
    return False


cdef class _Buffer:
    """A growable byte buffer (a block's text as UTF-8)."""

    cdef uint8_t *data
    cdef Py_ssize_t size, cap

    def __dealloc__(self):
        free(self.data)

    cdef int reserve(self, Py_ssize_t more) except -1:
        cdef Py_ssize_t cap = self.cap or 256
        cdef uint8_t *grown
        if self.size + more <= self.cap:
            return 0
        while cap < self.size + more:
            cap *= 2
        grown = <uint8_t *> realloc(self.data, cap)
        if grown == NULL:
            raise MemoryError()
        self.data, self.cap = grown, cap
        return 0

    cdef int put(self, const uint8_t *p, Py_ssize_t n) except -1:
        self.reserve(n)
        memcpy(self.data + self.size, p, n)
        self.size += n
        return 0

    cdef Py_ssize_t words(self, const uint8_t *p, Py_ssize_t n, bint lead) except -1:
        """Append the whitespace-separated words of ``p`` joined by one space (" " first
        if ``lead``): ``" ".join(s.split())``. Returns the code points appended."""
        cdef const uint8_t *end = p + n
        cdef const uint8_t *start
        cdef Py_ssize_t before = self.size, sp
        cdef bint first = True
        self.reserve(n + 1)
        while p < end:
            sp = _space_len(p, end)
            if sp:
                p += sp
                continue
            start = p
            while p < end and not _space_len(p, end):
                p = _next_char(p, end)
            if lead or not first:
                self.data[self.size] = 32
                self.size += 1
            first = False
            memcpy(self.data + self.size, start, p - start)
            self.size += p - start
        return _chars(self.data + before, self.size - before)

    cdef str text(self):
        return PyUnicode_DecodeUTF8(<char *> self.data, self.size, "replace")


cdef inline const lexbor_str_t *_value(const lxb_dom_attr_t *attr) noexcept nogil:
    if attr == NULL or attr.value == NULL or attr.value.data == NULL:
        return NULL
    return attr.value


cdef inline str _str(const lexbor_str_t *s):
    if s == NULL:
        return None
    return PyUnicode_DecodeUTF8(<char *> s.data, s.length, "replace")


cdef inline bint _named(const lxb_dom_attr_t *attr, const char *name, size_t n) noexcept nogil:
    """Whether an attribute lexbor has no static id for is called ``name``."""
    cdef uintptr_t id = attr.node.local_name
    cdef const lxb_dom_attr_data_t *data
    if id < LXB_DOM_ATTR__LAST_ENTRY:
        return False
    data = <const lxb_dom_attr_data_t *> id  # lexbor: a dynamic id is its data's address
    return data.entry.length == n and memcmp(lexbor_hash_entry_str(&data.entry), name, n) == 0


cdef const lxb_dom_attr_t *_attr(const lxb_dom_element_t *el, uintptr_t id) noexcept nogil:
    cdef const lxb_dom_attr_t *attr = el.first_attr
    while attr != NULL:
        if attr.node.local_name == id:
            return attr
        attr = attr.next
    return NULL


cdef const lxb_dom_attr_t *_attr_named(const lxb_dom_element_t *el, const char *name, size_t n) noexcept nogil:
    cdef const lxb_dom_attr_t *attr = el.first_attr
    while attr != NULL:
        if _named(attr, name, n):
            return attr
        attr = attr.next
    return NULL


cdef inline lxb_dom_node_t *_following(lxb_dom_node_t *node, lxb_dom_node_t *root) noexcept nogil:
    """The next node after ``node`` in document order inside ``root``'s subtree (NULL: done)."""
    if node.first_child != NULL:
        return node.first_child
    while node != root and node.next == NULL:
        node = node.parent
    return NULL if node == root else node.next


cdef Py_ssize_t _text_chars(lxb_dom_node_t *root, bint inside_links) noexcept nogil:
    """``len(node.text())``; with ``inside_links`` the sum of it over the <a> below root."""
    cdef lxb_dom_node_t *node = root.first_child
    cdef lxb_dom_node_t *up
    cdef Py_ssize_t total = 0, depth
    cdef const lexbor_str_t *s
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_TEXT:
            s = &(<lxb_dom_character_data_t *> node).data
            if s.data != NULL:
                if inside_links:
                    depth = 0
                    up = node.parent
                    while up != root:
                        depth += up.local_name == LXB_TAG_A and up.type == LXB_DOM_NODE_TYPE_ELEMENT
                        up = up.parent
                    total += depth * _chars(s.data, s.length)
                else:
                    total += _chars(s.data, s.length)
        node = _following(node, root)
    return total


cdef inline lxb_dom_node_t *_past(lxb_dom_node_t *node, lxb_dom_node_t *root) noexcept nogil:
    """The next node after ``node``'s subtree in document order inside ``root`` (NULL: done)."""
    while node != root and node.next == NULL:
        node = node.parent
    return NULL if node == root else node.next


cdef str _cell_text(lxb_dom_node_t *cell, _Buffer buf):
    """``" ".join(cell.text(separator=" ").split())`` without what the walk skips (a share
    button's ``<script>``, a ``<style>``: a cell of a dev page printed a tweet button's
    JavaScript)."""
    cdef lxb_dom_node_t *node = cell.first_child
    cdef const lexbor_str_t *s
    buf.size = 0
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_TEXT:
            s = &(<lxb_dom_character_data_t *> node).data
            if s.data != NULL:
                buf.words(s.data, s.length, buf.size > 0)
        elif (
            node.type == LXB_DOM_NODE_TYPE_ELEMENT
            and node.local_name < LXB_TAG__LAST_ENTRY
            and TAG_BITS[node.local_name] & T_SKIP
        ):
            node = _past(node, cell)
            continue
        node = _following(node, cell)
    return buf.text()




#: A data table's cells are short: a mean above this or one cell above the next is layout.
DATA_CELL_MEAN = 160
DATA_CELL_MAX = 500


cdef object _data_table(lxb_dom_node_t *table, _Buffer buf):
    """The rows of a data table, or None for a layout table (nested tables, long cells)."""
    cdef lxb_dom_node_t *node = table.first_child
    cdef lxb_dom_node_t *cell
    cdef uint32_t bits
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT and node.local_name == LXB_TAG_TABLE:
            return None
        node = _following(node, table)
    rows = []
    node = table.first_child
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT and node.local_name == LXB_TAG_TR:
            cells = []
            cell = node.first_child
            while cell != NULL:
                if cell.type == LXB_DOM_NODE_TYPE_ELEMENT and (
                    cell.local_name == LXB_TAG_TD or cell.local_name == LXB_TAG_TH
                ):
                    cells.append(_cell_text(cell, buf))
                cell = _following(cell, node)
            if any(cells):
                rows.append(tuple(cells))
        node = _following(node, table)
    if not rows:
        return None
    lengths = [len(c) for r in rows for c in r]
    if (
        max(len(r) for r in rows) < 2
        or sum(lengths) / len(lengths) > DATA_CELL_MEAN
        or max(lengths) > DATA_CELL_MAX
    ):
        return None
    return tuple(rows)


cdef class _Column:
    """A growable C array of one fixed-size type: a column of the block table."""

    cdef char *data
    cdef Py_ssize_t size, cap, item

    def __cinit__(self, Py_ssize_t item):
        self.item = item

    def __dealloc__(self):
        free(self.data)

    cdef inline int push(self, long long value) except -1:
        cdef Py_ssize_t cap
        if self.size == self.cap:
            cap = self.cap * 2 or 256
            self.data = <char *> _realloc(self.data, cap * self.item)
            self.cap = cap
        if self.item == 1:
            (<int8_t *> self.data)[self.size] = <int8_t> value
        elif self.item == 2:
            (<int16_t *> self.data)[self.size] = <int16_t> value
        else:
            (<int32_t *> self.data)[self.size] = <int32_t> value
        self.size += 1
        return 0

    cdef bytes take(self):
        return self.data[: self.size * self.item] if self.size else b""


cdef void *_realloc(void *p, size_t size) except NULL:
    cdef void *grown = realloc(p, size)
    if grown == NULL:
        raise MemoryError()
    return grown
