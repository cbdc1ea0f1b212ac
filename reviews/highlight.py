"""Comment threads beside the passages they quote.

A section's HTML (already sanitised) is split into its top-level blocks (paragraphs, lists,
tables, headings), so that each block can stand in a row of the reading view with the threads
that quote it in the margin beside it. Each quote is found in the section's text as readers see
it, exactly as `reviews.anchors` finds it (white space folded), and wrapped in <mark>.
"""

import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from reviews.anchors import fold_space, locate

VOID_TAGS = {"br", "hr", "img", "wbr"}
_RUNS = re.compile(r"(\s+)|(\S+)")


class _Tokens(HTMLParser):
    """Start tags as written, end tags, and text (unescaped), in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        kind = "void" if tag in VOID_TAGS else "start"
        self.tokens.append((kind, self.get_starttag_text() or f"<{tag}>"))

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        self.tokens.append(("void", self.get_starttag_text() or f"<{tag}>"))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS:
            self.tokens.append(("end", f"</{tag}>"))

    def handle_data(self, data: str) -> None:
        self.tokens.append(("text", data))


@dataclass
class Block:
    """One top-level block of a section: its HTML with marks, and the threads anchored in it."""

    html: SafeString
    threads: list = field(default_factory=list)


def _folded(raw: str) -> tuple[str, list[int]]:
    """`raw` with white space folded as `fold_space` does, and where each character came from."""
    chars: list[str] = []
    origin: list[int] = []
    for run in _RUNS.finditer(raw):
        if run.group(1):
            chars.append(" ")
            origin.append(run.start())
        else:
            chars.extend(run.group(2))
            origin.extend(range(run.start(), run.end()))
    if chars and chars[0] == " ":
        chars, origin = chars[1:], origin[1:]
    if chars and chars[-1] == " ":
        chars, origin = chars[:-1], origin[:-1]
    return "".join(chars), origin


def _text_html(text: str, offset: int, marks: dict[int, tuple[int, ...]], marked: list[int]) -> str:
    """Escaped text, its marked characters wrapped in <mark> (runs of the same threads).
    `marked` lists the marked offsets in order: text with none is escaped whole, not read
    character by character."""
    first = bisect_left(marked, offset)
    if first == len(marked) or marked[first] >= offset + len(text):
        return escape(text)
    parts: list[str] = []
    run_start, current = 0, marks.get(offset, ())
    for i in range(1, len(text) + 1):
        ids = marks.get(offset + i, ()) if i < len(text) else None
        if ids == current:
            continue
        piece = text[run_start:i]
        if current and not piece.isspace():
            threads = " ".join(str(pk) for pk in current)
            parts.append(
                f'<mark class="comment-mark" data-threads="{threads}">{escape(piece)}</mark>'
            )
        else:
            parts.append(escape(piece))
        run_start, current = i, ids or ()
    return "".join(parts)


@lru_cache(maxsize=128)
def _read(html: str) -> tuple[tuple[tuple[str, str], ...], str, array]:
    """The section's tokens, its text folded, and where each folded character came from (4
    bytes a character). Kept per process, a dozen plans' worth: a version's sections never
    change, and every visit to the reading view would otherwise parse them again character by
    character."""
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    raw = "".join(text for kind, text in parser.tokens if kind == "text")
    folded, origin = _folded(raw)
    return tuple(parser.tokens), folded, array("I", origin)


def anchored_blocks(html: str, threads: list) -> tuple[list[Block], list]:
    """The section's blocks with each found quote marked, and its threads placed beside the
    block where their quote starts. Returns (blocks, threads of the whole section: those
    without a quote or whose quote is gone, each with `on_changed_text` set)."""
    tokens, folded, origin = _read(html)
    marks: dict[int, tuple[int, ...]] = {}
    starts: dict[int, int] = {}  # thread pk -> raw offset of its quote
    for thread in threads:
        quote = fold_space(thread.quote)
        anchor = locate(quote, folded, thread.quote_start)
        thread.on_changed_text = not anchor.found
        if not quote or anchor.start is None:
            continue
        begin, end = origin[anchor.start], origin[anchor.start + len(quote) - 1] + 1
        starts[thread.pk] = begin
        for at in range(begin, end):
            marks[at] = (*marks.get(at, ()), thread.pk)
    return _split_blocks(tokens, marks, starts, threads)


def _split_blocks(tokens, marks, starts, threads) -> tuple[list[Block], list]:
    blocks: list[Block] = []
    spans: list[tuple[int, int]] = []  # raw range of each block
    parts: list[str] = []
    depth, offset, block_start = 0, 0, 0
    marked = sorted(marks)
    for kind, text in tokens:
        if kind == "text":
            parts.append(_text_html(text, offset, marks, marked))
            offset += len(text)
        else:
            parts.append(text)
            depth += {"start": 1, "end": -1}.get(kind, 0)
        if depth == 0 and kind != "text":
            blocks.append(Block(html=mark_safe("".join(parts))))  # noqa: S308 - escaped above
            spans.append((block_start, offset))
            parts, block_start = [], offset
        elif depth == 0 and kind == "text":
            parts, block_start = [], offset  # white space between blocks
    whole = []
    for thread in threads:
        begin = starts.get(thread.pk, -1)
        index = next((i for i, (a, b) in enumerate(spans) if a <= begin < b), None)
        if index is None:
            whole.append(thread)
        else:
            blocks[index].threads.append(thread)
    return blocks, whole
