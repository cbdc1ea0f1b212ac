"""The coordinator's turnaround panel: every plan, who it waits on and since when, overdue first.
An expert's panel: the plans waiting on their decision."""

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ecotown.core import roles
from ecotown.core.dashboard import Panel
from ecotown.core.dates import format_when
from ecotown.core.rows import e, safe
from ecotown.core.url_templates import UrlTemplate
from planning_docs.models import Plan
from reviews import turnaround
from reviews.turnaround import Wait

SHOWN = 15  # the longest waits; the plan list has the rest
TITLE_CHARS = 60


def panels(request, role) -> list[Panel]:
    if role == roles.COORDINATOR:
        # A coordinator follows every plan (plans_for_user).
        ranking = turnaround.ranked(turnaround.every_pending_plan(), limit=SHOWN)
        context = {
            "waits": ranking.waits,
            "rows": wait_rows(ranking.waits),
            "more": ranking.total - len(ranking.waits),
            "overdue": ranking.overdue,
        }
        return [Panel("reviews/_panel_turnaround.html", context, 30)]
    if role == roles.EXPERT:
        waiting = turnaround.ranked(turnaround.submitted_to(request.user.pk)).waits
        waits = [w for w in waiting if w.waiting_on_id == request.user.pk]
        return [Panel("reviews/_panel_expert.html", {"waits": waits}, 5)]
    return []


def wait_rows(waits: list[Wait]) -> list[SafeString]:
    """The turnaround table's rows, rendered in Python (why: ecotown/core/rows.py)."""
    shared = {
        "url": UrlTemplate("planning_docs:plan-detail", UrlTemplate.ID),
        "labels": {value: str(label) for value, label in Plan.Status.choices},
        "nobody": _("no lead expert yet"),
        "overdue": _("overdue"),
        "days": {},  # each date formatted once: many plans moved on the same day
    }
    return [_wait_row(wait, shared) for wait in waits]


def _wait_row(wait: Wait, shared: dict) -> SafeString:
    since = timezone.localtime(wait.since)
    title = Truncator(wait.title).chars(TITLE_CHARS)
    late = f' <span class="visually-hidden">{e(shared["overdue"])}</span>' if wait.overdue else ""
    day = shared["days"].get(since.date())
    if day is None:
        day = shared["days"][since.date()] = format_when(since, "short_date")
    return safe(
        f'<tr class="{"table-danger" if wait.overdue else ""}">'
        f'<td><a href="{e(shared["url"].fill(wait.plan_id))}">{e(wait.trainee)}</a>'
        f'<div class="small text-body-secondary">{e(title)}</div></td>'
        f"<td>{e(shared['labels'][wait.status])}</td>"
        f"<td>{e(wait.waiting_on or shared['nobody'])} "
        f'<span class="small text-body-secondary">({e(wait.role)})</span></td>'
        f'<td><time datetime="{since.isoformat()}">{e(day)}</time></td>'
        f'<td class="text-end">{wait.working_days} / {wait.target}{late}</td></tr>'
    )
