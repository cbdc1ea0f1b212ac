"""The one sanitising renderer: property tests and a corpus of known XSS payloads."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecotown.core.sanitise import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    clean_html,
    render_markdown,
)

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="file:///etc/passwd">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<object data=x></object>",
    "<embed src=x>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<form action="javascript:alert(1)"><input type=submit></form>',
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:alert(1)//>",
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "<!--<script>alert(1)</script>-->",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "<td colspan=65534>x</td>",
]
MARKDOWN_PAYLOADS = [
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "[click](file:///etc/passwd)",
    "![x](javascript:alert(1))",
    "![x](http://127.0.0.1/tracker.png)",
    "<script>alert(1)</script>",
    "<a href='javascript:alert(1)'>x</a>",
    "[x]: javascript:alert(1)\n\n[link][x]",
    "<img src=x onerror=alert(1)>",
    "`<script>`",
]


class _LiveMarkup(HTMLParser):
    """Collects the tags and attributes a browser would act on (text, however scary, is inert)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read (WHATWG URL parsing), or None for a relative URL."""
    c0_and_space = "".join(map(chr, range(0x21)))
    cleaned = re.sub(r"[\t\n\r]", "", url).strip(c0_and_space)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def assert_safe(html: str) -> None:
    parser = _LiveMarkup()
    parser.feed(html)
    parser.close()
    for tag, attributes in parser.elements:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attributes.items():
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, (tag, name, html)
            if name == "href":
                scheme = url_scheme(value or "")
                assert scheme is None or scheme in ALLOWED_URL_SCHEMES, (value, html)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_known_html_payloads_are_neutralised(payload):
    assert_safe(clean_html(payload))


@pytest.mark.parametrize("payload", XSS_PAYLOADS + MARKDOWN_PAYLOADS)
def test_known_payloads_in_markdown_are_neutralised(payload):
    assert_safe(render_markdown(payload))


def test_markdown_keeps_the_formatting_trainees_use():
    html = render_markdown(
        "## Financing\n\n**Bold**, *italic*, [UNIDO](https://www.unido.org)\n\n"
        "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<h2>Financing</h2>" in html
    assert "<strong>Bold</strong>" in html
    assert "<em>italic</em>" in html
    assert '<a href="https://www.unido.org" rel="noopener noreferrer nofollow">UNIDO</a>' in html
    assert "<li>one</li>" in html
    assert "<td>1</td>" in html


def test_spans_are_capped():
    assert clean_html("<table><tr><td colspan=65534>x</td></tr></table>").count('colspan="20"') == 1
    assert "rowspan" not in clean_html('<table><tr><td rowspan="x">x</td></tr></table>')


html_fragments = st.lists(
    st.one_of(
        st.sampled_from(XSS_PAYLOADS + MARKDOWN_PAYLOADS),
        st.sampled_from(["<p>", "</p>", "<a href='", "'>", "<table>", "<td>", "\n", "**", "["]),
        st.text(max_size=20),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(html_fragments)
def test_cleaning_is_idempotent(text):
    once = clean_html(text)
    assert clean_html(once) == once


@settings(max_examples=300, deadline=None)
@given(html_fragments)
def test_nothing_outside_the_allow_list_survives_html(text):
    assert_safe(clean_html(text))


@settings(max_examples=300, deadline=None)
@given(html_fragments)
def test_nothing_outside_the_allow_list_survives_markdown(text):
    assert_safe(render_markdown(text))
