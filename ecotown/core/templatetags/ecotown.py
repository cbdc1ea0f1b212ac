from typing import Any

from django import template
from django.utils.safestring import mark_safe

from ecotown.core import formatting
from ecotown.core.dates import format_when
from ecotown.core.sanitise import render_markdown
from ecotown.core.url_templates import UrlTemplate

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str, heading_level: int = 1) -> str:
    """Render user Markdown through the one sanitising renderer; its `#` headings start at
    `heading_level` (one below the heading of the page part that shows the text)."""
    return mark_safe(render_markdown(text, heading_level=int(heading_level)))  # noqa: S308 - sanitised by nh3 inside render_markdown


@register.filter
def money(amount: Any, currency: str = "") -> str:
    """`{{ total|money:"USD" }}`: the amount in the reader's language, with its currency code."""
    return formatting.format_money(amount, currency)


@register.filter
def money_amount(amount: Any, currency: str = "") -> str:
    """`{{ cell|money_amount:"USD" }}`: as `money`, without the code (a column names it)."""
    return formatting.format_money(amount, currency, code=False)


@register.filter
def quantity(value: Any, unit: str = "") -> str:
    """`{{ row.baseline|quantity:row.unit }}`: a measured amount with its unit."""
    return formatting.format_quantity(value, unit)


@register.filter
def percentage(value: Any) -> str:
    """`{{ 45|percentage }}`: a value in percent."""
    return formatting.format_percentage(value)


@register.filter
def change(delta: Any, unit: str = "") -> str:
    """`{{ delta|change:row.unit }}`: a signed difference with its unit."""
    return formatting.format_change(delta, unit)


@register.filter
def can_move_to(obj: Any, status: str) -> bool:
    """Whether the model's TRANSITIONS table lets `obj` move to `status` now: templates ask the
    state machine instead of copying it as status comparisons."""
    return status in obj.TRANSITIONS.get(obj.status, ())


@register.filter
def fill(url_template: UrlTemplate, pk: int) -> str:
    """`{{ urls.accept|fill:enrolment.pk }}`: a row's URL from a UrlTemplate reversed once."""
    return url_template.fill(pk)


@register.filter(expects_localtime=True, is_safe=False)
def when(moment: Any, style: str = "short_datetime") -> str:
    """A date or time as the page's language writes it (ecotown.core.dates)."""
    return format_when(moment, style)
