"""A pilot's status, derived from its check-ins and reports, unless a coordinator said otherwise.

The rule, first match wins:

1. **not started**: the plan has no check-ins (not approved yet), or nothing below applies and
   no report has been submitted.
2. **completed**: the report of the last check-in is submitted and it marks every milestone done
   or dropped.
3. **stalled**: a check-in without a submitted report is more than STALLED_AFTER_DAYS (60) days
   past its due date.
4. **late**: a check-in without a submitted report is past its due date, or the newest submitted
   report marks a milestone late.
5. **at risk**: in the newest submitted report, the indicators' mean progress toward their
   targets is below half the expected pace. The expected pace is the share of the follow-up
   elapsed at that check-in: 6 of 24 months is 25 %, so below 12.5 % is at risk.
6. **on track**: at least one report is submitted and none of the above applies.

A coordinator may set another status with a reason (pilots.services.pilot_status_override); the
newest override counts until one hands the pilot back to the rule.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from pilots.models import CheckIn, MilestoneState, PilotStatus, ProgressReport, StatusOverride
from pilots.progress import mean_progress

STALLED_AFTER_DAYS = 60


@dataclass(frozen=True)
class Facts:
    """What the rule reads, gathered from a pilot's check-ins (see facts_of)."""

    check_ins: int = 0
    submitted: int = 0
    overdue_days: int = 0  # how far the most overdue unfiled check-in is past due; 0: none
    final_filed: bool = False
    milestones_open: bool = True  # the newest report has a milestone neither done nor dropped
    milestone_late: bool = False  # the newest report marks a milestone late
    progress: Decimal | None = None  # the newest report's mean progress toward target, in %
    expected: Decimal = Decimal(0)  # the expected pace at the newest report's check-in, in %


def derive(facts: Facts) -> str:
    """The rule of the module docstring, over `facts`."""
    if facts.check_ins == 0:
        return PilotStatus.NOT_STARTED
    if facts.final_filed and not facts.milestones_open:
        return PilotStatus.COMPLETED
    if facts.overdue_days > STALLED_AFTER_DAYS:
        return PilotStatus.STALLED
    if facts.overdue_days > 0 or facts.milestone_late:
        return PilotStatus.LATE
    if facts.progress is not None and facts.progress < facts.expected / 2:
        return PilotStatus.AT_RISK
    if facts.submitted:
        return PilotStatus.ON_TRACK
    return PilotStatus.NOT_STARTED


def submitted_report(check_in: CheckIn) -> ProgressReport | None:
    report = getattr(check_in, "report", None)
    return report if report is not None and report.is_submitted else None


class ReportRead(Protocol):
    """What the rule reads of a report: a ProgressReport, or a row of values (pilots.standing)."""

    @property
    def indicators(self) -> Any: ...

    @property
    def milestones(self) -> Any: ...

    @property
    def is_submitted(self) -> bool: ...


class CheckInRead(Protocol):
    """What the rule reads of a check-in (its `report`, if any, is read with getattr)."""

    @property
    def months(self) -> int: ...

    @property
    def due_on(self) -> date: ...


def _filed(check_in: CheckInRead) -> ReportRead | None:
    report: ReportRead | None = getattr(check_in, "report", None)
    return report if report is not None and report.is_submitted else None


def facts_of(check_ins: Sequence[CheckInRead], today: date) -> Facts:
    """The facts of one pilot from its check-ins (in due order, reports loaded with them)."""
    if not check_ins:
        return Facts()
    unfiled = [c for c in check_ins if _filed(c) is None]
    overdue = max(((today - c.due_on).days for c in unfiled), default=0)
    filed = [c for c in check_ins if _filed(c) is not None]
    if not filed:
        return Facts(check_ins=len(check_ins), overdue_days=max(overdue, 0))
    newest = filed[-1]
    report = _filed(newest)
    assert report is not None
    states = [row.get("state") for row in report.milestones]
    last_months = max(c.months for c in check_ins)
    return Facts(
        check_ins=len(check_ins),
        submitted=len(filed),
        overdue_days=max(overdue, 0),
        final_filed=newest.months == last_months,
        milestones_open=any(s not in (MilestoneState.DONE, MilestoneState.DROPPED) for s in states),
        milestone_late=MilestoneState.LATE in states,
        progress=mean_progress(report.indicators),
        expected=Decimal(100) * newest.months / last_months,
    )


def newest_override(overrides: list[StatusOverride]) -> StatusOverride | None:
    """The override in force: the newest, unless it handed the pilot back to the rule."""
    newest = max(overrides, key=lambda o: (o.at, o.pk), default=None)
    return newest if newest is not None and newest.status else None


# How each status is drawn (Bootstrap's contrast-checked badge colours).
BADGES = {
    PilotStatus.NOT_STARTED: "text-bg-secondary",
    PilotStatus.ON_TRACK: "text-bg-success",
    PilotStatus.AT_RISK: "text-bg-warning",
    PilotStatus.LATE: "text-bg-danger",
    PilotStatus.STALLED: "text-bg-dark",
    PilotStatus.COMPLETED: "text-bg-primary",
}


@dataclass(frozen=True)
class PilotState:
    status: str
    derived: str
    override: StatusOverride | None

    @property
    def label(self) -> str:
        return str(PilotStatus(self.status).label)

    @property
    def badge(self) -> str:
        return BADGES[PilotStatus(self.status)]


def pilot_state(
    check_ins: Sequence[CheckInRead], overrides: list[StatusOverride], today: date
) -> PilotState:
    derived = derive(facts_of(check_ins, today))
    override = newest_override(overrides)
    return PilotState(
        status=override.status if override else derived, derived=derived, override=override
    )
