"""Ids of other people's objects sent in POST bodies and query strings are refused and change
nothing (the URL-level guards are in the permission matrix)."""

import pytest
from django.urls import reverse

from planning_docs.models import PlanAssignment
from reviews.models import Comment, Review
from reviews.services import comment_create, comment_release
from seminars.models import Seminar, Session
from tests.factories.core import TraineeFactory
from tests.factories.planning_docs import PlanVersionFactory, submitted_version
from tests.factories.seminars import SeminarFactory

pytestmark = pytest.mark.django_db


def test_a_decision_naming_another_plans_version_number_changes_nothing(client, expert):
    mine = submitted_version(lead=expert)
    theirs = submitted_version()
    PlanVersionFactory(plan=theirs.plan, number=7)
    client.force_login(expert)
    response = client.post(
        reverse("reviews:decide", args=[mine.plan.pk]),
        {"decision": "approved", "version": 7, "summary": "ok"},
    )
    assert response.status_code == 409
    assert not Review.objects.exists()
    mine.plan.refresh_from_db()
    theirs.plan.refresh_from_db()
    assert (mine.plan.status, theirs.plan.status) == ("submitted", "submitted")


def test_a_trainee_cannot_reply_into_another_plans_thread(client, expert):
    other = submitted_version(lead=expert)
    thread = comment_release(
        comment=comment_create(plan=other.plan, author=expert, section_key="risks", body="Q"),
        actor=expert,
    )
    intruder = submitted_version().plan.enrolment.trainee
    client.force_login(intruder)
    response = client.post(reverse("reviews:comment-reply", args=[thread.pk]), {"body": "hi"})
    assert response.status_code == 404
    assert Comment.objects.count() == 1


def test_a_comment_on_a_section_key_of_no_such_section_is_refused(client, expert):
    version = submitted_version(lead=expert)
    client.force_login(expert)
    client.post(
        reverse("reviews:comment-create", args=[version.plan.pk]),
        {"section_key": "not-a-section", "body": "x"},
    )
    assert not Comment.objects.exists()


def test_assigning_a_trainee_as_lead_expert_is_refused(client, coordinator):
    version = submitted_version()
    lead_before = list(version.plan.assignments.values_list("expert_id", "role"))
    client.force_login(coordinator)
    response = client.post(
        reverse("planning_docs:plan-assign", args=[version.plan.pk]), {"lead": TraineeFactory().pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["lead"]
    assert (
        list(PlanAssignment.objects.filter(plan=version.plan).values_list("expert_id", "role"))
        == lead_before
    )


def test_a_trainee_cannot_be_booked_as_a_speaker(client, coordinator):
    seminar = SeminarFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("seminars:session-add", args=[seminar.pk]),
        {
            "title": "Talk",
            "track": "policy",
            "starts_at": "2026-11-02T09:00",
            "ends_at": "2026-11-02T10:00",
            "speakers": [TraineeFactory().pk],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["speakers"]
    assert not Session.objects.exists()


def test_nominating_into_a_closed_seminar_is_refused(client, coordinator):
    trainee = TraineeFactory()
    closed = SeminarFactory(status=Seminar.Status.CLOSED)
    client.force_login(coordinator)
    client.post(reverse("trainees:nominate", args=[trainee.pk]), {"seminar": closed.pk})
    assert not trainee.enrolments.exists()


def test_another_trainees_plan_in_a_query_string_is_404(client):
    mine, theirs = submitted_version(), submitted_version()
    client.force_login(mine.plan.enrolment.trainee)
    url = reverse("planning_docs:version-diff", args=[theirs.plan.pk]) + "?from=1&to=1"
    assert client.get(url).status_code == 404
