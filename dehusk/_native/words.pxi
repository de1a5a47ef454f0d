# Dedupe's normal form of a block's text in C (dehusk.dedupe.normalise). Included by walk.pyx.

from cpython.unicode cimport Py_UNICODE_ISALNUM
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
