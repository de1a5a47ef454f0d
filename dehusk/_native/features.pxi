# Per-segment and per-container counts for the classifier's features (dehusk.classify.features), in
# C over the segments' and containers' str. Included by walk.pyx.

import zlib

from cpython.unicode cimport PyUnicode_AsUTF8AndSize
from libc.stdint cimport uint64_t


def text_counts(tuple segments, str sentence_end):
    """Per segment (``Segment`` values): its spaces (``text.count(" ")``), its ``.``, ``,``
    and ``;`` together, and whether its text ends in one of the characters of
    ``sentence_end``, as three raw int32 columns (``np.frombuffer(raw, "i4")``)."""
    cdef _Column spaces = _Column(4), puncts = _Column(4), ends = _Column(4)
    cdef Py_ssize_t nspace, npunct
    cdef Py_UCS4 c
    cdef str text
    for segment in segments:
        text = segment.text
        nspace = npunct = 0
        for c in text:
            if c == u" ":
                nspace += 1
            elif c == u"." or c == u"," or c == u";":
                npunct += 1
        spaces.push(nspace)
        puncts.push(npunct)
        ends.push(len(text) > 0 and text[len(text) - 1] in sentence_end)
    return spaces.take(), puncts.take(), ends.take()


cdef uint32_t CRC_TABLE[256]


cdef void _init_crc() noexcept:
    """The table of CRC-32 (IEEE 802.3, reflected: ``zlib.crc32``)."""
    cdef uint32_t c, n, k
    for n in range(256):
        c = n
        for k in range(8):
            c = (0xEDB88320u ^ (c >> 1)) if c & 1 else c >> 1
        CRC_TABLE[n] = c


_init_crc()


cdef inline uint32_t _crc32(const uint8_t *p, Py_ssize_t n) noexcept nogil:
    cdef uint32_t c = 0xFFFFFFFFu
    cdef Py_ssize_t i
    for i in range(n):
        c = CRC_TABLE[(c ^ p[i]) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFFu


cdef uint64_t _word_mask(str text, bytes separators, uint32_t buckets) except? 0:
    """The buckets (bit ``b``: bucket ``b``) of the words of ``text``: split at whitespace
    and at the bytes of ``separators`` (ASCII), lowercased, CRC-32 modulo ``buckets``. An
    ASCII word is lowercased here; a word with other characters by ``str.lower``."""
    cdef Py_ssize_t n, size
    cdef const uint8_t *p = <const uint8_t *> PyUnicode_AsUTF8AndSize(text, &n)
    cdef const uint8_t *end = p + n
    cdef const uint8_t *start
    cdef const char *seps = separators
    cdef Py_ssize_t nseps = len(separators), i, sp
    cdef uint8_t word[64]
    cdef uint64_t mask = 0
    cdef bint ascii
    while p < end:
        sp = _space_len(p, end)
        if sp == 0 and memchr(seps, p[0], nseps) != NULL:
            sp = 1
        if sp:
            p += sp
            continue
        start, ascii = p, True
        while p < end and not _space_len(p, end) and memchr(seps, p[0], nseps) == NULL:
            ascii = ascii and p[0] < 0x80
            p += 1
        size = p - start
        if ascii and size <= 64:
            for i in range(size):
                word[i] = (start[i] | 0x20) if _upper(start[i]) else start[i]
            mask |= (<uint64_t> 1) << (_crc32(word, size) % buckets)
        else:
            raw = PyUnicode_DecodeUTF8(<const char *> start, size, "strict").lower().encode()
            mask |= (<uint64_t> 1) << (<uint32_t> zlib.crc32(raw) % buckets)
    return mask


def word_masks(tuple containers, list indices, bytes separators, uint32_t buckets):
    """Per container ``containers[i]`` for ``i`` in ``indices``: the word buckets of its id
    and class names together (see ``_word_mask``; at most 64 buckets), as a raw uint64
    column (``np.frombuffer(raw, "u8")``)."""
    if buckets > 64:
        raise ValueError("at most 64 buckets fit a mask")
    cdef bytearray out = bytearray(8 * len(indices))
    cdef uint64_t *masks = <uint64_t *> (<char *> out)
    cdef Py_ssize_t k
    # A page repeats its class names (every item of a list, every comment): each distinct
    # string is hashed once.
    cdef dict seen = {}
    cdef str text
    cdef uint64_t mask
    for k, i in enumerate(indices):
        c = containers[i]
        # Whitespace splits words: the id's and the classes' masks together are the mask of
        # "{ident} {classes}", without building that string per container.
        mask = 0
        for text in (c.ident, c.classes):
            if text:
                known = seen.get(text)
                if known is None:
                    known = seen[text] = _word_mask(text, separators, buckets)
                mask |= <uint64_t> known
        masks[k] = mask
    return bytes(out)


#: ``block_matrix``'s input columns (``dehusk.classify.features._per_segment``, in order),
#: the numeric block columns before the one-hot groups, and the neighbour window.
cdef enum:
    RAW_CHARS = 0
    RAW_WORDS = 1
    RAW_LINKS = 2
    RAW_PUNCTS = 3
    RAW_ENDS = 4
    RAW_PROSE = 5
    RAW_LEVEL = 6
    RAW_VALUE = 7
    RAW_MAIN = 8
    RAW_IN_BEST = 9
    RAW_IN_CARDS = 10
    RAW_HUSK = 11
    RAW_TOTAL = 12
    RAW_DEPTH = 13
    RAW_HINT = 14
    RAW_PARENT_HINT = 15
    RAW_KIND = 17
    RAW_LABEL = 18
    RAW_TAG = 19
    RAW_FLAGS = 20
    RAW_WIDTH = 21
    NUMERIC_COLUMNS = 31
    NEIGHBOURS = 3


cdef inline double _density(const double[:, ::1] raw, Py_ssize_t i) noexcept nogil:
    cdef double chars = raw[i, RAW_CHARS]
    return raw[i, RAW_LINKS] / (chars if chars > 1.0 else 1.0)


cdef inline double _window(const double *csum, Py_ssize_t i, Py_ssize_t n, double own) noexcept nogil:
    """The mean over the ``NEIGHBOURS`` neighbours on each side of row ``i``, itself left out."""
    cdef Py_ssize_t lo = i - NEIGHBOURS if i > NEIGHBOURS else 0
    cdef Py_ssize_t hi = i + NEIGHBOURS + 1 if i + NEIGHBOURS + 1 < n else n
    cdef Py_ssize_t width = hi - lo - 1
    return (csum[hi] - csum[lo] - own) / <double> (width if width > 1 else 1)


cdef inline void _one(float *row, Py_ssize_t at, double index, Py_ssize_t width) noexcept nogil:
    cdef Py_ssize_t k = <Py_ssize_t> index
    if 0 <= k < width:
        row[at + k] = 1.0


@cython.boundscheck(False)
@cython.wraparound(False)
def block_matrix(
    const double[:, ::1] raw,
    const double[:, ::1] logs,
    const uint64_t[::1] masks,
    const uint8_t[::1] repeated,
    double card_mode,
    double best_total,
    double best_depth,
    bint has_best,
    tuple widths,
):
    """The block model's feature rows (``dehusk.classify.features.BLOCK_FEATURES``) as raw
    float32, C order: per segment, from ``raw`` (``_per_segment``'s columns), ``logs``
    (``log1p`` of chars, words, ``|value|`` and siblings, by NumPy: its own ``log1p`` may not
    be libm's to the last bit), the class-word ``masks`` and the ``repeated`` flags.

    Every column is one double operation on the inputs, in the order the NumPy version did
    it, then rounded to float32 once: the same rows to the last bit. ``widths``: the one-hot
    groups' widths (kinds, labels, tags, flags, hash buckets)."""
    cdef Py_ssize_t kinds, labels, tags, flags, buckets
    kinds, labels, tags, flags, buckets = widths
    cdef Py_ssize_t n = raw.shape[0], i, b
    cdef Py_ssize_t width = NUMERIC_COLUMNS + kinds + labels + tags + flags + buckets
    if raw.shape[1] != RAW_WIDTH or logs.shape[1] != 4 or buckets > 64:
        raise ValueError("block_matrix: inputs of the wrong shape")
    if logs.shape[0] != n or masks.shape[0] != n or repeated.shape[0] != n:
        raise ValueError("block_matrix: inputs of unequal lengths")
    cdef bytearray out = bytearray(4 * n * width)
    cdef float *rows = <float *> (<char *> out)
    # Running sums from 0 (``np.concatenate([[0.0], np.cumsum(a)])``) of chars, main, prose.
    cdef double *csum = <double *> _realloc(NULL, 3 * (n + 1) * sizeof(double))
    cdef double total, value, share, before
    cdef float *row
    cdef uint64_t mask, flag_bits
    try:
        with nogil:
            csum[0] = csum[n + 1] = csum[2 * (n + 1)] = 0.0
            for i in range(n):
                csum[i + 1] = csum[i] + raw[i, RAW_CHARS]
                csum[n + 2 + i] = csum[n + 1 + i] + raw[i, RAW_MAIN]
                csum[2 * n + 3 + i] = csum[2 * n + 2 + i] + raw[i, RAW_PROSE]
            total = csum[n] if csum[n] > 1.0 else 1.0
            for i in range(n):
                row = rows + i * width
                value = raw[i, RAW_VALUE]
                row[0] = <float> logs[i, 0]
                row[1] = <float> logs[i, 1]
                row[2] = <float> _density(raw, i)
                row[3] = <float> (raw[i, RAW_PUNCTS] / raw[i, RAW_WORDS])
                row[4] = <float> raw[i, RAW_ENDS]
                row[5] = <float> raw[i, RAW_PROSE]
                row[6] = <float> (raw[i, RAW_LEVEL] / 6)
                row[7] = <float> (((value > 0) - (value < 0)) * logs[i, 2])
                row[8] = <float> raw[i, RAW_MAIN]
                row[9] = <float> raw[i, RAW_IN_BEST]
                row[10] = <float> raw[i, RAW_IN_CARDS]
                row[11] = <float> card_mode
                row[12] = <float> raw[i, RAW_HUSK]
                if best_total > 0:
                    share = raw[i, RAW_TOTAL] / best_total
                    row[13] = <float> (-1.0 if share < -1.0 else (1.0 if share > 1.0 else share))
                else:
                    row[13] = 0.0
                row[14] = <float> ((raw[i, RAW_DEPTH] - best_depth) / 10) if has_best else 0.0
                row[15] = <float> (<double> i / <double> n)
                before = csum[i + 1] - raw[i, RAW_CHARS]
                row[16] = <float> (before / total)
                row[17] = <float> repeated[i]
                row[18] = <float> logs[i, 3]
                row[19] = <float> raw[i, RAW_HINT]
                row[20] = <float> raw[i, RAW_PARENT_HINT]
                if i > 0:
                    row[21] = <float> raw[i - 1, RAW_MAIN]
                    row[22] = <float> logs[i - 1, 0]
                    row[23] = <float> _density(raw, i - 1)
                    row[24] = <float> raw[i - 1, RAW_PROSE]
                if i + 1 < n:
                    row[25] = <float> raw[i + 1, RAW_MAIN]
                    row[26] = <float> logs[i + 1, 0]
                    row[27] = <float> _density(raw, i + 1)
                    row[28] = <float> raw[i + 1, RAW_PROSE]
                row[29] = <float> _window(csum + n + 1, i, n, raw[i, RAW_MAIN])
                row[30] = <float> _window(csum + 2 * (n + 1), i, n, raw[i, RAW_PROSE])
                _one(row, NUMERIC_COLUMNS, raw[i, RAW_KIND], kinds)
                _one(row, NUMERIC_COLUMNS + kinds, raw[i, RAW_LABEL], labels)
                _one(row, NUMERIC_COLUMNS + kinds + labels, raw[i, RAW_TAG], tags)
                flag_bits = <uint64_t> <long long> raw[i, RAW_FLAGS]
                for b in range(flags):
                    row[NUMERIC_COLUMNS + kinds + labels + tags + b] = <float> ((flag_bits >> b) & 1)
                mask = masks[i]
                for b in range(buckets):
                    row[width - buckets + b] = <float> ((mask >> b) & 1)
    finally:
        free(csum)
    return bytes(out)


@cython.boundscheck(False)
@cython.wraparound(False)
def bucket_weights(const uint64_t[::1] masks, const double[::1] weights, Py_ssize_t buckets):
    """Per hash bucket ``b`` (at most 64): the sum of ``weights[i]`` over the rows whose
    ``masks[i]`` has bit ``b``, as raw float64 (the page vector's class words: characters
    are whole numbers, so any order of adding gives the same double)."""
    if masks.shape[0] != weights.shape[0] or buckets > 64:
        raise ValueError("bucket_weights: inputs of unequal lengths")
    cdef bytearray out = bytearray(8 * buckets)
    cdef double *sums = <double *> (<char *> out)
    cdef Py_ssize_t i, b
    cdef uint64_t mask
    with nogil:
        for i in range(masks.shape[0]):
            mask = masks[i]
            for b in range(buckets):
                if (mask >> b) & 1:
                    sums[b] += weights[i]
    return bytes(out)
