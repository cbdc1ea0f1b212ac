"""Check-ins: scheduled when a plan is approved, and the reminders about them, each sent once."""

import calendar
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ecotown.core import roles
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from notifications.services import notify
from pilots.models import DEFAULT_MONTHS, CheckIn, FollowUpSchedule, Reminder
from planning_docs.models import Plan, PlanAssignment, PlanVersion
from seminars.models import Seminar

# Reminders before a check-in is due: (kind, the first day it may go, counted in days before).
# A kind whose window has passed is not sent late: a check-in scheduled 5 days before it is due
# gets the 3-day reminder only.
BEFORE_DUE = ((Reminder.Kind.DUE_14, 14, 4), (Reminder.Kind.DUE_3, 3, 0))


def due_date(end: date, months: int) -> date:
    """`months` after `end`, on the same day of the month or the month's last day."""
    month_index = end.month - 1 + months
    year, month = end.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(end.day, calendar.monthrange(year, month)[1]))


def schedule_months(seminar: Seminar) -> list[int]:
    row = FollowUpSchedule.objects.filter(seminar=seminar).first()
    return sorted(set(row.months)) if row and row.months else list(DEFAULT_MONTHS)


@transaction.atomic
def check_ins_schedule(*, plan: Plan, version: PlanVersion, actor: User | None) -> list[CheckIn]:
    """The check-ins of an approved plan, at the seminar's months after its last day.

    Approving again (after a reopen) points the check-ins not yet reported on to the newly
    approved version; a submitted report keeps the version it followed. Side effects: CheckIn
    rows, one AuditEvent on the plan."""
    seminar = plan.enrolment.seminar
    check_ins = []
    for months in schedule_months(seminar):
        check_in, created = CheckIn.objects.get_or_create(
            plan=plan,
            months=months,
            defaults={"version": version, "due_on": due_date(seminar.end_date, months)},
        )
        if not created and not hasattr(check_in, "report"):
            check_in.version = version
            check_in.save(update_fields=["version"])
        check_ins.append(check_in)
    record(
        plan,
        verb=AuditEvent.Verb.CHECK_INS_SCHEDULED,
        actor=actor,
        note=", ".join(str(c.due_on) for c in check_ins),
    )
    return check_ins


def _due_kind(check_in: CheckIn, today: date) -> str | None:
    days_left = (check_in.due_on - today).days
    if days_left < 0:
        return Reminder.Kind.OVERDUE
    for kind, first, last in BEFORE_DUE:
        if last <= days_left <= first:
            return kind
    return None


def _recipients(check_in: CheckIn, kind: str) -> list[User]:
    trainee = check_in.plan.enrolment.trainee
    if kind != Reminder.Kind.OVERDUE:
        return [trainee]
    leads = [
        a.expert for a in check_in.plan.assignments.all() if a.role == PlanAssignment.Role.LEAD
    ]
    return [trainee, *leads, *roles.active_coordinators()]


def _remind(check_in: CheckIn, kind: str) -> bool:
    """Send one reminder unless it went already; the row lock makes two sweeps send it once."""
    with transaction.atomic():
        CheckIn.objects.select_for_update().get(pk=check_in.pk)
        if Reminder.objects.filter(check_in=check_in, kind=kind).exists():
            return False
        Reminder.objects.create(check_in=check_in, kind=kind)
        notify(
            recipients=_recipients(check_in, kind),
            verb=f"check_in_{kind}",
            context={"check_in": check_in, "plan": check_in.plan},
            url=reverse("pilots:report-edit", args=[check_in.pk]),
            plan=check_in.plan,
        )
        record(check_in.plan, verb=AuditEvent.Verb.CHECK_IN_REMINDED, actor=None, note=kind)
    return True


def check_in_reminders_send(*, today: date | None = None) -> list[tuple[int, str]]:
    """Remind about every check-in without a submitted report that is due within 14 or 3 days
    or overdue, each kind once per check-in (Reminder rows). Run by the beat scheduler.

    Side effects: Reminder rows, notifications (trainee 14 and 3 days before; trainee, lead
    expert and coordinators once overdue), an AuditEvent per reminder. Returns what was sent."""
    today = today or timezone.now().date()
    waiting = (
        CheckIn.objects.filter(
            plan__status=Plan.Status.APPROVED, due_on__lte=today + timedelta(days=BEFORE_DUE[0][1])
        )
        .exclude(report__status="submitted")
        .select_related("plan__enrolment__trainee")
        .prefetch_related("plan__assignments__expert", "reminders")
    )
    sent = []
    for check_in in waiting:
        kind = _due_kind(check_in, today)
        if kind is None or any(r.kind == kind for r in check_in.reminders.all()):
            continue
        if _remind(check_in, kind):
            sent.append((check_in.pk, kind))
    return sent
