"""The one exception hierarchy of dehusk.

``DehuskError``
 ├── ``ExtractionError`` — the input cannot be turned into an article at all
 │    ├── ``DecodeError`` — bytes that are not text (binary junk, truncated gzip)
 │    ├── ``InputTooLarge`` — over ``Options.max_bytes``
 │    └── ``TimeLimitExceeded`` — past ``Options.time_limit`` (CPU seconds)
 └── ``FetchError`` — a URL could not be fetched (too large, too many redirects, unreachable)
      ├── ``FetchRefused`` — not fetched on purpose: a scheme other than http(s), an address
      │    that is not globally routable under the private-address guard
      ├── ``FetchTimeout`` — the fetch ran past its deadline
      └── ``UpstreamError`` — the server answered with an error status (``.status``)

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


class TimeLimitExceeded(ExtractionError):
    """Extraction ran past ``Options.time_limit`` seconds of CPU time (``dehusk.deadline``)."""


class FetchError(DehuskError):
    """A URL could not be fetched."""


class FetchRefused(FetchError):
    """The URL was not fetched on purpose (its scheme, or an address the guard refuses)."""


class FetchTimeout(FetchError):
    """The fetch ran past its deadline."""


class UpstreamError(FetchError):
    """The server answered with an error status; ``status`` is that HTTP status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status
