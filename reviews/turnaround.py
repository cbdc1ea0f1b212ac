"""Who is waiting on whom, since when, against the seminar's target: the coordinator's view."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecotown.core.models import AuditEvent
from ecotown.core.names import NAME_FIELDS
from planning_docs.models import Plan, PlanAssignment

WAITING_ON_EXPERT = (Plan.Status.SUBMITTED,)
WAITING_ON_TRAINEE = (Plan.Status.DRAFT, Plan.Status.CHANGES_REQUESTED)


def working_days_between(start: date, end: date) -> int:
    """Weekdays from `start` (exclusive) to `end` (inclusive): a plan submitted on Friday and
    looked at on Monday has waited one working day."""
    if end <= start:
        return 0
    whole_weeks, extra = divmod((end - start).days, 7)
    days = whole_weeks * 5
    for offset in range(1, extra + 1):
        if (start + timedelta(days=offset)).weekday() < 5:
            days += 1
    return days


@dataclass(frozen=True)
class Wait:
    plan: Plan
    waiting_on: object  # the user the plan waits on
    role: str
    since: datetime
    working_days: int
    target: int

    @property
    def overdue(self) -> bool:
        return self.working_days > self.target


def _with_state_since(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    moves = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Plan),
        object_id=OuterRef("pk"),
        to_status=OuterRef("status"),
    ).order_by("-at")
    return plans.annotate(state_since=Coalesce(Subquery(moves.values("at")[:1]), "created_at"))


@dataclass(frozen=True)
class Turnaround:
    waits: list[Wait]  # the first `limit` waits, overdue first, then the longest
    total: int
    overdue: int


def turnaround(plans: QuerySet[Plan], *, limit: int | None = None, today=None) -> Turnaround:
    """Every plan not yet approved, ranked: the overdue first, then the longest waits.

    Ranks on a light query of (plan, since, target) for all plans, then loads only the plans
    shown, so the cost stays small however many plans a coordinator follows.
    """
    today = today or timezone.localdate()
    pending = _with_state_since(plans.exclude(status=Plan.Status.APPROVED))
    ranked = []
    zone = timezone.get_current_timezone()  # once: every pending plan of every year is ranked
    for pk, since, target in pending.values_list(
        "pk", "state_since", "enrolment__seminar__review_target_days"
    ):
        days = working_days_between(since.astimezone(zone).date(), today)
        ranked.append((days <= target, since, pk, days, target))
    ranked.sort()
    shown = ranked[:limit] if limit is not None else ranked
    loaded = _shown_plans([pk for *_, pk, _, _ in shown])
    waits = [_wait(loaded[pk], since, days, target) for _, since, pk, days, target in shown]
    return Turnaround(
        waits=waits, total=len(ranked), overdue=sum(1 for row in ranked if not row[0])
    )


def _shown_plans(pks: list[int]) -> dict[int, Any]:
    leads = PlanAssignment.objects.filter(role=PlanAssignment.Role.LEAD).select_related("expert")
    return (
        Plan.objects.select_related("enrolment__trainee")
        .only(
            "title",
            "status",
            "enrolment__trainee_id",
            *(f"enrolment__trainee__{f}" for f in NAME_FIELDS),
        )
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=leads.only("plan_id", "role", *(f"expert__{f}" for f in NAME_FIELDS)),
                to_attr="leads",
            )
        )
        .in_bulk(pks)
    )


def _wait(plan: Plan, since, days: int, target: int) -> Wait:
    if plan.status in WAITING_ON_EXPERT:
        leads = plan.leads  # prefetched by _shown_plans
        waiting_on, role = (leads[0].expert if leads else None), str(_("expert"))
    else:
        waiting_on, role = plan.enrolment.trainee, str(_("trainee"))
    return Wait(plan, waiting_on, role, since, days, target)


def waits_for_plans(plans: QuerySet[Plan], today: date | None = None) -> list[Wait]:
    """Every plan not yet approved, the overdue first, then the longest waits."""
    return turnaround(plans, today=today).waits
