# The block model's trees walked in C (dehusk.classify.model.block_probs). Included by walk.pyx.

cimport cython


cdef double _pairwise_sum(const double *a, Py_ssize_t n) noexcept nogil:
    """``a[:n].sum()`` as NumPy adds a contiguous row (eight running sums, then pairs), so
    the result is the same double to the last bit."""
    cdef double r[8]
    cdef double res
    cdef Py_ssize_t i, j, half
    if n < 8:
        res = 0.0
        for i in range(n):
            res += a[i]
        return res
    if n <= 128:
        for j in range(8):
            r[j] = a[j]
        i = 8
        while i < n - (n % 8):
            for j in range(8):
                r[j] += a[i + j]
            i += 8
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n:
            res += a[i]
            i += 1
        return res
    half = n // 2
    half -= half % 8
    return _pairwise_sum(a, half) + _pairwise_sum(a + half, n - half)


@cython.boundscheck(False)
@cython.wraparound(False)
def tree_sums(
    const float[:, ::1] x,
    const Py_ssize_t[:, ::1] feature,
    const float[:, ::1] split,
    const double[:, ::1] leaf,
):
    """Per row of ``x``: the sum over the trees of the leaf it reaches, as raw float64.

    The trees are complete binary trees in heap order (``dehusk.classify.model``): from node ``k``
    a row goes to ``2k+2`` when its ``feature[k]`` value is above ``split[k]``, else to
    ``2k+1``; ``leaf[t, k - inner]`` is tree t's value at bottom node ``k``."""
    cdef Py_ssize_t rows = x.shape[0], trees = feature.shape[0], inner = feature.shape[1]
    cdef Py_ssize_t depth = 0, row, t, level, k
    if leaf.shape[0] != trees or leaf.shape[1] != inner + 1 or split.shape[0] != trees:
        raise ValueError("trees of unequal shapes")
    if split.shape[1] != inner:
        raise ValueError("trees of unequal shapes")
    while (2 << depth) - 1 <= inner:
        depth += 1
    if (1 << depth) - 1 != inner:
        raise ValueError("trees are not complete")
    cdef double *values = <double *> _realloc(NULL, (trees or 1) * sizeof(double))
    cdef bytearray out = bytearray(8 * rows)
    cdef double *sums = <double *> (<char *> out)
    cdef Py_ssize_t width = x.shape[1]
    try:
        for t in range(trees):
            for k in range(inner):
                if not 0 <= feature[t, k] < width:
                    raise ValueError("a split reads a feature the rows do not have")
        with nogil:
            for row in range(rows):
                for t in range(trees):
                    k = 0
                    for level in range(depth):
                        k = 2 * k + 1 + (x[row, feature[t, k]] > split[t, k])
                    values[t] = leaf[t, k - inner]
                sums[row] = _pairwise_sum(values, trees)
    finally:
        free(values)
    return bytes(out)
