import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from ecotown.core import world
from ecotown.core.models import User
from pilots.models import ProgressReport
from pilots.portfolio import portfolio_rows
from pilots.selectors import next_check_in, pilot_for_user_or_404, state_of

pytestmark = pytest.mark.django_db


def test_demo_trainee04_has_a_6_month_report_on_track_and_the_12_month_one_next(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent: still one report
    coordinator = User.objects.get(username="unido")
    trainee = User.objects.get(username="trainee04")
    [report] = ProgressReport.objects.filter(check_in__plan__enrolment__trainee=trainee)
    assert (report.status, report.check_in.months, report.submitted_by) == (
        "submitted",
        6,
        trainee,
    )
    pilot = pilot_for_user_or_404(coordinator, report.check_in.plan_id)
    assert state_of(pilot, timezone.now().date()).status == "on_track"
    assert next_check_in(pilot).months == 12


def test_demo_pilots_of_earlier_years_span_the_states_and_the_map(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    coordinator = User.objects.get(username="unido")
    rows = portfolio_rows(coordinator, {}, timezone.now().date())
    earlier = [r for r in rows if r.year < timezone.now().year]
    assert len(earlier) == 10
    assert {r.year for r in earlier} == {timezone.now().year - 1, timezone.now().year - 2}
    statuses = {r.state.status for r in earlier}
    assert {"completed", "on_track", "at_risk", "late", "stalled"} <= statuses
    assert {r.region for r in earlier} == {"africa", "asia"}
    for row in rows:
        plan = row.plan
        assert plan.has_pilot_point, plan.title
        assert world.lies_in(row.country, float(plan.pilot_latitude), float(plan.pilot_longitude))
    # An overdue check-in without its report: a pilot of each earlier year is behind.
    today = timezone.now().date()
    overdue = [
        r
        for r in earlier
        if any(not hasattr(c, "report") and c.due_on < today for c in r.plan.follow_up)
    ]
    assert overdue
