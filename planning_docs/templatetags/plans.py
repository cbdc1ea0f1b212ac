from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from ecotown.core.names import text_direction
from ecotown.core.rows import safe
from ecotown.core.sanitise import render_markdown
from planning_docs import section_rows as rows
from planning_docs import template_texts
from planning_docs.pdf.charts import gantt
from planning_docs.structured import FundingSource, financing_totals, sound_rows
from planning_docs.tables import row_cells, table_columns

register = template.Library()


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
        # The writer's text keeps its own direction inside a page of either direction.
        "dir": text_direction(body),
        # Sanitised by render_markdown; the figures' HTML is built from escaped values.
        "body_html": mark_safe(  # noqa: S308
            render_markdown(body, heading_level=int(heading_level), embedder=figures)
        )
        if body
        else "",
    }
    if kind == "prose":
        return shown
    shown["columns"] = table_columns(kind)
    numeric = [is_numeric for _label, is_numeric in shown["columns"]]
    shown["cells"] = [list(zip(row_cells(kind, row), numeric, strict=True)) for row in rows]
    sources = dict(FundingSource.choices)
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


@register.filter
def draft_for(drafts: dict, key: str) -> Any:
    """The draft of section `key` in a {key: draft} map (None when it was never saved)."""
    return drafts.get(key)


@register.filter
def in_language(text: str, language: str) -> str:
    """A template's words (a section title) in the plan's language (see template_texts)."""
    return template_texts.in_language(text, language)


@register.simple_tag
def section_rows(plan, sections, last_edits: dict, comment_counts: dict) -> str:
    """The plan page's table of sections, one <tr> each (planning_docs.section_rows)."""
    return safe("".join(rows.section_rows(plan, sections, last_edits, comment_counts)))
