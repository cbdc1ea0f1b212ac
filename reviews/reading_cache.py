"""What the reading view shows of a version's sections, rendered the first time someone reads
it and taken from the cache after, per language of the page (ecotown.core.frozen_cache)."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ecotown.core.frozen_cache import rendered_once
from planning_docs.attachment_views import version_figures
from planning_docs.models import PlanVersion
from planning_docs.pdf.document import section_view

# Raised when what is cached changes shape, so that old entries are never read as new ones.
SHAPE = 2
# Strings only: every cache backend stores them, and a template reads them as they are.
SHOWN = ("number", "key", "anchor", "title", "dir", "lang", "empty")


def section_parts(version: PlanVersion, han_lang: str) -> list[dict]:
    """Each section of `version` as the reading view shows it: `html` (the text with its
    figures), `tables` (financing, indicators, timeline, rendered) and the fields in SHOWN.
    Rendered once per language (ecotown.core.frozen_cache); the version's id is in the key, as
    its figures' addresses are in the HTML."""
    parts = rendered_once(
        f"reading:{SHAPE}:{version.pk}:{han_lang}",
        [version.sections, version.attachments],
        lambda: _render(version, han_lang),
    )
    for part in parts:
        # The cache keeps plain strings; both were rendered (and escaped) here.
        part["html"] = mark_safe(part["html"])  # noqa: S308
        part["tables"] = mark_safe(part["tables"])  # noqa: S308
    return parts


def _render(version: PlanVersion, han_lang: str) -> list[dict]:
    figures = version_figures(version)
    parts = []
    for number, snapshot in enumerate(version.sections, start=1):
        view = section_view(snapshot, number, han_lang, figures=figures)
        part = {name: view[name] for name in SHOWN}
        # As text: a number printed by a template is localised, at twenty calls a section.
        part["number"] = str(part["number"])
        part["html"] = str(view["html"])
        part["tables"] = render_to_string("reviews/_reading_tables.html", {"view": view})
        parts.append(part)
    return parts
