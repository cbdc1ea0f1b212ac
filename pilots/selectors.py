"""Reads of pilots, scoped to the user through the plans they may see (planning_docs)."""

from collections import Counter
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from ecotown.core import roles
from ecotown.core.models import User
from pilots.models import CheckIn, ProgressReport, ReportComment, StatusOverride
from pilots.standing import count_by_status, count_every_pilot_by_status
from pilots.status import PilotState, pilot_state, submitted_report
from planning_docs.models import Plan
from planning_docs.selectors import plans_for_user


def with_check_ins(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """Each plan's check-ins with their reports (`follow_up`) and status overrides (`overrides`):
    what a pilot's status is worked out from."""
    return plans.prefetch_related(
        Prefetch(
            "check_ins",
            queryset=CheckIn.objects.select_related("report").order_by("due_on"),
            to_attr="follow_up",
        ),
        Prefetch(
            "status_overrides",
            queryset=StatusOverride.objects.select_related("by"),
            to_attr="overrides",
        ),
    )


def with_follow_up(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """with_check_ins, and the experts the pilot pages name."""
    return with_check_ins(plans).prefetch_related("assignments")


def pilot_for_user_or_404(user: User, pk: int) -> Plan:
    """One plan the user may see, with its check-ins, reports and overrides; else 404."""
    return get_object_or_404(with_follow_up(plans_for_user(user)), pk=pk)


def pilots_for_user(user: User) -> QuerySet[Plan]:
    """The plans with check-ins (approved once) that the user may see, with what the pilot
    pages show, newest seminar first."""
    plans = plans_for_user(user).filter(Q(check_ins__isnull=False)).distinct()
    return with_follow_up(plans).order_by(
        "-enrolment__seminar__start_date", "enrolment__trainee__last_name", "title"
    )


def own_pilots(user: User) -> QuerySet[Plan]:
    """The pilots the user runs and reports on (the plans with check-ins of which they are the
    trainee, not a co-author), newest seminar first: the trainee's dashboard."""
    plans = Plan.objects.filter(enrolment__trainee=user, check_ins__isnull=False).distinct()
    return with_check_ins(plans).order_by("-enrolment__seminar__start_date", "title")


def all_pilots() -> QuerySet[Plan]:
    """Every plan with check-ins, as pilots_for_user gives a coordinator; for the programme
    report, rendered on a worker with no user to scope by."""
    plans = Plan.objects.select_related("enrolment__trainee", "enrolment__seminar")
    return with_follow_up(plans.filter(check_ins__isnull=False).distinct()).order_by(
        "-enrolment__seminar__start_date", "enrolment__trainee__last_name", "title"
    )


def state_of(plan: Plan, today: date) -> PilotState:
    """The pilot's status; `plan` comes from one of the selectors above."""
    return pilot_state(plan.follow_up, plan.overrides, today)  # type: ignore[attr-defined]


def status_counts(user: User, today: date) -> Counter[str]:
    """How many of the pilots the user may see stand in each status on `today`: the dashboard's
    counts. It spans every year, so it reads each pilot's stored standing (pilots.standing):
    one query whatever the number of pilots and reports."""
    if roles.role_of(user) == roles.COORDINATOR:  # every pilot (plans_for_user)
        return count_every_pilot_by_status(today)
    return count_by_status(plans_for_user(user).values("pk"), today)


def next_check_in(plan: Plan) -> CheckIn | None:
    """The first check-in still waiting for its submitted report."""
    follow_up: list[CheckIn] = plan.follow_up  # type: ignore[attr-defined]
    return next((c for c in follow_up if submitted_report(c) is None), None)


def check_in_for_user_or_404(user: User, pk: int) -> CheckIn:
    check_ins = CheckIn.objects.filter(plan__in=plans_for_user(user)).select_related(
        "report", "version", "plan__enrolment__trainee", "plan__enrolment__seminar"
    )
    return get_object_or_404(check_ins.prefetch_related("plan__assignments"), pk=pk)


def report_for_user_or_404(user: User, pk: int) -> ProgressReport:
    reports = ProgressReport.objects.filter(check_in__plan__in=plans_for_user(user))
    return get_object_or_404(
        reports.select_related(
            "check_in__plan__enrolment__trainee", "check_in__plan__enrolment__seminar", "pdf"
        ).prefetch_related("check_in__plan__assignments"),
        pk=pk,
    )


def report_comments(report: ProgressReport) -> QuerySet[ReportComment]:
    return report.comments.select_related("author")


def pilot_reports_for_trainee(plan: Plan) -> QuerySet[ProgressReport]:
    """The plan's submitted reports, for its archive."""
    return (
        ProgressReport.objects.filter(check_in__plan=plan, status=ProgressReport.Status.SUBMITTED)
        .select_related("check_in")
        .prefetch_related("photos")
        .order_by("check_in__due_on")
    )
