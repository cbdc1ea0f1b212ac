"""The one way user text becomes HTML: Markdown with raw HTML off, then an nh3 allow-list.

Everything a user types (plan sections, comments, descriptions) is shown through `render_markdown`,
in pages, e-mails and PDFs alike.
"""

import html
import re
import secrets
from functools import lru_cache

import nh3
from django.utils.html import strip_tags
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "blockquote",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Larger spans are layout attacks (a colspan of 65534 stalls renderers), never real tables.
MAX_SPAN = 20

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table").enable("strikethrough")


def _limit_spans(tag: str, attribute: str, value: str) -> str | None:
    if attribute in {"colspan", "rowspan"}:
        if not value.isdigit():
            return None
        return str(min(max(int(value), 1), MAX_SPAN))
    return value


def clean_html(html: str) -> str:
    """Keep only allowed tags, attributes and URL schemes; links get rel=noopener noreferrer.

    Idempotent: cleaning the result again changes nothing. A browser re-parses what it is given,
    and some cleaned markup re-parses to another tree (an <a> inside an <a> closes the first),
    so the output is cleaned again until it is stable (at most three passes; the second is
    stable for every input seen)."""
    cleaned = _clean_once(html)
    for _ in range(2):
        again = _clean_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _clean_once(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_limit_spans,
        strip_comments=True,
    )


class Embedder:
    """Turns image references (`![alt](src)`) the caller knows into its own trusted HTML.

    `block(src)` is the HTML of a reference standing alone in its paragraph, `inline(src)` the
    text of one inside running text; either returns None for a reference it does not know, which
    is then dropped as every other image is. The HTML is inserted after sanitising: it must be
    built from escaped values only (format_html)."""

    def block(self, src: str) -> str | None:
        return None

    def inline(self, src: str) -> str | None:
        return None


def _embed(tokens: list[Token], embedder: Embedder) -> tuple[list[Token], dict[str, str]]:
    """Replace known image references by placeholders; returns the tokens and, per placeholder,
    the HTML that takes its place once the rest is sanitised. The placeholders carry a random
    part, so that no text a person types can pose as one."""
    nonce = secrets.token_hex(8)
    blocks: dict[str, str] = {}
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        inline = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.type == "paragraph_open" and inline is not None and inline.children:
            images = [c for c in inline.children if c.type == "image"]
            rest = [c for c in inline.children if c.type != "image" and c.content.strip()]
            trusted = embedder.block(str(images[0].attrGet("src") or "")) if images else None
            if len(images) == 1 and not rest and trusted is not None:
                marker = f"ecotownembed{nonce}n{len(blocks)}"
                blocks[f"<p>{marker}</p>"] = trusted
                result.append(Token("html_block", "", 0, content=f"<p>{marker}</p>\n"))
                index += 3  # paragraph_open, inline, paragraph_close
                continue
        for child in token.children or ():
            if child.type == "image":
                text = embedder.inline(str(child.attrGet("src") or ""))
                if text is not None:
                    child.type, child.tag, child.content, child.children = "text", "", text, None
        result.append(token)
        index += 1
    return result, blocks


# Short texts (session descriptions, comments) are rendered again on every view of their page:
# their HTML is kept per process, keyed by the text itself. Long ones (plan sections) are not,
# nor texts shown with an embedder, which bounds the memory this takes to about
# _CACHED_ENTRIES x _CACHED_LENGTH characters.
_CACHED_LENGTH = 2000
_CACHED_ENTRIES = 2048


def render_markdown(text: str, *, heading_level: int = 1, embedder: Embedder | None = None) -> str:
    """Markdown source to safe HTML. A `#` heading becomes `<h{heading_level}>` and deeper ones
    follow (at most h6), so that a writer's headings sit below the heading of the part of the
    page or document that shows the text. An `embedder` shows the image references it knows
    (a plan's figures); every other image is dropped."""
    text = text or ""
    if embedder is None and len(text) <= _CACHED_LENGTH:
        return _render_short(text, heading_level)
    return _render(text, heading_level, embedder)


@lru_cache(maxsize=_CACHED_ENTRIES)
def _render_short(text: str, heading_level: int) -> str:
    return _render(text, heading_level, None)


def _render(text: str, heading_level: int, embedder: Embedder | None) -> str:
    env: dict = {}
    tokens = _markdown.parse(text or "", env)
    shift = min(max(heading_level, 1), 6) - 1
    if shift:
        for token in tokens:
            if token.type in {"heading_open", "heading_close"}:
                token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"
    blocks: dict[str, str] = {}
    if embedder is not None:
        tokens, blocks = _embed(tokens, embedder)
    cleaned = clean_html(_markdown.renderer.render(tokens, _markdown.options, env))
    for marker, trusted in blocks.items():
        cleaned = cleaned.replace(marker, trusted, 1)
    return cleaned


# Where a reader sees a new line (a paragraph, heading, list item, table row ends) or a new cell.
_LINE_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|pre|tr|caption)>|<br\s*/?>|<hr\s*/?>")
_CELL_END = re.compile(r"</t[dh]>")


def readable_text(text: str) -> str:
    """Markdown as a reader sees it, without any markup: one line per paragraph, heading, list
    item or table row (cells apart with a middle dot), white space folded within a line. What
    change views compare, so that they never show `**`, `#` or a table's pipes."""
    # New lines in the HTML itself mean nothing to a reader: only the ends of blocks count.
    rendered = " ".join(render_markdown(text).split())
    marked = _LINE_END.sub(lambda m: m.group(0) + "\n", rendered)
    plain = html.unescape(strip_tags(_CELL_END.sub(" · ", marked)))
    lines = (" ".join(line.split()).removesuffix(" ·") for line in plain.split("\n"))
    return "\n".join(line for line in lines if line)
