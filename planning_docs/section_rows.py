"""The plan page's table of sections, rendered in Python (why: ecotown/core/rows.py): a dozen
rows, each with two links, its words, rows, state, last edit and open comments, were a sixth of
the page's time in the template engine."""

from datetime import UTC

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ecotown.core.dates import format_when
from ecotown.core.rows import e, safe
from planning_docs.completion import SectionProgress

_KEY = "section-key-marker"  # a slug, as <slug:key> wants; never a section's key


class _Page:
    def __init__(self, plan) -> None:
        before, after = reverse("planning_docs:section-edit", args=[plan.pk, _KEY]).split(_KEY)
        self.url_before, self.url_after = before, after
        self.labels = {
            "required": _("required"),
            "over": _("over the limit"),
            "filled": _("Filled"),
            "missing": _("Missing"),
            "optional": _("Optional, empty"),
            "open_comments": _("open comments"),
        }

    def url(self, key: str) -> str:
        return f"{self.url_before}{key}{self.url_after}"


def section_rows(plan, sections, last_edits: dict, comment_counts: dict) -> list[SafeString]:
    """One <tr> per section of the plan's progress (planning_docs.completion); `last_edits` the
    edited drafts by key, `comment_counts` the reader's open threads by key."""
    page = _Page(plan)
    return [
        _row(number, section, last_edits.get(section.key), comment_counts.get(section.key, 0), page)
        for number, section in enumerate(sections, start=1)
    ]


def _row(number: int, s: SectionProgress, draft, comments: int, page: _Page) -> SafeString:
    labels, url = page.labels, e(page.url(s.key))
    required = f' <span class="text-body-secondary small">({e(labels["required"])})</span>'
    over = f' <span class="visually-hidden">{e(labels["over"])}</span>'
    return safe(
        f"<tr><td>{number}</td>"
        f'<td><a href="{url}">{e(s.title)}</a>{required if s.required else ""}</td>'
        f'<td class="{"text-danger fw-semibold" if s.over_limit else ""}">'
        f"{s.words} / {s.word_limit}{over if s.over_limit else ''}</td>"
        f"<td>{s.rows if s.has_rows else '—'}</td>"
        f"<td>{_state(s, labels)}</td>"
        f'<td class="small">{_last_edit(draft)}</td>'
        f"<td>{_comments(comments, url, labels)}</td></tr>"
    )


def _state(s: SectionProgress, labels: dict) -> str:
    if s.filled:
        return f'<span class="text-success">✓ {e(labels["filled"])}</span>'
    if s.required:
        return f'<span class="text-danger">{e(labels["missing"])}</span>'
    return f'<span class="text-body-secondary">{e(labels["optional"])}</span>'


def _last_edit(draft) -> str:
    """Who last saved the section and when (planning_docs/_last_edited.html, short)."""
    if draft is None or not draft.revision:
        return '<span class="text-body-secondary">—</span>'
    who = f"{e(draft.updated_by)} · " if draft.updated_by else ""
    at = draft.updated_at
    shown = format_when(timezone.localtime(at), "day_month_time")
    stamp = at.astimezone(UTC).isoformat()
    return f'<span class="last-edited">{who}<time datetime="{stamp}">{e(shown)}</time></span>'


def _comments(n: int, url: str, labels: dict) -> str:
    if not n:
        return '<span class="text-body-secondary">0</span>'
    return (
        f'<a class="badge text-bg-warning text-decoration-none" href="{url}#comments">{n}'
        f'<span class="visually-hidden"> {e(labels["open_comments"])}</span></a>'
    )
