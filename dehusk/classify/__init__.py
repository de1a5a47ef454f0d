"""Classify: segments → labelled blocks, each main (article) or cut, and the page's type.

The stage (``stage``) runs the heuristic cascade (``rules``, with Readability's candidate
from ``readability``), the learned model over the page's features (``features``, ``model``)
and the comment-thread cut (``comments``). In: a ``Page`` and ``Options``; out:
``Classified`` (the blocks in reading order and the page type).
"""

from dehusk.classify.stage import Classified, classify, classify_page

__all__ = ["Classified", "classify", "classify_page"]
