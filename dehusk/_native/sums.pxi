# Sums up the container tree for the rules' cascade (dehusk.classify.rules), in C over the
# block table's columns. Included by walk.pyx.


@cython.boundscheck(False)
@cython.wraparound(False)
def subtree_sums(
    const int32_t[::1] seg_container, const int32_t[::1] parent, const double[:, ::1] values
):
    """Per container: the sums of ``values`` (one row per segment, any number of columns)
    over the segments under it, as raw float64 (``containers × columns``, C order).

    Each segment's row is added to its container and every ancestor, segment by segment in
    reading order: a container's float sum is the one Python's ``+=`` made in that order, to
    the last bit. A segment outside every container (-1) counts nowhere."""
    cdef Py_ssize_t segments = values.shape[0], width = values.shape[1]
    cdef Py_ssize_t containers = parent.shape[0], s, k
    cdef int32_t i
    if seg_container.shape[0] != segments:
        raise ValueError("one row of values per segment")
    for s in range(segments):
        if not -1 <= seg_container[s] < containers:
            raise ValueError("a segment's container is not in the table")
    for k in range(containers):
        if not -1 <= parent[k] < k:
            raise ValueError("a parent does not come before its child")
    cdef bytearray out = bytearray(8 * containers * width)
    cdef double *sums = <double *> (<char *> out)
    with nogil:
        for s in range(segments):
            i = seg_container[s]
            while i >= 0:
                for k in range(width):
                    sums[i * width + k] += values[s, k]
                i = parent[i]
    return bytes(out)


@cython.boundscheck(False)
@cython.wraparound(False)
def nearest_marked(const int32_t[::1] parent, const uint8_t[::1] marked, Py_ssize_t stop):
    """Per container: its nearest marked ancestor-or-self, -1 where none is, as raw int32
    (one per container). Container ``stop`` answers -1 whatever its mark and its subtree
    looks no higher (the rules climb from a segment up to their best container and no
    further); -1 stops nowhere.

    One pass in document order: a parent comes before its child, so its answer is known."""
    cdef Py_ssize_t containers = parent.shape[0], k
    cdef int32_t up
    if marked.shape[0] != containers:
        raise ValueError("one mark per container")
    if not -1 <= stop < containers:
        raise ValueError("the stop is not a container")
    for k in range(containers):
        if not -1 <= parent[k] < k:
            raise ValueError("a parent does not come before its child")
    cdef bytearray out = bytearray(4 * containers)
    cdef int32_t *nearest = <int32_t *> (<char *> out)
    with nogil:
        for k in range(containers):
            up = parent[k]
            if k == stop:
                nearest[k] = -1
            elif marked[k]:
                nearest[k] = <int32_t> k
            elif up < 0:
                nearest[k] = -1
            else:
                nearest[k] = nearest[up]
    return bytes(out)
