"""The renderer reads nothing but the project's static files, reaches no network, attaches
nothing, and refuses layouts built to stall it."""

import base64
import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pypdf import PdfReader

from ecotown.core import pdf

PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478"
        "9c6360f8cfc0f01f0005000201a5f6b1a10000000049454e44ae426082"
    )
).decode()


def page(body: str, head: str = "") -> str:
    return (
        f'<!doctype html><html lang="en"><head><title>t</title>{head}</head>'
        f"<body><p>Visible text</p>{body}</body></html>"
    )


class CountingServer:
    """A local HTTP server that counts every request (and redirects, to tempt a follower)."""

    def __init__(self):
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def http_server():
    with CountingServer() as server:
        yield server


def test_the_counting_server_counts(http_server):
    import urllib.request

    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{http_server.port}/probe", timeout=5)
    assert http_server.hits == ["/probe"]


def test_attachment_links_to_local_files_embed_nothing():
    html = page(
        '<a rel="attachment" href="file:///etc/passwd">passwd</a>'
        '<a rel="attachment" href="/static/planning_docs/pdf/print.css">css</a>',
        head='<link rel="attachment" href="file:///etc/hostname">',
    )
    result = pdf.render_pdf(html)
    reader = PdfReader(io.BytesIO(result.content))
    assert reader.attachments == {}
    assert b"/EmbeddedFile" not in result.content
    assert b"/FileAttachment" not in result.content
    assert result.dropped_attachments == 3
    assert "Visible text" in reader.pages[0].extract_text()


def test_images_styles_and_attachments_over_http_make_no_request(http_server, caplog):
    base = f"http://127.0.0.1:{http_server.port}"
    html = page(
        f'<img src="{base}/img.png" alt="x"><a rel="attachment" href="{base}/a.bin">a</a>'
        f'<svg width="10" height="10"><image href="{base}/svg.png" width="10" height="10"/></svg>'
        f'<div style="background: url({base}/bg.png)">b</div>',
        head=f'<link rel="stylesheet" href="{base}/x.css"><style>@import url("{base}/i.css");'
        f"@font-face {{ font-family: X; src: url({base}/f.woff2) }}</style>",
    )
    result = pdf.render_pdf(html)
    time.sleep(0.2)
    assert http_server.hits == []
    assert len(result.refused_urls) >= 5
    assert all(url.startswith(base) for url in result.refused_urls)
    assert "PDF renderer refused" in caplog.text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://127.0.0.1/",
        "https://example.org/logo.png",
        "ftp://127.0.0.1/x",
        "gopher://127.0.0.1/",
        "data:text/html,<p>x</p>",
        "data:text/plain;base64,c2VjcmV0",
        "https://static.ecotown.invalid/static/../../etc/passwd",
        "https://static.ecotown.invalid/static/%2e%2e/%2e%2e/etc/passwd.css",
        "https://static.ecotown.invalid/static/planning_docs/..%2f..%2f..%2fpyproject.css",
        "https://static.ecotown.invalid/static//etc/passwd.css",
        "https://static.ecotown.invalid/static/planning_docs\\..\\..\\x.css",
        "https://static.ecotown.invalid/static/planning_docs/pdf/print.css%00.png",
        "https://static.ecotown.invalid/static/planning_docs/pdf/print.css?v=1",
        "https://user:pw@static.ecotown.invalid/static/planning_docs/pdf/print.css",
        "https://static.ecotown.invalid:8443/static/planning_docs/pdf/print.css",
        "https://static.ecotown.invalid.example.org/static/planning_docs/pdf/print.css",
        "http://static.ecotown.invalid/static/planning_docs/pdf/print.css",
        "https://static.ecotown.invalid/media/pdf/final/x.pdf",
        "https://static.ecotown.invalid/static/../ecotown/settings.py",
        "https://static.ecotown.invalid/static/planning_docs/pdf/missing.css",
        "https://static.ecotown.invalid/static/planning_docs/pdf/",
    ],
)
def test_fetcher_refuses_and_logs(url, caplog):
    fetcher = pdf.StaticOnlyURLFetcher()
    with pytest.raises(pdf.URLRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert "PDF renderer refused" in caplog.text


def test_fetcher_serves_static_files_and_data_images():
    fetcher = pdf.StaticOnlyURLFetcher()
    css = fetcher.fetch(pdf.STATIC_BASE_URL + "static/planning_docs/pdf/print.css")
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    image = fetcher.fetch(f"data:image/png;base64,{PNG}")
    assert image.content_type == "image/png"
    assert image.read().startswith(b"\x89PNG")
    assert fetcher.refused == []


def test_fetcher_refuses_an_oversized_data_url():
    fetcher = pdf.StaticOnlyURLFetcher()
    with pytest.raises(pdf.URLRefused, match="too large"):
        fetcher.fetch("data:image/png;base64," + "A" * pdf.MAX_DATA_URL_BYTES)


@pytest.mark.parametrize(
    ("body", "limit"),
    [
        ('<table><tr><td colspan="65534">x</td></tr></table>', "column or row span 65534"),
        ('<table><tr><td rowspan="65534">x</td></tr></table>', "column or row span 65534"),
        ("<div>" * 500 + "deep" + "</div>" * 500, "nesting depth"),
        ("<table>" + "<tr><td>r</td></tr>" * 10_000 + "</table>", "number of table rows 10000"),
        ("<span>x</span>" * (pdf.MAX_ELEMENTS + 1), "number of elements"),
        ("<p>" + "x" * pdf.MAX_HTML_BYTES + "</p>", "too large"),
    ],
)
def test_hostile_layouts_are_refused_before_layout_quickly(body, limit):
    started = time.perf_counter()
    with pytest.raises(pdf.PdfInputRejected, match=limit):
        pdf.render_pdf(page(body))
    assert time.perf_counter() - started < 5


def test_spans_at_the_limit_render_a_clean_pdf():
    result = pdf.render_pdf(page(f'<table><tr><td colspan="{pdf.MAX_SPAN}">x</td></tr></table>'))
    assert result.pages == 1
    assert PdfReader(io.BytesIO(result.content)).pages[0].extract_text().startswith("Visible")
