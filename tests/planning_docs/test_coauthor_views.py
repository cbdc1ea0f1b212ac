"""The co-authors page and the invitation link, through the browser's requests."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecotown.core import roles
from ecotown.core.models import User
from notifications.models import Notification
from planning_docs.coauthors import coauthor_invite, coauthor_revoke
from planning_docs.models import PlanCoauthor
from tests.factories.core import TraineeFactory
from tests.factories.planning_docs import add_coauthor
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
ACCOUNT = {
    "first_name": "Awa",
    "last_name": "Diallo",
    "password1": "kitakyushu-eco-2026",
    "password2": "kitakyushu-eco-2026",
}


def list_url(plan):
    return reverse("planning_docs:coauthor-list", args=[plan.pk])


def link_for(email: str) -> str:
    body = Notification.objects.filter(email=email).latest("pk").body
    return re.search(r"^http://127\.0\.0\.1:8000(/plans/coauthors/accept/\S+/)$", body, re.M)[1]


def test_the_trainee_invites_a_colleague_from_the_plan(client, plan, trainee):
    client.force_login(trainee)
    response = client.post(list_url(plan), {"email": "a.diallo@example.org"}, follow=True)
    assert "An invitation was sent to a.diallo@example.org." in response.content.decode()
    assert plan.coauthors.get().status == PlanCoauthor.Status.INVITED
    page = client.get(reverse("planning_docs:plan-detail", args=[plan.pk])).content.decode()
    assert list_url(plan) in page


def test_a_fourth_invitation_is_refused_on_the_page_with_the_reason(client, plan, trainee):
    for n in range(3):
        coauthor_invite(plan=plan, email=f"c{n}@example.org", actor=trainee)
    client.force_login(trainee)
    with nothing_changes(PlanCoauthor):
        response = client.post(list_url(plan), {"email": "fourth@example.org"})
    assert response.status_code == 400
    assert "A plan has at most 3 co-authors and open invitations." in response.content.decode()


def test_a_new_colleague_makes_an_account_joins_and_is_signed_in(client, plan, trainee):
    coauthor_invite(plan=plan, email="a.diallo@example.org", actor=trainee)
    link = link_for("a.diallo@example.org")
    form = client.get(link)
    assert form.status_code == 200
    assert "Make your account" in form.content.decode()
    response = client.post(link, ACCOUNT)
    assert response.status_code == 302
    assert response["Location"] == reverse("planning_docs:plan-detail", args=[plan.pk])
    user = User.objects.get(email="a.diallo@example.org")
    assert roles.role_of(user) == roles.COAUTHOR
    assert client.get(response["Location"]).context["user"] == user
    # Used once: the same link now answers with the reason.
    client.logout()
    again = client.get(link)
    assert again.status_code == 404
    assert "used already" in again.content.decode()


def test_a_weak_password_is_refused_on_the_form_and_the_link_still_works(client, plan, trainee):
    coauthor_invite(plan=plan, email="a.diallo@example.org", actor=trainee)
    link = link_for("a.diallo@example.org")
    weak = {**ACCOUNT, "password1": "12345678", "password2": "12345678"}
    with nothing_changes(PlanCoauthor, User):
        response = client.post(link, weak)
    assert response.status_code == 400
    assert "This password is too common." in response.content.decode()
    assert client.post(link, ACCOUNT).status_code == 302


def test_a_signed_in_colleague_joins_with_one_button(client, plan, trainee):
    colleague = TraineeFactory(email="a.diallo@example.org")
    coauthor_invite(plan=plan, email="a.diallo@example.org", actor=trainee)
    link = link_for("a.diallo@example.org")
    client.force_login(colleague)
    assert "Join the plan" in client.get(link).content.decode()
    assert client.post(link).status_code == 302
    assert plan.coauthors.get().user == colleague


def test_someone_signed_in_with_another_address_is_refused_with_the_reason(client, plan, trainee):
    coauthor_invite(plan=plan, email="a.diallo@example.org", actor=trainee)
    link = link_for("a.diallo@example.org")
    client.force_login(TraineeFactory())
    with nothing_changes(PlanCoauthor):
        response = client.post(link)
    assert response.status_code == 403
    assert "This invitation was sent to a.diallo@example.org" in response.content.decode()


@pytest.mark.parametrize("how", ["expired", "revoked"])
def test_an_expired_or_revoked_link_answers_with_the_reason(client, plan, trainee, how):
    coauthor = coauthor_invite(plan=plan, email="a.diallo@example.org", actor=trainee)
    link = link_for("a.diallo@example.org")
    if how == "expired":
        plan.coauthors.update(expires_at=timezone.now() - timedelta(minutes=1))
    else:
        coauthor_revoke(coauthor=coauthor, actor=trainee)
    with nothing_changes(PlanCoauthor, User):
        response = client.post(link, ACCOUNT)
    assert response.status_code == 404
    reason = "has expired" if how == "expired" else "revoked"
    assert reason in response.content.decode()


def test_the_trainee_takes_a_coauthor_off_the_plan(client, plan, trainee):
    colleague = add_coauthor(plan)
    row = plan.coauthors.get()
    client.force_login(trainee)
    url = reverse("planning_docs:coauthor-remove", args=[plan.pk, row.pk])
    response = client.post(url, follow=True)
    assert f"{colleague.email} no longer writes this plan." in response.content.decode()
    row.refresh_from_db()
    assert row.status == PlanCoauthor.Status.REMOVED


def test_the_coauthors_page_queries_do_not_grow_with_the_rows(client, plan, trainee):
    client.force_login(trainee)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(list_url(plan)).status_code == 200
        return len(captured)

    add_coauthor(plan)
    one = queries()
    add_coauthor(plan)
    coauthor_invite(plan=plan, email="invited@example.org", actor=trainee)
    assert queries() == one
