from django import template
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from django.utils.safestring import mark_safe

from ecotown.core import formatting
from ecotown.core.sanitise import render_markdown
from planning_docs.forms import ROW_LABELS
from planning_docs.pdf.charts import gantt
from planning_docs.structured import (
    ROW_FIELDS,
    FundingSource,
    financing_totals,
    indicator_change,
    row_is_sound,
    sound_rows,
)

register = template.Library()

NUMERIC_FIELDS = {"amount", "baseline", "target", "change"}


def _cell(kind: str, name: str, row: dict, sources: dict, sound: bool) -> str:
    if not sound:
        # Stored before today's checks (a '1e1000000'): shown as stored, cut short, never
        # formatted or computed with, so that the page opens and the row can be corrected.
        return "" if name == "change" else truncatechars(str(row.get(name, "")), 300)
    if name == "source":
        return str(sources.get(row.get(name), row.get(name)))
    if kind == "financing" and name == "amount":
        return formatting.format_money(row["amount"], row.get("currency", ""), code=False)
    if kind == "indicators" and name in ("baseline", "target"):
        return formatting.format_quantity(row[name])
    if kind == "indicators" and name == "change":
        return formatting.format_change(indicator_change(row), row.get("unit", ""))
    return row.get(name, "")


@register.inclusion_tag("planning_docs/_section_content.html", takes_context=True)
def section_content(
    context: template.Context,
    kind: str,
    body: str,
    rows: list,
    heading_level: int = 3,
    draft: bool = False,
):
    """A section as readers see it: the text, then its rows as a table (and chart, totals).
    `heading_level` is the level of the writer's `#` headings; `draft` marks today on the chart.
    The page's `figures` (planning_docs.figures.NumberedFigures), when it has them, show the
    figures the text names."""
    rows = rows or []
    figures = context.get("figures")
    shown: dict = {
        "kind": kind,
        "body": body,
        "rows": rows,
        "heading_level": heading_level,
        # Sanitised by render_markdown; the figures' HTML is built from escaped values.
        "body_html": mark_safe(  # noqa: S308
            render_markdown(body, heading_level=int(heading_level), embedder=figures)
        )
        if body
        else "",
    }
    if kind == "prose":
        return shown
    fields = ROW_FIELDS[kind]
    if kind == "indicators":
        fields = (*fields[:4], "change", *fields[4:])
    shown["columns"] = [(ROW_LABELS[name], name in NUMERIC_FIELDS) for name in fields]
    sources = dict(FundingSource.choices)
    shown["cells"] = [
        [(_cell(kind, name, row, sources, sound), name in NUMERIC_FIELDS) for name in fields]
        for row, sound in ((row, row_is_sound(kind, row)) for row in rows)
    ]
    sound = sound_rows(kind, rows)
    shown["unsound_rows"] = len(rows) - len(sound)
    if kind == "financing" and sound:
        totals = financing_totals(rows)
        shown["by_source"] = [
            (sources[source], currency, total)
            for (currency, source), total in totals["by_source"].items()
        ]
        shown["by_year"] = [
            (year, currency, total) for (currency, year), total in totals["by_year"].items()
        ]
        shown["overall"] = list(totals["overall"].items())
    if kind == "timeline":
        shown["gantt"] = gantt(sound, today=timezone.localdate() if draft else None)
    return shown


STATUS_BADGES = {
    "draft": "text-bg-secondary",
    "submitted": "text-bg-primary",
    "changes_requested": "text-bg-warning",
    "approved": "text-bg-success",
}


@register.filter
def status_badge(status: str) -> str:
    """The Bootstrap badge class of a plan status."""
    return STATUS_BADGES.get(status, "text-bg-light")
