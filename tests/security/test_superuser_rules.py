"""The operator's superuser account works as a coordinator: it reads everything, but it does not
pass the rules that belong to one person (writing a trainee's plan, answering their offer)."""

import pytest
from django.urls import reverse

from planning_docs.models import SectionDraft
from tests.factories.core import AdminFactory
from tests.factories.planning_docs import make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory, OfferedEnrolmentFactory
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return AdminFactory()


def test_a_superuser_cannot_autosave_into_a_trainees_plan(client, superuser, trainee):
    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    client.force_login(superuser)
    url = reverse("planning_docs:section-edit", args=[plan.pk, "risks"])
    assert client.get(url).status_code == 200  # reading is a coordinator's right
    response = client.post(
        url, {"body": "Written by the operator.", "revision": 0}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    draft = SectionDraft.objects.get(plan=plan, section__key="risks")
    assert (draft.body, draft.revision) == ("", 0)
    assert not superuser.has_perm("planning_docs.change_plan", plan)
    assert not superuser.has_perm("planning_docs.submit_plan", plan)
    assert trainee.has_perm("planning_docs.change_plan", plan)


def test_a_superuser_cannot_answer_a_trainees_seat_offer(client, superuser):
    offer = OfferedEnrolmentFactory()
    client.force_login(superuser)
    page = client.get(reverse("trainees:offer", args=[offer.pk]))
    assert page.status_code == 200
    assert not page.context["may_respond"]
    response = client.post(reverse("trainees:offer", args=[offer.pk]), {"answer": "accept"})
    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.status == Enrolment.Status.OFFERED


def test_a_superuser_keeps_every_other_permission(superuser):
    assert superuser.has_perm("trainees.manage_people")
    assert superuser.has_perm("seminars.add_seminar")
    assert superuser.has_perm("auth.change_user")  # Django's own, for the admin site


def test_an_inactive_trainee_has_no_personal_permission(trainee):
    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    trainee.is_active = False
    assert not trainee.has_perm("planning_docs.change_plan", plan)
