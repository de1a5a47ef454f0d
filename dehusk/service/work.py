"""What one worker process does for one request: a ``Job`` in, a ``Done`` or ``Failed`` out.

In: ``Job`` — the page (HTML or flattened text, as str or bytes), its URL, charset, the
extraction options and an output format. Out: ``Done`` with the data contract
(``Article.to_dict``) plus ``rendered`` when a format was asked for, or ``Failed`` naming
why (an input that is not a page, or a bug). Everything here is picklable: it crosses a
process boundary both ways.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from dehusk.article import Options
from dehusk.errors import ExtractionError
from dehusk.pipeline import extract
from dehusk.render import render
from dehusk.textmode import extract_text

Mode = Literal["html", "text"]
Format = Literal["text", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html")
DEFAULT_OPTIONS = Options()


@dataclass(frozen=True, slots=True)
class Job:
    """One extraction: the page, how to read it and what to return."""

    mode: Mode
    data: str | bytes
    url: str | None = None
    encoding: str | None = None
    options: Options = DEFAULT_OPTIONS
    format: Format | None = None


@dataclass(frozen=True, slots=True)
class Done:
    """The data contract of the page (plus ``rendered`` when a format was asked for)."""

    result: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Failed:
    """Why a job gave no article: ``unprocessable`` input, or an ``internal`` error."""

    kind: Literal["unprocessable", "internal"]
    message: str


def run(job: Job) -> Done | Failed:
    """Extract ``job``'s page; never raises (the worker must survive any page)."""
    try:
        read = extract if job.mode == "html" else extract_text
        article = read(job.data, job.url, encoding=job.encoding, options=job.options)
        result = article.to_dict(annotate=job.options.annotate)
        if job.format is not None:
            result["rendered"] = render(article, job.format, job.options)
        return Done(result)
    except ExtractionError as exc:
        return Failed("unprocessable", " ".join(str(exc).split()) or type(exc).__name__)
    except Exception as exc:  # a bug in dehusk: the request fails, the worker goes on
        return Failed("internal", f"{type(exc).__name__}: {exc}")


#: Sentences of the warm-up page: enough prose that every stage runs, the language
#: identifier included (it loads its model on the first page with enough text).
_WARM_PROSE = (
    "The council met on Tuesday evening to discuss the new bus routes across the city.",
    "Residents asked whether the routes would reach the northern estates before winter.",
    "Officials said the plan would be published in full after the budget vote next month.",
    "A spokesperson for the transport authority declined to comment on the final costs.",
)

#: A page extracted once when a worker starts, so that the models and word lists are loaded
#: before the first request rather than during it (that first load takes ~1.5 s).
WARM_UP = Job(
    "html",
    "<html><head><title>Bus routes | Gazette</title>"
    '<meta property="article:published_time" content="2024-01-02T10:00:00Z"></head><body>'
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Bus routes</h1>"
    "<p class='byline'>By Jane Smith</p>"
    + "".join(f"<p>{' '.join(_WARM_PROSE[i:] + _WARM_PROSE[:i])}</p>" for i in range(4))
    + "</article><footer>Copyright 2024 Gazette</footer></body></html>",
)
