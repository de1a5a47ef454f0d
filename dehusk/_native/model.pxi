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


cdef void _row_leaves(
    const float *x, const Py_ssize_t *feature, const float *split, const double *leaf,
    Py_ssize_t trees, Py_ssize_t inner, Py_ssize_t depth, double *values,
) noexcept nogil:
    """``values[t]``: the leaf row ``x`` reaches in tree ``t`` (C-ordered ``trees × inner``
    splits, ``trees × (inner + 1)`` leaves). Four trees are walked side by side: each step
    down is a chain of dependent loads, and four independent chains keep the core busy."""
    cdef Py_ssize_t t = 0, level, k0, k1, k2, k3
    cdef const Py_ssize_t *f0
    cdef const float *s0
    cdef Py_ssize_t stride = inner
    while t + 4 <= trees:
        f0 = feature + t * stride
        s0 = split + t * stride
        k0 = k1 = k2 = k3 = 0
        for level in range(depth):
            k0 = 2 * k0 + 1 + (x[f0[k0]] > s0[k0])
            k1 = 2 * k1 + 1 + (x[f0[stride + k1]] > s0[stride + k1])
            k2 = 2 * k2 + 1 + (x[f0[2 * stride + k2]] > s0[2 * stride + k2])
            k3 = 2 * k3 + 1 + (x[f0[3 * stride + k3]] > s0[3 * stride + k3])
        values[t] = leaf[t * (inner + 1) + k0 - inner]
        values[t + 1] = leaf[(t + 1) * (inner + 1) + k1 - inner]
        values[t + 2] = leaf[(t + 2) * (inner + 1) + k2 - inner]
        values[t + 3] = leaf[(t + 3) * (inner + 1) + k3 - inner]
        t += 4
    while t < trees:
        f0 = feature + t * stride
        s0 = split + t * stride
        k0 = 0
        for level in range(depth):
            k0 = 2 * k0 + 1 + (x[f0[k0]] > s0[k0])
        values[t] = leaf[t * (inner + 1) + k0 - inner]
        t += 1


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
                _row_leaves(&x[row, 0], &feature[0, 0], &split[0, 0], &leaf[0, 0], trees,
                            inner, depth, values)
                sums[row] = _pairwise_sum(values, trees)
    finally:
        free(values)
    return bytes(out)
