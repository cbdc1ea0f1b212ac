"""`{% seminar_time value seminar "weekday_time" %}`: a seminar's moment in the clock its reader
lives by there (seminars.zones), with the other clock beside it where it differs."""

from datetime import datetime
from typing import Any

from django import template
from django.utils.html import format_html

from seminars.models import Seminar
from seminars.zones import clocks_for, format_in

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
    clocks = clocks_for(user, seminar, request=request)
    first = format_html(
        '<time class="seminar-time" datetime="{}">{} <span class="zone-name">{}</span></time>',
        value.isoformat(),
        format_in(value, clocks.first, style),
        clocks.first_name,
    )
    if clocks.beside is None or not clocks.differs(value):
        return first
    return format_html(
        '{} <span class="home-time small text-body-secondary">({} {})</span>',
        first,
        format_in(value, clocks.beside, style),
        clocks.beside_name,
    )
