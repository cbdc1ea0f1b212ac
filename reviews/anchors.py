"""Find a comment's quoted passage again in text that has changed since.

Quotes are taken from the text as readers see it (rendered Markdown), so anchors are looked up
in that same plain text, with white space folded: a selection made in the browser matches it.
"""

import html
import re
from dataclasses import dataclass

from django.utils.html import strip_tags

from ecotown.core.sanitise import render_markdown


@dataclass(frozen=True)
class Anchor:
    start: int | None  # None: the quote is gone ("on changed text")

    @property
    def found(self) -> bool:
        return self.start is not None


def fold_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plain_text(markdown: str) -> str:
    """The words of a section as a reader sees them, without markup, white space folded."""
    return fold_space(html.unescape(strip_tags(render_markdown(markdown))))


def locate(quote: str, text: str, hint: int | None = None) -> Anchor:
    """The occurrence of `quote` in `text` nearest to where it was (`hint`).

    A comment without a quote anchors to its whole section and is always found.
    """
    quote = fold_space(quote)
    if not quote:
        return Anchor(start=0)
    positions = []
    start = text.find(quote)
    while start != -1:
        positions.append(start)
        start = text.find(quote, start + 1)
    if not positions:
        return Anchor(start=None)
    return Anchor(start=min(positions, key=lambda position: abs(position - (hint or 0))))
