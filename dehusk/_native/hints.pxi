# Class/id hints in C: the words of an element's id and class names, and the husk kind or
# content they name. Included by walk.pyx; the vocabulary itself is data in dehusk.segment.

cdef enum:
    # Vocabulary words are at most this many bytes (a longer word names nothing).
    HINT_WORD_MAX = 31
    # Slots of the vocabulary's open-addressing table (a power of two, well above its size).
    HINT_SLOTS = 1024


cdef struct HintWord:
    uint8_t length  # 0: an empty slot
    char text[HINT_WORD_MAX]
    int8_t kind  # index of the first kind that lists the word, -1: none
    bint content


cdef inline uint32_t _fnv(const uint8_t *p, Py_ssize_t n) noexcept nogil:
    cdef uint32_t h = 2166136261u
    cdef Py_ssize_t i
    for i in range(n):
        h = (h ^ p[i]) * 16777619u
    return h


cdef inline bint _lower(uint8_t c) noexcept nogil:
    return 97 <= c <= 122


cdef inline bint _upper(uint8_t c) noexcept nogil:
    return 65 <= c <= 90


cdef class HintVocabulary:
    """The class/id words that name a kind of husk or content, as a C table.

    In: ``kinds`` — (kind, words) pairs, first kind first; ``content`` — the words that
    name content; ``taxonomy`` — the prefixes of class tokens that name a taxonomy term
    (each followed by "-" or "_"). ``hint`` and ``words`` read an element's id and class
    attribute the way ``dehusk.segment`` documents: tokens split at whitespace (what
    ``str.split()`` calls whitespace), a taxonomy token dropped, words found as the regex
    ``[A-Z]?[a-z]+|[A-Z]+(?![a-z])`` finds them and lowercased. Only ASCII letters make
    words, so the UTF-8 bytes are read as they are."""

    cdef HintWord table[HINT_SLOTS]
    cdef list prefixes  # taxonomy prefixes + "-" and + "_", as bytes
    cdef readonly tuple kinds

    def __init__(self, kinds, content, taxonomy):
        self.kinds = tuple(kind for kind, _ in kinds)
        for index, (_, words) in enumerate(kinds):
            for word in words:
                self._add(word.encode(), index, False)
        for word in content:
            self._add(word.encode(), -1, True)
        self.prefixes = [(p + sep).encode() for p in taxonomy for sep in "-_"]

    cdef int _add(self, bytes word, int kind, bint content) except -1:
        cdef HintWord *slot
        if not 0 < len(word) <= HINT_WORD_MAX or word.lower() != word or not word.isalpha():
            raise ValueError(f"hint word {word!r}: lowercase ASCII letters, at most 31")
        slot = self._slot(word, len(word))
        if slot.length == 0:
            slot.length = len(word)
            memcpy(slot.text, <const char *> word, len(word))
            slot.kind = -1
        if kind >= 0 and slot.kind < 0:
            slot.kind = kind
        slot.content = slot.content or content
        return 0

    cdef HintWord *_slot(self, const uint8_t *p, Py_ssize_t n) noexcept:
        """The word's slot, or the empty slot where it would go."""
        cdef uint32_t i = _fnv(p, n) & (HINT_SLOTS - 1)
        while self.table[i].length and not (
            self.table[i].length == n and memcmp(self.table[i].text, p, n) == 0
        ):
            i = (i + 1) & (HINT_SLOTS - 1)
        return &self.table[i]

    cdef bint _taxonomy(self, const uint8_t *p, Py_ssize_t n) noexcept:
        """Whether a token, ASCII-lowercased, starts with a taxonomy prefix (the same
        answer as on the str lowercased: no other character lowercases into a prefix)."""
        cdef bytes prefix
        cdef Py_ssize_t k, i
        for prefix in self.prefixes:
            k = len(prefix)
            if k > n:
                continue
            for i in range(k):
                if ((p[i] | 0x20) if _upper(p[i]) else p[i]) != (<const uint8_t *> prefix)[i]:
                    break
            else:
                return True
        return False

    cdef int scan(self, const uint8_t *p, Py_ssize_t n, int *kind, bint *content, set out) except -1:
        """Read the words of ``p`` (``n`` bytes of id or class attribute): lower ``kind`` to
        the first kind one names (``kind`` starts at the number of kinds: none), set
        ``content`` if one names content, and add each word to ``out`` unless it is None."""
        cdef const uint8_t *end = p + n
        cdef const uint8_t *token
        cdef const uint8_t *w
        cdef const uint8_t *stop
        cdef uint8_t word[HINT_WORD_MAX]
        cdef Py_ssize_t sp
        while p < end:
            sp = _space_len(p, end)
            if sp:
                p += sp
                continue
            token = p
            while p < end and not _space_len(p, end):
                p += 1
            if self._taxonomy(token, p - token):
                continue
            w = token
            while w < p:
                if _lower(w[0]):
                    stop = w + 1
                elif _upper(w[0]):
                    stop = w + 1
                    if stop < p and _lower(stop[0]):
                        stop += 1
                    else:
                        while stop < p and _upper(stop[0]):
                            stop += 1
                        if stop < p and _lower(stop[0]):
                            stop -= 1  # "HTMLParser": "HTML" then "Parser"
                        w = self._word(w, stop, word, kind, content, out)
                        continue
                else:
                    w += 1
                    continue
                while stop < p and _lower(stop[0]):
                    stop += 1
                w = self._word(w, stop, word, kind, content, out)
        return 0

    cdef const uint8_t *_word(
        self, const uint8_t *w, const uint8_t *stop, uint8_t *word, int *kind, bint *content,
        set out,
    ) except NULL:
        """Record the word ``w``..``stop``; returns ``stop``."""
        cdef Py_ssize_t size = stop - w, i
        cdef HintWord *slot
        if out is not None:
            out.add(PyUnicode_DecodeUTF8(<const char *> w, size, NULL).lower())
        if size <= HINT_WORD_MAX:
            for i in range(size):
                word[i] = w[i] | 0x20
            slot = self._slot(word, size)
            if slot.length:
                if 0 <= slot.kind < kind[0]:
                    kind[0] = slot.kind
                content[0] = content[0] or slot.content
        return stop

    cdef int hint_of(self, const lexbor_str_t *ident, const lexbor_str_t *classes, int *kind) except -2:
        """The hint of an element's id and class attribute (NULL: absent): -1 when a word
        names a kind of husk (``kind``: the first such kind's index), else 1 when one names
        content, else 0 (``kind``: -1 for both)."""
        cdef bint content = False
        kind[0] = len(self.kinds)
        if ident != NULL:
            self.scan(ident.data, ident.length, kind, &content, None)
        if classes != NULL:
            self.scan(classes.data, classes.length, kind, &content, None)
        if kind[0] < len(self.kinds):
            return -1
        kind[0] = -1
        return content

    def hint(self, str ident, str classes):
        """``hint_of`` for two str (tests and callers outside the walk)."""
        cdef bytes raw = f"{ident} {classes}".encode("utf-8", "surrogatepass")
        cdef int kind = len(self.kinds)
        cdef bint content = False
        self.scan(raw, len(raw), &kind, &content, None)
        if kind < len(self.kinds):
            return -1, self.kinds[kind]
        return int(content), ""

    def words(self, str ident, str classes):
        """The set of lowercase words of an id and class attribute, taxonomy left out."""
        cdef bytes raw = f"{ident} {classes}".encode("utf-8", "surrogatepass")
        cdef int kind = len(self.kinds)
        cdef bint content = False
        cdef set out = set()
        self.scan(raw, len(raw), &kind, &content, out)
        return out
