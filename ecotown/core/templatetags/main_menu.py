"""`{% main_menu %}`: the header's menu, rendered once per role, page and language.

The menu shows the same links to everyone of a role, with the current page's entry marked, so
its HTML depends on nothing else. Rendering it took some 2,500 Python calls on every signed-in
page, a twentieth of a page's work; each process now renders each variant once. While DEBUG is on
it is rendered every time, so that an edit to the template shows at once.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ecotown.core import roles

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> SafeString:
    match = getattr(context.get("request"), "resolver_match", None)
    variant = (
        context.get("role"),
        match.namespace if match else "",
        match.view_name if match else "",
        get_language(),
        get_script_prefix(),
    )
    if settings.DEBUG:
        return render_menu(*variant)
    return _cached_menu(*variant)


def render_menu(
    role: str | None, namespace: str, view_name: str, language: str, script_prefix: str
) -> SafeString:
    """The menu of `role` on the page `view_name` (in app `namespace`), in the active language;
    the last two arguments only key the cache."""
    menu = get_template("_menu.html").render(
        {
            "current": namespace,
            "view_name": view_name,
            "is_coordinator": role == roles.COORDINATOR,
            "is_expert": role == roles.EXPERT,
            "is_trainee": role == roles.TRAINEE,
            "is_coauthor": role == roles.COAUTHOR,
        }
    )
    return mark_safe(menu)  # noqa: S308 - rendered by the template engine, which escaped it


# Bounded by roles x pages x languages: a few thousand variants at most.
_cached_menu = lru_cache(maxsize=4096)(render_menu)
