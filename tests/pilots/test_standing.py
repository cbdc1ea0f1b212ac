"""A pilot's stored standing gives, on every day, the status the rule works out from its
check-ins, reports and overrides: after each service that changes them, as the calendar moves
on, and when rows are deleted."""

from collections import Counter
from datetime import date, timedelta

import pytest

from pilots.models import PilotStanding, PilotStatus, StatusOverride
from pilots.selectors import pilots_for_user, state_of, status_counts
from pilots.services import pilot_status_override
from tests.factories.pilots import approved_plan, submitted_report

pytestmark = pytest.mark.django_db
S = PilotStatus

# The demo factories' seminar ends so that the first check-in (6 months) falls due on
# 2027-05-14; these days walk from before it to past the last one (24 months).
DAYS = [date(2027, 5, 13), date(2027, 5, 14), date(2027, 7, 13), date(2027, 7, 14)] + [
    date(2027, 5, 13) + timedelta(days=n) for n in range(90, 1000, 45)
]


def assert_standing_is_the_rule(user):
    """On every day of DAYS, the stored counts are the rule's over each pilot."""
    pilots = list(pilots_for_user(user))
    for today in DAYS:
        expected = Counter(state_of(plan, today).status for plan in pilots)
        assert status_counts(user, today) == expected, today


def test_the_standing_follows_every_service_and_every_day(coordinator):
    _quiet, slow, late, done, overridden = (approved_plan() for _ in range(5))
    assert PilotStanding.objects.count() == 5
    assert_standing_is_the_rule(coordinator)
    submitted_report(slow.check_ins.get(months=6), share="0.1")
    submitted_report(late.check_ins.get(months=6), share="0.9", state="late")
    for check_in in done.check_ins.order_by("due_on"):
        submitted_report(check_in, share="1", state="done")
    assert_standing_is_the_rule(coordinator)
    pilot_status_override(
        plan=overridden, actor=coordinator, status=S.STALLED, reason="Floods", derived=S.LATE
    )
    assert_standing_is_the_rule(coordinator)
    pilot_status_override(
        plan=overridden, actor=coordinator, status="", reason="Rain stopped", derived=S.LATE
    )
    assert_standing_is_the_rule(coordinator)
    counts = status_counts(coordinator, date(2029, 6, 1))
    assert counts[S.COMPLETED] == 1 and counts[S.STALLED] == 4


def test_the_standing_follows_deleted_rows(coordinator):
    kept, other = approved_plan(), approved_plan()
    pilot_status_override(
        plan=kept, actor=coordinator, status=S.AT_RISK, reason="Budget cut", derived=S.ON_TRACK
    )
    StatusOverride.objects.filter(plan=kept).delete()  # as the admin would
    assert PilotStanding.objects.get(plan=kept).override == ""
    assert_standing_is_the_rule(coordinator)
    kept.check_ins.all().delete()  # no check-ins: no pilot, no standing
    assert list(PilotStanding.objects.values_list("plan_id", flat=True)) == [other.pk]
    assert status_counts(coordinator, DAYS[0]) == Counter({S.NOT_STARTED: 1})
