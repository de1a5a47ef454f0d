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
    for k, i in enumerate(indices):
        c = containers[i]
        # Whitespace splits words: the id's and the classes' masks together are the mask of
        # "{ident} {classes}", without building that string per container.
        masks[k] = (_word_mask(c.ident, separators, buckets)
                    | _word_mask(c.classes, separators, buckets))
    return bytes(out)
