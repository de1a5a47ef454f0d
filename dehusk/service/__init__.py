"""``dehusk serve``: the web service and its page.

In: ``Settings`` (limits, whether private addresses may be fetched). Out: an ASGI app
(``create_app``) with ``POST /extract``, ``GET /health``, ``GET /openapi.json`` and the
reader/X-ray page at ``/``; ``serve`` runs it under uvicorn. Extraction runs in a pool of
worker processes (``pool``), one job each with a time limit; requests are counted and
checked as they stream (``requests``); the page's HTML, script and style are in ``static/``.
"""

from dehusk.service.app import Settings, create_app, serve

__all__ = ["Settings", "create_app", "serve"]
