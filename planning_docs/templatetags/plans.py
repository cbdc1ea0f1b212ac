from typing import Any

from django import template
from django.utils import timezone

from planning_docs.pdf.charts import gantt
from planning_docs.structured import FundingSource, financing_totals, sound_rows
from planning_docs.tables import row_cells, table_columns

register = template.Library()


@register.inclusion_tag("planning_docs/_section_content.html")
def section_content(kind: str, body: str, rows: list, heading_level: int = 3, draft: bool = False):
    """A section as readers see it: the text, then its rows as a table (and chart, totals).
    `heading_level` is the level of the writer's `#` headings; `draft` marks today on the chart."""
    rows = rows or []
    context = {"kind": kind, "body": body, "rows": rows, "heading_level": heading_level}
    if kind == "prose":
        return context
    context["columns"] = table_columns(kind)
    numeric = [is_numeric for _label, is_numeric in context["columns"]]
    context["cells"] = [list(zip(row_cells(kind, row), numeric, strict=True)) for row in rows]
    sources = dict(FundingSource.choices)
    sound = sound_rows(kind, rows)
    context["unsound_rows"] = len(rows) - len(sound)
    if kind == "financing" and sound:
        totals = financing_totals(rows)
        context["by_source"] = [
            (sources[source], currency, total)
            for (currency, source), total in totals["by_source"].items()
        ]
        context["by_year"] = [
            (year, currency, total) for (currency, year), total in totals["by_year"].items()
        ]
        context["overall"] = list(totals["overall"].items())
    if kind == "timeline":
        context["gantt"] = gantt(sound, today=timezone.localdate() if draft else None)
    return context


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


@register.filter
def draft_for(drafts: dict, key: str) -> Any:
    """The draft of section `key` in a {key: draft} map (None when it was never saved)."""
    return drafts.get(key)
