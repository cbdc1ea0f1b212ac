"""Each pilot's stored standing (PilotStanding), and the day's status read from it in SQL.

The rule (pilots.status) reads a pilot's check-ins, reports and overrides; working it out for
every pilot of every year on each visit of the coordinator's dashboard cost more than the rest
of the page. The standing keeps what the rule gives with nothing overdue (`settled`), the due
date of the oldest check-in without a submitted report, and the override in force. On any day,
the status then follows without reading a report:

- an override in force wins; a completed pilot stays completed;
- an unreported check-in more than STALLED_AFTER_DAYS past due makes it stalled; one past due,
  late (as the rule says, in that order);
- else the settled status.

`refresh` is called on every save and delete of a check-in, report or override (pilots.apps),
so that the standing never lags; the tests compare it with the rule over the calendar.
"""

from collections import Counter
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When

from ecotown.core.prepared import prepared
from pilots.models import CheckIn, PilotStanding, PilotStatus, ProgressReport, StatusOverride
from pilots.status import STALLED_AFTER_DAYS, derive, facts_of, newest_override


class _Report:
    """What the rule reads of a report, from a row of values."""

    def __init__(self, status: str, indicators: Any, milestones: Any) -> None:
        self.is_submitted = status == ProgressReport.Status.SUBMITTED
        self.indicators, self.milestones = indicators, milestones


class _CheckIn:
    """What the rule reads of a check-in, from a row of values."""

    def __init__(self, months: int, due_on: date, report: _Report | None) -> None:
        self.months, self.due_on, self.report = months, due_on, report


def standing_of(plan_id: int, models: Any = None) -> dict[str, Any] | None:
    """The standing the plan's rows give now; None for a plan without check-ins (no pilot).
    `models` (with CheckIn and StatusOverride) lets a migration pass its historical ones."""
    check_in_model = models.CheckIn if models else CheckIn
    override_model = models.StatusOverride if models else StatusOverride
    rows = (
        check_in_model.objects.filter(plan_id=plan_id)
        .order_by("due_on")
        .values_list(
            "months", "due_on", "report__status", "report__indicators", "report__milestones"
        )
    )
    check_ins = [
        _CheckIn(months, due_on, _Report(status, indicators, milestones) if status else None)
        for months, due_on, status, indicators, milestones in rows
    ]
    if not check_ins:
        return None
    unfiled = [c.due_on for c in check_ins if c.report is None or not c.report.is_submitted]
    override = newest_override(list(override_model.objects.filter(plan_id=plan_id)))
    return {
        # The rule on a day before any check-in is due: nothing is overdue.
        "settled": derive(facts_of(check_ins, date.min)),
        "oldest_unfiled_due": min(unfiled, default=None),
        "override": override.status if override else "",
    }


def refresh(plan_id: int) -> None:
    """Store the plan's standing as its rows give it now (or none, without check-ins)."""
    standing = standing_of(plan_id)
    if standing is None:
        PilotStanding.objects.filter(plan_id=plan_id).delete()
    else:
        PilotStanding.objects.update_or_create(plan_id=plan_id, defaults=standing)


def refresh_on_delete(plan_id: int) -> None:
    """`refresh` while a row is deleted, perhaps with its plan: it updates or removes the
    standing, never makes one (which would outlive a plan being deleted)."""
    standing = standing_of(plan_id)
    stored = PilotStanding.objects.filter(plan_id=plan_id)
    if standing is None:
        stored.delete()
    else:
        stored.update(**standing)


def status_on(today: date) -> Case:
    """The status of each standing row on `today` (the rule of the module docstring)."""
    return _status_case(today, today - timedelta(days=STALLED_AFTER_DAYS))


def _status_case(today: date, stalled_before: date) -> Case:
    return Case(
        When(~Q(override=""), then=F("override")),
        When(settled=PilotStatus.COMPLETED, then=Value(PilotStatus.COMPLETED)),
        When(oldest_unfiled_due__lt=stalled_before, then=Value(PilotStatus.STALLED)),
        When(oldest_unfiled_due__lt=today, then=Value(PilotStatus.LATE)),
        default=F("settled"),
        output_field=CharField(),
    )


def _counted(standings: QuerySet, today: date, stalled_before: date) -> QuerySet:
    return (
        standings.annotate(status=_status_case(today, stalled_before))
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )


def count_by_status(plan_ids: QuerySet, today: date) -> Counter[str]:
    """How many of the pilots among `plan_ids` (a values("pk") queryset) stand in each status
    on `today`: one query."""
    stalled_before = today - timedelta(days=STALLED_AFTER_DAYS)
    standings = PilotStanding.objects.filter(plan_id__in=plan_ids)
    return Counter(dict(_counted(standings, today, stalled_before)))


@prepared(date, date)
def _every_pilot_counted(today: date, stalled_before: date) -> QuerySet:
    return _counted(PilotStanding.objects.all(), today, stalled_before)


def count_every_pilot_by_status(today: date) -> Counter[str]:
    """count_by_status of every pilot (a coordinator's), prepared: the dashboard's."""
    stalled_before = today - timedelta(days=STALLED_AFTER_DAYS)
    return Counter(dict(_every_pilot_counted(today, stalled_before)))
