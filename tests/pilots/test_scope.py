import pytest
from django.conf import settings

from ecotown.celery import app as celery_app
from pilots.selectors import pilots_for_user
from tests.factories.core import ExpertFactory, TraineeFactory
from tests.factories.pilots import approved_plan

pytestmark = pytest.mark.django_db


def test_the_pilot_lists_and_the_rules_agree_for_every_kind_of_person(coordinator):
    mine, other = approved_plan(), approved_plan()
    people = [
        coordinator,
        mine.enrolment.trainee,
        other.enrolment.trainee,
        mine.assignments.get().expert,
        ExpertFactory(),
        TraineeFactory(),
    ]
    for person in people:
        listed = set(pilots_for_user(person))
        allowed = {p for p in (mine, other) if person.has_perm("pilots.view_pilot", p)}
        assert listed == allowed, person
    assert set(pilots_for_user(mine.enrolment.trainee)) == {mine}


def test_the_reminders_run_from_the_beat_schedule():
    celery_app.loader.import_default_modules()  # what a worker does on start
    entry = settings.CELERY_BEAT_SCHEDULE["pilots-check-in-reminders"]
    assert entry["task"] in celery_app.tasks
