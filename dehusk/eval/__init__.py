"""Evaluation of dehusk and its peers: the machinery behind ``make bench``.

The benchmark's modules (each stdlib-only at import time, so the benchmark can load them in
an interpreter that has no dehusk dependencies installed — see ``benchmarks/_evalpkg.py``):

- ``metrics``  — pure scoring functions (word-F1, shingle-F1, snippets, metadata).
- ``datasets`` — iterate either dev set, wcxb-dev or dragnet (id, url, page type, site,
  dataset, html bytes, truth); ``dragnet`` reads dragnet's text truth and site keys.
- ``peers``    — one adapter per extractor: ``(html bytes, url) -> (text, meta)``.
- ``worker``   — the timed loop that runs one extractor in its own process.
- ``scoring``  — per-page records and their averages (overall, per page type, metadata).
- ``report``   — ``docs/benchmarks.md`` and the page-by-page comparison of two runs.
- ``chart``    — ``docs/benchmark.svg`` (F1 against pages/s), written by hand.

None of these imports ``dehusk`` itself except the dehusk adapter, inside its factory: the
library never imports this package and the benchmark never needs the library to import.
(Other modules here, e.g. training code and ``devscore``, the quick scorer of dehusk alone on
both sets, may import the library; the benchmark loads none.)
"""
