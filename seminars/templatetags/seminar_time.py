"""`{% seminar_time value seminar "weekday_time" %}`: a seminar's moment in the clock its reader
lives by there (seminars.zones), with the other clock beside it where it differs."""

from datetime import datetime
from typing import Any

from django import template

from seminars.models import Seminar
from seminars.zones import clocks_for, seminar_time_html

register = template.Library()


@register.simple_tag(takes_context=True)
def seminar_time(
    context: dict[str, Any],
    value: datetime | None,
    seminar: Seminar,
    style: str = "short_datetime",
) -> str:
    """`style` is one of ecotown.core.dates' (the language writes the date its own way)."""
    if value is None:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return seminar_time_html(value, clocks_for(user, seminar, request=request), style)
