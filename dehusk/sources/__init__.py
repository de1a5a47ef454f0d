"""Where pages come from: files (plain or gzip), standard input and URLs.

``read_input(spec)`` dispatches on the spec and returns a ``Source``; ``fetch(url)`` is
the one guarded HTTP fetcher (globally routable addresses only unless ``allow_private``:
``addresses``); ``inflate`` is the bounded decompression both share.
"""

from dehusk.sources.files import Source, read_input, read_path, read_stdin
from dehusk.sources.url import Fetched, fetch

__all__ = ["Fetched", "Source", "fetch", "read_input", "read_path", "read_stdin"]
