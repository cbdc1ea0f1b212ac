import io

import pytest
from django.core.management import call_command

from planning_docs.models import Plan
from reviews.models import Comment
from reviews.turnaround import turnaround

pytestmark = pytest.mark.django_db


def test_demo_has_comments_in_every_state_and_an_overdue_submission_first(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    states = set(Comment.objects.filter(parent=None).values_list("status", "visibility"))
    assert {status for status, _ in states} == {"open", "addressed", "accepted", "reopened"}
    assert {visibility for _, visibility in states} == {"internal", "released"}
    ranked = turnaround(Plan.objects.all())
    first = ranked.waits[0]
    assert (first.trainee.username, first.overdue) == ("trainee08", True)
    assert ranked.overdue == 1
