"""The one exception hierarchy of dehusk.

``DehuskError``
 ├── ``ExtractionError`` — the input cannot be turned into an article at all
 │    ├── ``DecodeError`` — bytes that are not text (binary junk, truncated gzip)
 │    └── ``InputTooLarge`` — over ``Options.max_bytes``
 └── ``FetchError`` — a URL could not be fetched (timeout, too large, too many redirects,
      refused scheme or address, HTTP error)

A page that is text but has no article is not an error: ``extract`` returns an
``Article`` with empty ``text`` and a warning.
"""


class DehuskError(Exception):
    """Base of every error dehusk raises on purpose."""


class ExtractionError(DehuskError):
    """The input cannot be turned into an article."""


class DecodeError(ExtractionError):
    """The bytes are not text in any encoding we can trust."""


class InputTooLarge(ExtractionError):
    """The input is larger than ``Options.max_bytes``."""


class FetchError(DehuskError):
    """A URL could not be fetched."""
