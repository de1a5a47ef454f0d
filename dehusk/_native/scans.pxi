# The text scans the parse stage runs before lexbor sees the page (dehusk.parse, dehusk.bounds):
# one pass over the str's code points in place. Included by walk.pyx.

cdef extern from "Python.h":
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index) nogil
    int PyUnicode_1BYTE_KIND
    int PyUnicode_2BYTE_KIND


def longest_open_run(str text):
    """The most opening tags that follow one another with no closing tag between: the
    longest run of "<" + ASCII letter with no "</" between (what parse's regex pass
    ``max(map(len, "".join(re.findall("<(/|[a-zA-Z])", text)).split("/")))`` measured).
    Reads the str's code points in place; a one-byte str jumps from "<" to "<" (memchr)."""
    cdef Py_ssize_t i = 0, n = len(text), run = 0, best = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef const char *at
    cdef Py_UCS4 c
    with nogil:
        while i < n - 1:
            if kind == PyUnicode_1BYTE_KIND:
                at = <const char *> memchr(<const char *> data + i, 60, n - 1 - i)
                if at == NULL:
                    break
                i = at - <const char *> data
            elif PyUnicode_READ(kind, data, i) != 60:
                i += 1
                continue
            c = PyUnicode_READ(kind, data, i + 1)
            if c == 47:  # "/"
                run = 0
            elif (97 <= c <= 122) or (65 <= c <= 90):
                run += 1
                if run > best:
                    best = run
            i += 1
    return best


from libc.stdint cimport uint16_t

ctypedef fused _unit:  # a str's code unit, by kind
    uint8_t
    uint16_t
    uint32_t


cdef inline Py_ssize_t _next_quote(
    const _unit *data, Py_ssize_t n, Py_ssize_t j, Py_UCS4 quote
) noexcept nogil:
    """Where the next ``quote`` at or after ``j`` is, -1 for none. Each stretch between two
    quotes is read by at most the tag the first quote is in and one tag starting inside
    it (any other "<" ends a tag first), so the scan stays linear."""
    while j < n and data[j] != quote:
        j += 1
    return j if j < n else -1


cdef Py_ssize_t _long_tags(
    const _unit *data, Py_ssize_t n, Py_ssize_t steps, Py_ssize_t **starts
) noexcept nogil:
    """``long_tag_starts`` over the code units of one str kind: how many starts it wrote
    to ``*starts`` (grown with realloc), -1 when memory ran out."""
    cdef Py_ssize_t i = 0, j, k, count, found = 0, room = 0
    cdef Py_UCS4 c
    cdef Py_ssize_t *grown
    while i < n - 1:
        if data[i] != 60:
            i += 1
            continue
        c = data[i + 1]
        if not ((97 <= c <= 122) or (65 <= c <= 90)):
            i += 1
            continue
        j, count = i + 2, 0
        while j < n:
            c = data[j]
            if c == 60 or c == 62:  # "<", ">"
                break
            if c == 34 or c == 39:  # a quoted value is one step, if it is closed
                k = _next_quote(data, n, j + 1, c)
            else:
                k = j
            if k < 0:
                break
            j = k + 1
            count += 1
        if count < steps:
            i += 1
            continue
        if found == room:
            room = 2 * room + 16
            grown = <Py_ssize_t *> realloc(starts[0], room * sizeof(Py_ssize_t))
            if grown == NULL:
                return -1
            starts[0] = grown
        starts[0][found] = i
        found += 1
        i = j
    return found


def long_tag_starts(str text, Py_ssize_t steps):
    """Where the start tags with at least ``steps`` steps begin, in order: the starts of what
    ``re.finditer(r"<[a-zA-Z](?:[^<>\\"']|\\"[^\\"]*+\\"|'[^']*+'){steps,}+", text)`` matches
    (a step is a character that is no ``<``, ``>`` or quote, or a closed quoted string
    whole; ``dehusk.bounds`` counts an element's attributes only in such a tag). Reads the
    str's code units in place, one loop per str kind."""
    cdef Py_ssize_t n = len(text), found
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t *starts = NULL
    try:
        with nogil:
            if kind == PyUnicode_1BYTE_KIND:
                found = _long_tags(<uint8_t *> data, n, steps, &starts)
            elif kind == PyUnicode_2BYTE_KIND:
                found = _long_tags(<uint16_t *> data, n, steps, &starts)
            else:
                found = _long_tags(<uint32_t *> data, n, steps, &starts)
        if found < 0:
            raise MemoryError()
        return [starts[k] for k in range(found)]
    finally:
        free(starts)


cdef inline bint _continues(Py_UCS4 c) noexcept nogil:
    """Whether ``c``'s UTF-8 starts with C2, C5, C6, CB or E2: a continuation byte read as
    latin-1 (U+0080-U+00BF) or one of cp1252's characters for the bytes 0x80-0x9F."""
    return (
        0x80 <= c <= 0xBF or 0x140 <= c <= 0x1BF or 0x2C0 <= c <= 0x2FF or 0x2000 <= c <= 0x2FFF
    )


cdef bint _has_hallmark(const _unit *data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(n - 1):
        if 0xC2 <= data[i] <= 0xF4 and _continues(data[i + 1]):
            return True
    return False


def double_encoding_suspect(str text):
    """Whether ``text`` holds a likely first pair of UTF-8 read as cp1252 or latin-1: a lead
    byte's character (U+00C2-U+00F4) followed by a continuation byte's. An ASCII str has
    none; the rest is one loop over the code units per str kind, in place."""
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef bint found
    if text.isascii():
        return False
    with nogil:
        if kind == PyUnicode_1BYTE_KIND:
            found = _has_hallmark(<uint8_t *> data, n)
        elif kind == PyUnicode_2BYTE_KIND:
            found = _has_hallmark(<uint16_t *> data, n)
        else:
            found = _has_hallmark(<uint32_t *> data, n)
    return found


cdef Py_ssize_t _surrogates(const _unit *data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i, count = 0
    for i in range(n):
        if 0xD800 <= data[i] <= 0xDFFF:
            count += 1
    return count


def lone_surrogates(str text):
    """How many code points of ``text`` are surrogates (U+D800-U+DFFF): in a str each is
    lone, since a pair would be one code point. Only a str of two- or four-byte units can
    hold one."""
    cdef Py_ssize_t n = len(text), count = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    with nogil:
        if kind == PyUnicode_2BYTE_KIND:
            count = _surrogates(<uint16_t *> data, n)
        elif kind != PyUnicode_1BYTE_KIND:
            count = _surrogates(<uint32_t *> data, n)
    return count
