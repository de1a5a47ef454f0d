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
