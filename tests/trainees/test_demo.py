import pytest
from django.core.management import call_command

from ecotown.core.models import AuditEvent
from planning_docs.models import Plan, PlanAssignment
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_fills_the_twelve_seats_from_twelve_countries_and_waitlists_two(settings):
    settings.DEBUG = True
    seed()
    accepted = Enrolment.objects.filter(status=Enrolment.Status.ACCEPTED)
    assert sorted(accepted.values_list("trainee__username", flat=True)) == [
        f"trainee{n:02d}" for n in range(1, 13)
    ]
    assert accepted.values("trainee__trainee_profile__country").distinct().count() == 12
    waitlisted = Enrolment.objects.filter(status=Enrolment.Status.WAITLISTED)
    queue = waitlisted.order_by("waitlisted_at").values_list("trainee__username", flat=True)
    assert list(queue) == ["trainee13", "trainee14"]
    assert not Plan.objects.filter(enrolment__in=waitlisted).exists()
    leads = dict(
        # This year's plans: the earlier years' alumni (pilots/demo_past.py) had their own.
        PlanAssignment.objects.filter(role="lead", plan__enrolment__in=accepted).values_list(
            "plan__enrolment__trainee__username", "expert__username"
        )
    )
    assert leads == {f"trainee{n:02d}": "expert" if n <= 6 else "expert2" for n in range(1, 13)}
    assert AuditEvent.objects.filter(verb="accept", actor__username="unido").count() == 12


def test_demo_enrolments_are_idempotent(settings):
    settings.DEBUG = True
    seed()
    counts = (Enrolment.objects.count(), PlanAssignment.objects.count(), AuditEvent.objects.count())
    seed()
    assert (
        Enrolment.objects.count(),
        PlanAssignment.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
