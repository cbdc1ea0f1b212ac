"""The plan list's rows, rendered in Python (why: ecotown/core/rows.py): URLs, status labels
and country names are computed once for the page, not once per row."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ecotown.core.names import NAME_FIELDS
from ecotown.core.rows import e, safe
from ecotown.core.url_templates import UrlTemplate
from planning_docs.models import Plan, PlanAssignment
from planning_docs.templatetags.plans import STATUS_BADGES

# What the rows read, and nothing else: each loaded column of each of the four joined models
# costs time in every row (dates above all), and the list needs a handful.
_ROW_FIELDS = (
    "title",
    "status",
    "pilot_country",
    *(f"enrolment__trainee__{name}" for name in NAME_FIELDS),
    "enrolment__seminar__title",
)
_LEADS = Prefetch(
    "assignments",
    queryset=PlanAssignment.objects.filter(role=PlanAssignment.Role.LEAD)
    .select_related("expert")
    .only("plan_id", "role", *(f"expert__{name}" for name in NAME_FIELDS)),
    to_attr="leads",
)


def for_rows(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """The plan list's queryset loading only what the rows show: its lead experts in place of
    every assignment."""
    return plans.only(*_ROW_FIELDS).prefetch_related(None).prefetch_related(_LEADS)


class _Page:
    def __init__(self, with_scores: bool) -> None:
        self.with_scores = with_scores
        self.plan_url = UrlTemplate("planning_docs:plan-detail", UrlTemplate.ID)
        self.status_labels = {value: str(label) for value, label in Plan.Status.choices}
        self.disagree = _("experts disagree")
        self._countries: dict[str, str] = {}

    def country(self, plan: Any) -> str:
        code = plan.pilot_country.code
        if not code:
            return "—"
        if code not in self._countries:
            self._countries[code] = str(plan.pilot_country.name)
        return self._countries[code]


def plan_rows(plans, *, with_scores: bool) -> list[SafeString]:
    """One <tr> per plan of the page (plan_list_for_user through for_rows); `with_scores` adds
    the experts' score column (coordinators only)."""
    page = _Page(with_scores)
    return [_row(plan, page) for plan in plans]


def _lead(plan: Any) -> str:
    leads = plan.leads  # from for_rows' prefetch
    return str(leads[0].expert) if leads else ""


def _score(plan: Any, page: _Page) -> str:
    mean = floatformat(plan.score_mean, 1) if plan.score_mean else "—"
    badge = (
        f' <span class="badge text-bg-warning">{e(page.disagree)}</span>'
        if plan.scores_disagree
        else ""
    )
    return f'<td class="text-end">{e(mean)}{badge}</td>'


def _row(plan: Any, page: _Page) -> SafeString:
    # `plan` is a row of for_rows(plan_list_for_user(...)): annotated and prefetched.
    badge = STATUS_BADGES.get(plan.status, "text-bg-light")
    return safe(
        f'<tr><td><a href="{e(page.plan_url.fill(plan.pk))}">{e(plan.title)}</a></td>'
        f"<td>{e(plan.enrolment.trainee)}</td><td>{e(page.country(plan))}</td>"
        f"<td>{e(plan.enrolment.seminar.title)}</td><td>{e(_lead(plan))}</td>"
        f'<td><span class="badge {badge}">{e(page.status_labels[plan.status])}</span></td>'
        f"<td>{e(plan.version_count)}</td>"
        f"{_score(plan, page) if page.with_scores else ''}</tr>"
    )
