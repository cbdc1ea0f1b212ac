from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import truncatechars

from planning_docs.forms import ROW_LABELS
from planning_docs.pdf.charts import gantt
from planning_docs.structured import (
    NUMBER_CHARS,
    NUMBER_MAX,
    ROW_FIELDS,
    FundingSource,
    financing_totals,
    sound_rows,
)

register = template.Library()


@register.inclusion_tag("planning_docs/_section_content.html")
def section_content(kind: str, body: str, rows: list, heading_level: int = 3):
    """A section as readers see it: the text, then its rows as a table (and chart, totals)."""
    rows = rows or []
    context = {"kind": kind, "body": body, "rows": rows, "heading_level": heading_level}
    if kind == "prose":
        return context
    fields = ROW_FIELDS[kind]
    context["columns"] = [ROW_LABELS[name] for name in fields]
    sources = dict(FundingSource.choices)
    context["cells"] = [
        [
            sources.get(row.get(name), row.get(name)) if name == "source" else row.get(name, "")
            for name in fields
        ]
        for row in rows
    ]
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
        context["gantt"] = gantt(sound)
    return context


@register.filter
def amount(value) -> str:
    """A decimal amount with thousands separators and no needless decimals.

    A value outside the bounds rows are checked against (stored before the check existed) is
    shown as stored, cut short: formatting '1e1000000' would write a million digits."""
    text = str(value)
    try:
        number = Decimal(text[: NUMBER_CHARS + 1])
    except InvalidOperation:
        return truncatechars(text, NUMBER_CHARS)
    if len(text) > NUMBER_CHARS or not number.is_finite() or number.copy_abs() >= NUMBER_MAX:
        return truncatechars(text, NUMBER_CHARS)
    return f"{number:,.2f}".removesuffix(".00")


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
