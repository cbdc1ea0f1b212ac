from django import template
from django.utils.safestring import mark_safe

from ecotown.core.sanitise import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    """Render user Markdown through the one sanitising renderer."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 just above


@register.filter
def can_move_to(obj, status: str) -> bool:
    """Whether the model's TRANSITIONS table lets `obj` move to `status` now: templates ask the
    state machine instead of copying it as status comparisons."""
    return status in obj.TRANSITIONS.get(obj.status, ())
