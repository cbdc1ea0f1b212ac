"""Long tables rendered in Python rather than by the template engine.

Django's template engine spends about fifty function calls on each value it prints (variable
lookup, localisation, lazy-string checks, escaping); a 50-row table of eight columns with links and
buttons was most of the roster's and the plan list's time. Their rows are built here as plain
values (URLs from a UrlTemplate, labels translated once per page) and written as HTML in one
f-string each, every value through `e`. The page around the table stays a template.
"""

from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe


def e(value: Any) -> str:
    """A value escaped for HTML text or a quoted attribute, as Django's escape does; None is ''."""
    return "" if value is None else escape(str(value), quote=True)


def safe(html: str) -> SafeString:
    """Mark a row written only with `e`-escaped values (and literal markup) as safe."""
    return mark_safe(html)  # noqa: S308 - callers build `html` from e()-escaped values only
