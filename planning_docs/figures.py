"""A plan's figures as its text shows them: where the text names them, numbered in document order.

The text names a figure by `![](figure:<id>)` (what the editor inserts; words between the
brackets are allowed and ignored: the caption and text alternative are the figure's own). A
reference alone in its paragraph shows the picture with "Figure N: caption"; one inside running
text reads "Figure N". The pages, the version pages and the PDF use this one module; each gives
the address a picture is read from.
"""

import re
from collections.abc import Callable, Iterable

from django.utils.html import format_html
from django.utils.translation import gettext as _

from ecotown.core.sanitise import Embedder
from planning_docs.models import Figure

# Bounded, so that a line of unclosed brackets costs linear time (the diff tokenises with it too).
REFERENCE = re.compile(r"!\[[^\]\n]{0,200}\]\(figure:(\d{1,9})\)")
SOURCE = re.compile(r"figure:(\d{1,9})")


def referenced_ids(bodies: Iterable[str]) -> list[int]:
    """The figure ids the texts name, each once, in the order they first appear."""
    seen: dict[int, None] = {}
    for body in bodies:
        for match in REFERENCE.finditer(body or ""):
            seen.setdefault(int(match.group(1)), None)
    return list(seen)


def figure_entry(figure: Figure) -> dict:
    """A figure as a version freezes it: enough to show it again exactly, whatever happens to
    the figure later (its file is never overwritten)."""
    return {
        "id": figure.pk,
        "sha256": figure.sha256,
        "caption": figure.caption,
        "alt": figure.alt,
        "file": figure.file.name,
        "content_type": figure.content_type,
        "width": figure.width,
        "height": figure.height,
    }


def current_entries(
    plan_id: int, bodies: Iterable[str], figures: dict[int, Figure] | None = None
) -> list[dict]:
    """The plan's figures that the texts name, as entries, in document order. References to
    figures of other plans, or to none, are left out (and shown as nothing). `figures` (every
    figure of the plan by id, when the caller has them) spares the query."""
    ids = referenced_ids(bodies)
    if figures is None:
        found = Figure.objects.filter(plan_id=plan_id, pk__in=ids) if ids else []
        figures = {f.pk: f for f in found}
    return [figure_entry(figures[pk]) for pk in ids if pk in figures]


class NumberedFigures(Embedder):
    """Figure entries numbered in order, shown through `url(entry)`."""

    def __init__(self, entries: list[dict], url: Callable[[dict], str]):
        self.entries = entries
        self.url = url
        self.numbers = {entry["id"]: number for number, entry in enumerate(entries, start=1)}
        self._by_id = {entry["id"]: entry for entry in entries}

    def _entry(self, src: str) -> dict | None:
        match = SOURCE.fullmatch(src)
        return self._by_id.get(int(match.group(1))) if match else None

    def label(self, entry: dict) -> str:
        return _("Figure %(n)d") % {"n": self.numbers[entry["id"]]}

    def block(self, src: str) -> str | None:
        entry = self._entry(src)
        if entry is None:
            return None
        return format_html(
            '<figure class="plan-figure" id="figure-{}"><img src="{}" alt="{}" width="{}" '
            'height="{}"><figcaption>{}</figcaption></figure>',
            self.numbers[entry["id"]],
            self.url(entry),
            entry["alt"],
            entry["width"],
            entry["height"],
            self.caption(entry),
        )

    def inline(self, src: str) -> str | None:
        entry = self._entry(src)
        return None if entry is None else self.label(entry)

    def caption(self, entry: dict) -> str:
        return _("Figure %(n)d: %(caption)s") % {
            "n": self.numbers[entry["id"]],
            "caption": entry["caption"],
        }

    def listing(self) -> list[dict]:
        """The list of figures: number, caption and anchor of each."""
        return [
            {
                "number": self.numbers[e["id"]],
                "caption": e["caption"],
                "anchor": f"figure-{self.numbers[e['id']]}",
            }
            for e in self.entries
        ]
