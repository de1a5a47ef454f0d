# Dedupe's normal form of a block's text in C (dehusk.dedupe.normalise). Included by walk.pyx.

from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISSPACE
from libc.stdlib cimport malloc

cdef extern from "Python.h":
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND


def word_runs(str text):
    """The words of ``text`` lowercased, one space between: what
    ``" ".join(re.findall(r"\\w+", text.lower()))`` gives (a word character is what the
    regex engine calls one: ``str.isalnum()`` or "_")."""
    cdef str low = text.lower()
    cdef Py_ssize_t size = 0
    cdef bint inside = False
    cdef Py_UCS4 c
    cdef Py_UCS4 *buf = <Py_UCS4 *> malloc((len(low) or 1) * sizeof(Py_UCS4))
    if buf == NULL:
        raise MemoryError()
    try:
        for c in low:
            if Py_UNICODE_ISALNUM(c) or c == u"_":
                if not inside and size:
                    buf[size] = 32
                    size += 1
                buf[size] = c
                size += 1
                inside = True
            else:
                inside = False
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, size)
    finally:
        free(buf)


def folded_join(list texts):
    """The texts with their whitespace folded, one space between: what
    ``" ".join([" ".join(t.split()) for t in texts])`` gives (a space is what
    ``str.split()`` splits on, ``str.isspace()``; a text with no word still takes its
    separator). The metadata stage folds every block's text of a page so (most are folded
    already): one loop in C instead of a list of words per block."""
    cdef Py_ssize_t i, size = 0, room = 0
    cdef bint inside, gap
    cdef Py_UCS4 c
    cdef str one
    for one in texts:
        room += len(one) + 1
    # Each text writes at most its own length (a run of spaces becomes at most one) plus
    # its separator: ``room`` bounds every write.
    cdef Py_UCS4 *buf = <Py_UCS4 *> malloc((room or 1) * sizeof(Py_UCS4))
    if buf == NULL:
        raise MemoryError()
    try:
        for i in range(len(texts)):
            one = texts[i]
            if i:
                buf[size] = 32
                size += 1
            inside = gap = False
            for c in one:
                if Py_UNICODE_ISSPACE(c):
                    gap = inside
                    continue
                if gap:
                    buf[size] = 32
                    size += 1
                    gap = False
                buf[size] = c
                size += 1
                inside = True
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, size)
    finally:
        free(buf)


def quoted_sources(list mains, dict index, frozenset firsts, Py_ssize_t n):
    """Dedupe's pull-quote search (``dehusk.dedupe._pullquotes``): per candidate, the first
    main block whose words hold the candidate's words, as {candidate: block}.

    ``mains``: (block index, its words) for every main block, in order; ``index``: the
    candidates (block index, words) by their first ``n`` words (a tuple); ``firsts``: the
    first words of ``index``'s keys. A window of ``n`` words of a main block that opens with
    none of ``firsts`` is in no key, so it is never built. A candidate is found once, in a
    block other than its own that has more words."""
    cdef dict found = {}
    cdef list words, cand
    cdef tuple entry
    cdef Py_ssize_t k, m, length
    for j, words in mains:
        m = len(words)
        if firsts.isdisjoint(words):
            continue
        for k in range(m - n + 1):
            if words[k] not in firsts:
                continue
            hits = index.get(tuple(words[k : k + n]))
            if hits is None:
                continue
            for entry in hits:
                i = entry[0]
                cand = entry[1]
                length = len(cand)
                if i != j and i not in found and length < m and words[k : k + length] == cand:
                    found[i] = j
    return found
