import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from ecotown.core.models import User
from pilots.models import ProgressReport
from pilots.selectors import next_check_in, pilot_for_user_or_404, state_of

pytestmark = pytest.mark.django_db


def test_demo_trainee04_has_a_6_month_report_on_track_and_the_12_month_one_next(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent: still one report
    coordinator = User.objects.get(username="unido")
    trainee = User.objects.get(username="trainee04")
    [report] = ProgressReport.objects.all()
    assert (report.status, report.check_in.months, report.submitted_by) == (
        "submitted",
        6,
        trainee,
    )
    pilot = pilot_for_user_or_404(coordinator, report.check_in.plan_id)
    assert state_of(pilot, timezone.now().date()).status == "on_track"
    assert next_check_in(pilot).months == 12
