# Frozen slotted dataclass instances made in C (dehusk.classify.stage's Blocks). Included by
# walk.pyx.

cdef extern from "Python.h":
    int PyObject_GenericSetAttr(object o, object name, object value) except -1


def frozen_columns(type cls, tuple fields, tuple columns):
    """Instances of ``cls`` (a frozen dataclass with ``__slots__``), one per row:
    ``columns[k]`` holds field ``fields[k]``'s value for every instance (tuples or lists of
    one length; ``fields`` names all of ``cls``'s fields). Each is set as ``__init__`` sets
    it (``object.__setattr__``, past the frozen guard), without that Python-level call per
    instance and without a tuple per instance."""
    cdef Py_ssize_t width = len(fields), k, i, n
    if len(columns) != width:
        raise ValueError("one column per field")
    cdef list cols = [c if isinstance(c, (list, tuple)) else list(c) for c in columns]
    n = len(cols[0]) if width else 0
    for k in range(width):
        if len(cols[k]) != n:
            raise ValueError("columns of unequal lengths")
    cdef list out = []
    for i in range(n):
        obj = cls.__new__(cls)
        for k in range(width):
            PyObject_GenericSetAttr(obj, fields[k], cols[k][i])
        out.append(obj)
    return out
