"""dehusk — the article alone, out of a news page's husk.

Public surface::

    article = dehusk.extract(html_or_bytes, url=None)   # -> Article
    article = dehusk.extract_text(flattened_text, url=None)   # text mode -> Article
    article.text, article.title, article.blocks, article.to_dict()

Errors are one hierarchy rooted at ``DehuskError`` (see ``dehusk.errors``).
"""

from dehusk.article import Article, Block, Image, Label, Link, Metadata, Options
from dehusk.errors import (
    DecodeError,
    DehuskError,
    ExtractionError,
    FetchError,
    InputTooLarge,
    TimeLimitExceeded,
)
from dehusk.pipeline import extract
from dehusk.textmode import extract_text

__all__ = [
    "Article",
    "Block",
    "DecodeError",
    "DehuskError",
    "ExtractionError",
    "FetchError",
    "Image",
    "InputTooLarge",
    "Label",
    "Link",
    "Metadata",
    "Options",
    "TimeLimitExceeded",
    "extract",
    "extract_text",
]
__version__ = "0.1.0"
