"""What the reading view shows of a version's sections, rendered once: a version never changes
(a database trigger sees to it), so its text, figures and tables are rendered the first time
someone reads it and taken from the cache after, per language of the page.

The key digests the sections as stored rather than trusting the version's content hash: an
erasure rewrites a person's name inside a version without changing its hash, and the cache must
not show the old name."""

import hashlib
import json

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from planning_docs.attachment_views import version_figures
from planning_docs.models import PlanVersion
from planning_docs.pdf.document import section_view

# Raised when what is cached changes shape, so that old entries are never read as new ones.
SHAPE = 1
# Strings only: every cache backend stores them, and a template reads them as they are.
SHOWN = ("number", "key", "anchor", "title", "dir", "lang", "empty")
LIFETIME = 24 * 3600


def section_parts(version: PlanVersion, han_lang: str) -> list[dict]:
    """Each section of `version` as the reading view shows it: `html` (the text with its
    figures), `tables` (financing, indicators, timeline, rendered) and the fields in SHOWN."""
    stored = json.dumps([version.sections, version.attachments], sort_keys=True)
    digest = hashlib.sha256(stored.encode()).hexdigest()
    key = f"reading:{SHAPE}:{version.pk}:{digest}:{han_lang}:{get_language()}"
    parts = cache.get(key)
    if parts is None:
        parts = _render(version, han_lang)
        cache.set(key, parts, LIFETIME)
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
        part["html"] = str(view["html"])
        part["tables"] = render_to_string("reviews/_reading_tables.html", {"view": view})
        parts.append(part)
    return parts
