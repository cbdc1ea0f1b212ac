"""The plan list's rows, rendered in Python (why: ecotown/core/rows.py): URLs, status labels
and country names are computed once for the page, not once per row."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django_countries.fields import Country

from ecotown.core import page_sql
from ecotown.core.names import NAME_FIELDS, NamedPerson, display_name
from ecotown.core.rows import e, safe
from ecotown.core.url_templates import UrlTemplate
from planning_docs.models import Plan, PlanAssignment
from planning_docs.templatetags.plans import STATUS_BADGES

# What a row shows, read as plain values: fifty plans made into model instances with their
# enrolment, trainee, seminar and lead expert cost more than the rest of the page.
_ROW_VALUES = (
    "pk",
    "title",
    "status",
    "pilot_country",
    "enrolment__seminar__title",
    "version_count",  # annotated by plan_list_for_user
    *(f"enrolment__trainee__{name}" for name in NAME_FIELDS),
)
_SCORE_VALUES = ("score_mean", "scores_disagree")  # with_scores only


@dataclass(frozen=True)
class _PlanRow:
    pk: int
    title: str
    status: str
    country: str  # the ISO code, "" when not given
    seminar: str
    version_count: int
    trainee: str
    score_mean: float | None = None
    scores_disagree: bool = False

    @classmethod
    def of(cls, values: tuple, *, with_scores: bool) -> "_PlanRow":
        scores = values[-2:] if with_scores else (None, False)
        shown = values[:-2] if with_scores else values
        pk, title, status, country, seminar, version_count, *names = shown
        trainee = display_name(NamedPerson.of(names))
        return cls(pk, title, status, country or "", seminar, version_count, trainee, *scores)


class _Page:
    def __init__(self, with_scores: bool, leads: dict[int, str]) -> None:
        self.with_scores = with_scores
        self.leads = leads
        self.plan_url = UrlTemplate("planning_docs:plan-detail", UrlTemplate.ID)
        self.status_labels = {value: str(label) for value, label in Plan.Status.choices}
        self.disagree = _("experts disagree")
        self._countries: dict[str, str] = {}

    def country(self, code: str) -> str:
        if not code:
            return "—"
        if code not in self._countries:
            self._countries[code] = str(Country(code=code).name)
        return self._countries[code]


def plan_rows(plans: QuerySet[Plan], *, with_scores: bool) -> list[SafeString]:
    """One <tr> per plan of the page (plan_list_for_user, paginated), read as values, with the
    page's lead experts in one more query; `with_scores` adds the experts' score column
    (coordinators only)."""
    fields = (*_ROW_VALUES, *_SCORE_VALUES) if with_scores else _ROW_VALUES
    rows = [
        _PlanRow.of(values, with_scores=with_scores)
        for values in page_sql.listed(plans.prefetch_related(None).values_list(*fields))
    ]
    page = _Page(with_scores, _lead_names([row.pk for row in rows]))
    return [_row(row, page) for row in rows]


def _lead_names(plan_ids: list[int]) -> dict[int, str]:
    """{plan id: its lead expert's name} (a plan has one lead at most)."""
    leads = PlanAssignment.objects.filter(plan_id__in=plan_ids, role=PlanAssignment.Role.LEAD)
    names: Any = leads.values_list("plan_id", *(f"expert__{name}" for name in NAME_FIELDS))
    return {plan_id: display_name(NamedPerson.of(person)) for plan_id, *person in names}


def _score(row: _PlanRow, page: _Page) -> str:
    mean = floatformat(row.score_mean, 1) if row.score_mean else "—"
    badge = (
        f' <span class="badge text-bg-warning">{e(page.disagree)}</span>'
        if row.scores_disagree
        else ""
    )
    return f'<td class="text-end">{e(mean)}{badge}</td>'


def _row(row: _PlanRow, page: _Page) -> SafeString:
    badge = STATUS_BADGES.get(row.status, "text-bg-light")
    return safe(
        f'<tr><td><a href="{e(page.plan_url.fill(row.pk))}">{e(row.title)}</a></td>'
        f"<td>{e(row.trainee)}</td><td>{e(page.country(row.country))}</td>"
        f"<td>{e(row.seminar)}</td><td>{e(page.leads.get(row.pk, ''))}</td>"
        f'<td><span class="badge {badge}">{e(page.status_labels[row.status])}</span></td>'
        f"<td>{e(row.version_count)}</td>"
        f"{_score(row, page) if page.with_scores else ''}</tr>"
    )
