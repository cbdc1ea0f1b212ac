"""The one module that imports WeasyPrint: HTML in, PDF bytes out, with nothing else reachable.

Everything rendered here may contain text that users typed, so the renderer is boxed in:

- `StaticOnlyURLFetcher` serves the project's own static files, small `data:` images and the
  stored files the caller names (a plan's figures, read through Django's storage API), and
  refuses every other URL (`file:`, `http(s):`, other hosts, path tricks), logging each refusal.
  It never opens a socket, so it cannot follow a redirect either.
- PDF attachments (`<a rel="attachment">`, `<link rel="attachment">`) are dropped between layout
  and writing, before WeasyPrint would fetch and embed their targets.
- `check_limits` rejects HTML that is too large, too deeply nested, has too many elements or
  table rows, or spans more columns/rows than any real table, before WeasyPrint parses it.
"""

import hashlib
import io
import logging
import posixpath
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from pypdf import PdfReader, PdfWriter

from ecotown.core.pdf_files import STORED_BASE_URL
from ecotown.core.sanitise import MAX_SPAN

# WeasyPrint logs every layout step and page at INFO (from its import on): a worker's log would
# be mostly that.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

logger = logging.getLogger("ecotown.pdf")

# Relative URLs in rendered templates ({% static %} gives /static/...) resolve against this base.
# The host is in the reserved .invalid domain: it names the project's static files, nothing else.
STATIC_BASE_URL = "https://static.ecotown.invalid/"
STORED_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
MAX_STORED_BYTES = 12 * 1024 * 1024

MAX_HTML_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 120
MAX_ELEMENTS = 60_000
MAX_TABLE_ROWS = 4_000
MAX_DATA_URL_BYTES = 2 * 1024 * 1024
MAX_STATIC_BYTES = 5 * 1024 * 1024
STATIC_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
}
DATA_TYPES = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"}
# PDF/UA-1: a tagged PDF with the document title shown and the language declared.
PDF_VARIANT = "pdf/ua-1"


class PdfError(Exception):
    """A render that cannot succeed, however often it is tried. The message is for people."""


class PdfInputRejected(PdfError):
    """The HTML breaks a limit (size, depth, elements, rows, spans) and is not rendered."""


class URLRefused(ValueError):
    """A URL the renderer may not fetch. WeasyPrint logs it and leaves the resource out."""


def _static_roots() -> list[Path]:
    """The folders the project's static files come from: collected, project-wide, per app."""
    roots = [Path(settings.STATIC_ROOT), *(Path(p) for p in settings.STATICFILES_DIRS)]
    roots += [Path(app.path) / "static" for app in apps.get_app_configs()]
    return [root.resolve() for root in roots if root.is_dir()]


def _find_static(relative: str) -> Path | None:
    """The file for a static path, found as Django's finders find it, and inside a static root."""
    found = finders.find(relative) or str(Path(settings.STATIC_ROOT) / relative)
    candidate = Path(found).resolve()
    if candidate.is_file() and any(candidate.is_relative_to(root) for root in _static_roots()):
        return candidate
    return None


class StaticOnlyURLFetcher(URLFetcher):
    """Serves the project's static files, `data:` images and the stored files it is given by
    name; refuses and logs everything else."""

    def __init__(self, files: frozenset[str] = frozenset()) -> None:
        # No redirects and no protocols for the parent: this class never calls the parent's fetch.
        super().__init__(timeout=1, allowed_protocols=(), allow_redirects=False)
        self.refused: list[str] = []
        self.served: list[str] = []
        # Storage names of the files this document may show: nothing else in the storage is read.
        self.files = files

    def refuse(self, url: str, reason: str) -> URLRefused:
        shown = url if len(url) < 200 else f"{url[:200]}…"
        self.refused.append(url)
        logger.warning("PDF renderer refused %s: %s", shown, reason)
        return URLRefused(f"{reason}: {shown}")

    def fetch(self, url: str, headers: Any = None) -> Any:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return self._data(url)
        if scheme == "https" and url.lower().startswith(STATIC_BASE_URL):
            return self._static(url)
        if scheme == "https" and url.startswith(STORED_BASE_URL):
            return self._stored(url)
        raise self.refuse(url, "only the project's static files and data: images are allowed")

    def _stored(self, url: str) -> URLFetcherResponse:
        name = url[len(STORED_BASE_URL) :]
        # Compared as given, never decoded or normalised: only the exact names handed over pass.
        if name not in self.files:
            raise self.refuse(url, "a stored file this document was not given")
        suffix = Path(name).suffix.lower()
        if suffix not in STORED_TYPES:
            raise self.refuse(url, f"stored file type {suffix or '(none)'}")
        with default_storage.open(name, "rb") as handle:
            content = handle.read(MAX_STORED_BYTES + 1)
        if len(content) > MAX_STORED_BYTES:
            raise self.refuse(url, "stored file too large")
        self.served.append(name)
        return URLFetcherResponse(url, content, {"Content-Type": STORED_TYPES[suffix]})

    def _data(self, url: str) -> URLFetcherResponse:
        if len(url) > MAX_DATA_URL_BYTES:
            raise self.refuse(url, "data: URL too large")
        media_type = url[5:].split(",", 1)[0].split(";", 1)[0].strip().lower()
        if media_type not in DATA_TYPES:
            raise self.refuse(url, f"data: URL of type {media_type or 'text/plain'}")
        response = DataHandler().data_open(Request(url))  # noqa: S310 - scheme checked: data:
        self.served.append("data:")
        return URLFetcherResponse(url, response.read(), {"Content-Type": media_type})

    def _static(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.query or parts.username or parts.password or parts.port:
            raise self.refuse(url, "static URL with query or credentials")
        path = unquote(parts.path)
        prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"
        if not path.startswith(prefix):
            raise self.refuse(url, "outside the static URL")
        relative = path[len(prefix) :]
        # Decoded path tricks: parent segments, absolute paths, backslashes, NULs, empty segments.
        if (
            not relative
            or "\\" in relative
            or "\x00" in relative
            or relative.startswith("/")
            or posixpath.normpath(relative) != relative
            or any(segment in {"", ".", ".."} for segment in relative.split("/"))
        ):
            raise self.refuse(url, "path trick")
        suffix = Path(relative).suffix.lower()
        if suffix not in STATIC_TYPES:
            raise self.refuse(url, f"static file type {suffix or '(none)'}")
        candidate = _find_static(relative)
        if candidate is None:
            raise self.refuse(url, "no such static file")
        if candidate.stat().st_size > MAX_STATIC_BYTES:
            raise self.refuse(url, "static file too large")
        self.served.append(relative)
        return URLFetcherResponse(
            url, candidate.read_bytes(), {"Content-Type": STATIC_TYPES[suffix]}
        )


class _Measure(HTMLParser):
    """Counts what makes layouts explode, without building a tree."""

    VOID = frozenset(
        {
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "source",
            "track",
            "wbr",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.max_depth = self.elements = self.rows = 0
        self.max_span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        if tag == "tr":
            self.rows += 1
        for name, value in attrs:
            if name in {"colspan", "rowspan"}:
                digits = "".join(ch for ch in (value or "") if ch.isdigit())[:9]
                self.max_span = max(self.max_span, int(digits or 1))
        if tag not in self.VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.depth = max(self.depth - 1, 0)


def check_limits(html: str) -> None:
    """Raise PdfInputRejected, naming the limit, if `html` could stall or exhaust the renderer."""
    size = len(html.encode("utf-8"))
    if size > MAX_HTML_BYTES:
        raise PdfInputRejected(
            f"The document is too large to render ({size // 1024} KiB; the limit is "
            f"{MAX_HTML_BYTES // 1024} KiB)."
        )
    measure = _Measure()
    measure.feed(html)
    measure.close()
    checks = [
        (measure.max_depth, MAX_DEPTH, "nesting depth"),
        (measure.elements, MAX_ELEMENTS, "number of elements"),
        (measure.rows, MAX_TABLE_ROWS, "number of table rows"),
        (measure.max_span, MAX_SPAN, "column or row span"),
    ]
    for value, limit, what in checks:
        if value > limit:
            raise PdfInputRejected(
                f"The document is too complex to render: {what} {value} (the limit is {limit})."
            )


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    sha256: str
    seconds: float
    refused_urls: tuple[str, ...]
    dropped_attachments: int


def _drop_attachments(document: Any) -> int:
    """Remove every attachment before WeasyPrint writes (and so fetches) it."""
    dropped = len(document.metadata.attachments)
    document.metadata.attachments = []
    for page in document.pages:
        kept = [link for link in page.links if link[0] != "attachment"]
        dropped += len(page.links) - len(kept)
        page.links[:] = kept
    if dropped:
        logger.warning("PDF renderer dropped %d attachment(s)", dropped)
    return dropped


def render_pdf(html: str, *, files: frozenset[str] = frozenset()) -> RenderedPdf:
    """Lay out `html` (a full document) and write a tagged PDF. Raises PdfError when it cannot.

    The document's <title>, <meta name="author"> and <html lang> become the PDF's metadata.
    `files` are the storage names of the stored files it may show (`stored_file_url`).
    """
    check_limits(html)
    started = time.perf_counter()
    fetcher = StaticOnlyURLFetcher(files)
    try:
        document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=fetcher).render(
            font_config=FontConfiguration(), pdf_variant=PDF_VARIANT
        )
        dropped = _drop_attachments(document)
        content = document.write_pdf(pdf_variant=PDF_VARIANT)
    except RecursionError as error:
        raise PdfInputRejected("The document is nested too deeply to render.") from error
    return RenderedPdf(
        content=content,
        pages=len(document.pages),
        sha256=hashlib.sha256(content).hexdigest(),
        seconds=time.perf_counter() - started,
        refused_urls=tuple(fetcher.refused),
        dropped_attachments=dropped,
    )


def render_pdf_plain(html: str) -> bytes:
    """WeasyPrint alone on the same HTML (for the benchmark): no limits, no attachment pass."""
    content: bytes = HTML(
        string=html, base_url=STATIC_BASE_URL, url_fetcher=StaticOnlyURLFetcher()
    ).write_pdf(pdf_variant=PDF_VARIANT)
    return content


def merge_pdfs(
    parts: list[tuple[str, bytes]], *, title: str, author: str = ""
) -> tuple[bytes, int]:
    """Concatenate PDFs in order; each part with a title gets a bookmark. Returns (pdf, pages)."""
    writer = PdfWriter()
    writer.add_metadata({"/Title": title, "/Author": author, "/Producer": "ecotown"})
    for title, content in parts:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(content)), import_outline=False)
        if title:
            writer.add_outline_item(title=title, page_number=start)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(writer.pages)


def append_pdfs(main: bytes, parts: list[tuple[str, bytes]]) -> tuple[bytes, int]:
    """`main` as it is (its tags, outline and metadata kept), then each part's pages under a
    bookmark of its title. Returns (pdf, pages). The parts are trusted: defuse them first."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(main)))
    for title, content in parts:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(content)), import_outline=False)
        writer.add_outline_item(title=title, page_number=start)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(writer.pages)
