"""Find a comment's quoted passage again in text that has changed since."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Anchor:
    start: int | None  # None: the quote is gone ("on changed text")

    @property
    def found(self) -> bool:
        return self.start is not None


def locate(quote: str, text: str, hint: int | None = None) -> Anchor:
    """The occurrence of `quote` in `text` nearest to where it was (`hint`).

    A comment without a quote anchors to its whole section and is always found.
    """
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
