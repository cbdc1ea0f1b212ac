"""The status rule (pilots.status) as a table written out by hand, then on real rows."""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ecotown.core.workflow import history_of
from pilots.models import PilotStatus, StatusOverride
from pilots.selectors import pilot_for_user_or_404, pilots_for_user, state_of, status_counts
from pilots.services import pilot_status_override
from pilots.status import Facts, derive
from tests.factories.pilots import approved_plan, submitted_report
from tests.unchanged import nothing_changes

S = PilotStatus
D = Decimal
REPORTED = {"check_ins": 3, "submitted": 1, "milestones_open": True, "expected": D(25)}


@pytest.mark.parametrize(
    ("facts", "status"),
    [
        (Facts(), S.NOT_STARTED),  # not approved: no check-ins
        (Facts(check_ins=3), S.NOT_STARTED),  # approved, nothing due yet
        (Facts(check_ins=3, overdue_days=1), S.LATE),
        (Facts(check_ins=3, overdue_days=60), S.LATE),
        (Facts(check_ins=3, overdue_days=61), S.STALLED),
        (Facts(**REPORTED, progress=D(30)), S.ON_TRACK),
        (Facts(**REPORTED, progress=D("12.5")), S.ON_TRACK),  # exactly half the pace
        (Facts(**REPORTED, progress=D("12.4")), S.AT_RISK),
        (Facts(**REPORTED, progress=D(-5)), S.AT_RISK),  # moving away from the target
        (Facts(**REPORTED, progress=None), S.ON_TRACK),  # nothing measurable yet
        (Facts(**REPORTED, progress=D(90), milestone_late=True), S.LATE),
        (Facts(**REPORTED, progress=D(2), milestone_late=True), S.LATE),  # late before at risk
        (Facts(**REPORTED, progress=D(90), overdue_days=70), S.STALLED),
        (
            Facts(check_ins=3, submitted=3, final_filed=True, milestones_open=False),
            S.COMPLETED,
        ),
        (
            Facts(
                check_ins=3, submitted=2, final_filed=True, milestones_open=False, overdue_days=99
            ),
            S.COMPLETED,  # the final report closes the pilot even if one was never filed
        ),
        (
            Facts(
                check_ins=3,
                submitted=3,
                final_filed=True,
                milestones_open=True,
                progress=D(100),
                expected=D(100),
            ),
            S.ON_TRACK,  # the last report, but milestones still under way
        ),
    ],
)
def test_status_rule(facts, status):
    assert derive(facts) == status


@pytest.mark.django_db
def test_status_of_a_real_pilot_over_time(coordinator):
    plan = approved_plan()
    six = plan.check_ins.get(months=6)  # due 13 May 2027

    def status_on(day):
        return state_of(pilot_for_user_or_404(coordinator, plan.pk), day).status

    assert status_on(date(2027, 5, 13)) == S.NOT_STARTED
    assert status_on(date(2027, 5, 14)) == S.LATE
    assert status_on(date(2027, 7, 12)) == S.LATE  # 60 days past due (18 + 30 + 12)
    assert status_on(date(2027, 7, 13)) == S.STALLED
    submitted_report(six, share="0.3")
    assert status_on(date(2027, 7, 14)) == S.ON_TRACK
    assert status_on(date(2027, 11, 14)) == S.LATE  # the 12-month report is overdue


@pytest.mark.django_db
def test_a_slow_pilot_is_at_risk_and_a_late_milestone_makes_it_late(coordinator):
    slow = approved_plan()
    submitted_report(slow.check_ins.get(months=6), share="0.1")  # 10 % against 25 % expected
    late = approved_plan()
    submitted_report(late.check_ins.get(months=6), share="0.9", state="late")
    today = date(2027, 6, 1)
    assert state_of(pilot_for_user_or_404(coordinator, slow.pk), today).status == S.AT_RISK
    assert state_of(pilot_for_user_or_404(coordinator, late.pk), today).status == S.LATE


@pytest.mark.django_db
def test_a_coordinator_overrides_the_status_with_a_reason_and_hands_it_back(coordinator):
    plan = approved_plan()
    pilot_status_override(
        plan=plan, actor=coordinator, status=S.STALLED, reason="Elections", derived=S.NOT_STARTED
    )
    state = state_of(pilot_for_user_or_404(coordinator, plan.pk), date(2027, 1, 1))
    assert (state.status, state.derived, state.override.reason) == (
        S.STALLED,
        S.NOT_STARTED,
        "Elections",
    )
    event = history_of(plan).get(verb="pilot_status_overridden")
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        coordinator,
        "not_started",
        "stalled",
        "Elections",
    )
    pilot_status_override(
        plan=plan, actor=coordinator, status="", reason="New government", derived=S.NOT_STARTED
    )
    state = state_of(pilot_for_user_or_404(coordinator, plan.pk), date(2027, 1, 1))
    assert (state.status, state.override) == (S.NOT_STARTED, None)


@pytest.mark.django_db
def test_an_override_without_a_reason_is_refused_and_nothing_changes(client, coordinator):
    plan = approved_plan()
    client.force_login(coordinator)
    url = reverse("pilots:status-override", args=[plan.pk])
    with nothing_changes(StatusOverride, plan):
        response = client.post(url, {"status": "late", "reason": "  "})
    assert response.status_code == 400


@pytest.mark.django_db
def test_only_coordinators_override(client):
    plan = approved_plan()
    client.force_login(plan.assignments.get().expert)
    with nothing_changes(StatusOverride):
        response = client.post(
            reverse("pilots:status-override", args=[plan.pk]), {"status": "late", "reason": "x"}
        )
    assert response.status_code == 403


@pytest.mark.django_db
def test_the_dashboards_counts_agree_with_each_pilots_state_in_one_query(
    coordinator, django_assert_num_queries
):
    slow, late, overridden, _nothing_due_yet = (approved_plan() for _ in range(4))
    submitted_report(slow.check_ins.get(months=6), share="0.1")
    submitted_report(late.check_ins.get(months=6), share="0.9", state="late")
    pilot_status_override(
        plan=overridden, actor=coordinator, status=S.STALLED, reason="Floods", derived=S.LATE
    )
    today = date(2027, 5, 13)  # the last day before the first check-in is due
    expected = Counter(state_of(p, today).status for p in pilots_for_user(coordinator))
    assert expected == {S.AT_RISK: 1, S.LATE: 1, S.STALLED: 1, S.NOT_STARTED: 1}
    with django_assert_num_queries(1):
        assert status_counts(coordinator, today) == expected
