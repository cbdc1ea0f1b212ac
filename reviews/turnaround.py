"""Who is waiting on whom, since when, against the seminar's target: the coordinator's view."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecotown.core.models import AuditEvent
from ecotown.core.names import NAME_FIELDS, NamedPerson
from ecotown.core.prepared import prepared
from planning_docs.models import Plan, PlanAssignment
from planning_docs.selectors import plans_for_expert_id

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
    """One plan's wait, as plain values: a dashboard ranks plans of every year and shows a few."""

    plan_id: int
    title: str
    status: str
    trainee: NamedPerson
    waiting_on: NamedPerson | None  # the person the plan waits on; None: no lead expert yet
    waiting_on_id: int | None
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


def pending_rows(plans: QuerySet[Plan]) -> QuerySet:
    """(plan id, in its state since, its seminar's target) of each plan not yet approved: the
    light query that the ranking reads."""
    pending = _with_state_since(plans.exclude(status=Plan.Status.APPROVED))
    return pending.values_list("pk", "state_since", "enrolment__seminar__review_target_days")


@prepared()
def every_pending_plan() -> QuerySet:
    """pending_rows of every plan (a coordinator's), prepared: the dashboard's, on every visit."""
    return pending_rows(Plan.objects.all())


@prepared(int)
def submitted_to(expert_id: int) -> QuerySet:
    """pending_rows of the plans submitted to an expert, prepared: their dashboard's."""
    submitted = plans_for_expert_id(expert_id).filter(status=Plan.Status.SUBMITTED)
    return pending_rows(submitted)


def turnaround(plans: QuerySet[Plan], *, limit: int | None = None, today=None) -> Turnaround:
    """Every plan not yet approved, ranked: the overdue first, then the longest waits."""
    return ranked(list(pending_rows(plans)), limit=limit, today=today)


def ranked(rows: list[tuple], *, limit: int | None = None, today=None) -> Turnaround:
    """The turnaround of pending_rows: ranks on those light rows for all plans, then loads only
    the plans shown, so the cost stays small however many plans a coordinator follows."""
    today = today or timezone.localdate()
    order = []
    zone = timezone.get_current_timezone()  # once: every pending plan of every year is ranked
    for pk, since, target in rows:
        days = working_days_between(since.astimezone(zone).date(), today)
        order.append((days <= target, since, pk, days, target))
    order.sort()
    shown = order[:limit] if limit is not None else order
    loaded = _shown_plans([pk for *_, pk, _, _ in shown])
    waits = [_wait(pk, loaded[pk], since, days, target) for _, since, pk, days, target in shown]
    return Turnaround(waits=waits, total=len(order), overdue=sum(1 for row in order if not row[0]))


@dataclass(frozen=True)
class _Shown:
    title: str
    status: str
    trainee: NamedPerson
    trainee_id: int
    lead: NamedPerson | None
    lead_id: int | None


def _shown_plans(pks: list[int]) -> dict[int, _Shown]:
    """The plans shown, with their trainee and first lead expert: rows of values, two queries."""
    trainee = [f"enrolment__trainee__{f}" for f in NAME_FIELDS]
    leads: dict[int, tuple[int, NamedPerson]] = {}
    lead_rows = (
        PlanAssignment.objects.filter(plan_id__in=pks, role=PlanAssignment.Role.LEAD)
        .order_by("pk")
        .values_list("plan_id", "expert_id", *(f"expert__{f}" for f in NAME_FIELDS))
    )
    for plan_id, expert_id, *names in lead_rows:
        leads.setdefault(plan_id, (expert_id, NamedPerson.of(names)))
    plan_rows = Plan.objects.filter(pk__in=pks).values_list(
        "pk", "title", "status", "enrolment__trainee_id", *trainee
    )
    shown = {}
    for pk, title, status, trainee_id, *names in plan_rows:
        lead_id, lead = leads.get(pk, (None, None))
        shown[pk] = _Shown(title, status, NamedPerson.of(names), trainee_id, lead, lead_id)
    return shown


def _wait(plan_id: int, plan: _Shown, since, days: int, target: int) -> Wait:
    if plan.status in WAITING_ON_EXPERT:
        waiting_on, waiting_on_id, role = plan.lead, plan.lead_id, str(_("expert"))
    else:
        waiting_on, waiting_on_id, role = plan.trainee, plan.trainee_id, str(_("trainee"))
    return Wait(
        plan_id,
        plan.title,
        plan.status,
        plan.trainee,
        waiting_on,
        waiting_on_id,
        role,
        since,
        days,
        target,
    )


def waits_for_plans(plans: QuerySet[Plan], today: date | None = None) -> list[Wait]:
    """Every plan not yet approved, the overdue first, then the longest waits."""
    return turnaround(plans, today=today).waits
