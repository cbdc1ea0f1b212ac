"""Inviting co-authors: the limit of three, one-time links, resend, revoke, accept, remove."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ecotown.core import roles
from ecotown.core.models import AuditEvent, User
from notifications.models import Notification
from planning_docs.coauthors import (
    InvitationInvalid,
    coauthor_accept,
    coauthor_invitation_resend,
    coauthor_invite,
    coauthor_remove,
    coauthor_revoke,
)
from planning_docs.models import PlanCoauthor
from tests.factories.core import ExpertFactory, TraineeFactory, UserFactory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
PASSWORD = "kitakyushu-eco-2026"
LINK = re.compile(r"^http://127\.0\.0\.1:8000/plans/coauthors/accept/(\S+)/$", re.M)


def token_of(email: str) -> str:
    """The link's secret, read from the newest invitation e-mail to `email` (not yet sent)."""
    body = Notification.objects.filter(email=email).latest("pk").body
    return LINK.search(body).group(1)


def invite(plan, email="a.diallo@environnement.gouv.sn"):
    coauthor_invite(plan=plan, email=email, actor=plan.enrolment.trainee)
    return token_of(email)


def join(token, first_name="Awa"):
    return coauthor_accept(
        token=token, user=None, first_name=first_name, last_name="Diallo", password=PASSWORD
    )


def test_invite_records_an_open_invitation_and_mails_a_one_time_link(plan, on_commit, eager_tasks):
    with on_commit(execute=True):
        coauthor = coauthor_invite(
            plan=plan, email=" a.diallo@environnement.gouv.sn ", actor=plan.enrolment.trainee
        )
    assert (coauthor.email, coauthor.status, coauthor.user) == (
        "a.diallo@environnement.gouv.sn",
        PlanCoauthor.Status.INVITED,
        None,
    )
    assert coauthor.expires_at - coauthor.invited_at == timedelta(days=3)
    [message] = mail.outbox
    assert message.to == ["a.diallo@environnement.gouv.sn"]
    token = LINK.search(message.body).group(1)
    # Only the hash of the secret is kept.
    assert token not in coauthor.token_hash and len(coauthor.token_hash) == 64
    assert AuditEvent.objects.filter(verb="coauthor_invited", note=coauthor.email).count() == 1


def test_a_fourth_invitation_is_refused_with_the_reason_and_nothing_changes(plan):
    for n in range(3):
        invite(plan, f"colleague{n}@example.org")
    with nothing_changes(PlanCoauthor, User), pytest.raises(ValidationError) as refused:
        coauthor_invite(plan=plan, email="fourth@example.org", actor=plan.enrolment.trainee)
    assert refused.value.messages == [
        "A plan has at most 3 co-authors and open invitations. Revoke an invitation or remove "
        "a co-author first."
    ]


def test_a_revoked_invitation_frees_its_place(plan):
    for n in range(3):
        invite(plan, f"colleague{n}@example.org")
    coauthor_revoke(coauthor=plan.coauthors.first(), actor=plan.enrolment.trainee)
    coauthor_invite(plan=plan, email="fourth@example.org", actor=plan.enrolment.trainee)
    assert plan.coauthors.filter(status__in=PlanCoauthor.OPEN).count() == 3


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        ("SAME@example.org", "SAME@example.org is already invited or a co-author of this plan."),
        ("owner", "This is your own address: you write this plan already."),
    ],
)
def test_invitations_to_the_same_address_or_the_trainee_are_refused(plan, email, reason):
    invite(plan, "same@example.org")
    email = plan.enrolment.trainee.email.upper() if email == "owner" else email
    with nothing_changes(PlanCoauthor), pytest.raises(ValidationError) as refused:
        coauthor_invite(plan=plan, email=email, actor=plan.enrolment.trainee)
    assert refused.value.messages == [reason]


def test_accepting_makes_an_account_in_the_coauthor_group_and_the_link_dies(plan):
    token = invite(plan)
    coauthor = join(token)
    user = coauthor.user
    assert (user.email, user.get_full_name(), roles.role_of(user)) == (
        "a.diallo@environnement.gouv.sn",
        "Awa Diallo",
        roles.COAUTHOR,
    )
    assert user.check_password(PASSWORD)
    assert user.time_zone == plan.enrolment.trainee.time_zone
    coauthor.refresh_from_db()
    assert (coauthor.status, coauthor.token_hash) == (PlanCoauthor.Status.ACTIVE, "")
    assert coauthor.joined_at is not None
    owner_note = Notification.objects.get(recipient=plan.enrolment.trainee)
    assert owner_note.subject == "Awa Diallo is now a co-author of your plan"
    # The same link a second time: refused, nothing changes.
    with (
        nothing_changes(PlanCoauthor, User),
        pytest.raises(InvitationInvalid, match="used already"),
    ):
        join(token, first_name="Other")


def test_a_signed_in_person_with_the_invited_address_joins_with_their_account(plan):
    colleague = TraineeFactory(email="a.diallo@environnement.gouv.sn")
    token = invite(plan, "A.Diallo@environnement.gouv.sn")
    coauthor = coauthor_accept(token=token, user=colleague)
    assert coauthor.user == colleague
    assert User.objects.filter(email__iexact="a.diallo@environnement.gouv.sn").count() == 1
    assert roles.group_names(User.objects.get(pk=colleague.pk)) == {
        roles.TRAINEE,
        roles.COAUTHOR,
    }


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        ("other address", "This invitation was sent to a.diallo@environnement.gouv.sn"),
        ("expert", "Experts and coordinators review plans"),
    ],
)
def test_accepting_is_refused_to_another_address_or_an_expert(plan, who, reason):
    token = invite(plan)
    user = (
        UserFactory(email="someone@example.org")
        if who == "other address"
        else ExpertFactory(email="a.diallo@environnement.gouv.sn")
    )
    with nothing_changes(PlanCoauthor, User), pytest.raises(ValidationError, match=reason):
        coauthor_accept(token=token, user=user)


def test_a_new_account_for_an_address_that_has_one_is_refused(plan):
    UserFactory(email="a.diallo@environnement.gouv.sn")
    token = invite(plan)
    with (
        nothing_changes(PlanCoauthor, User),
        pytest.raises(ValidationError, match="Sign in with it, then open the link again"),
    ):
        join(token)


def test_an_expired_link_is_refused(plan):
    token = invite(plan)
    plan.coauthors.update(expires_at=timezone.now() - timedelta(seconds=1))
    with nothing_changes(PlanCoauthor, User), pytest.raises(InvitationInvalid, match="has expired"):
        join(token)


def test_a_resent_invitation_ends_the_earlier_link(plan):
    first = invite(plan)
    coauthor_invitation_resend(coauthor=plan.coauthors.get(), actor=plan.enrolment.trainee)
    second = token_of("a.diallo@environnement.gouv.sn")
    assert first != second
    with pytest.raises(InvitationInvalid, match="replaced by a newer one"):
        join(first)
    assert join(second).status == PlanCoauthor.Status.ACTIVE


def test_a_revoked_link_is_refused_and_cannot_be_revoked_twice(plan):
    token = invite(plan)
    coauthor = coauthor_revoke(coauthor=plan.coauthors.get(), actor=plan.enrolment.trainee)
    assert (coauthor.status, coauthor.token_hash) == (PlanCoauthor.Status.REMOVED, "")
    with nothing_changes(PlanCoauthor, User):
        with pytest.raises(InvitationInvalid):
            join(token)
        with pytest.raises(ValidationError, match="no longer open"):
            coauthor_revoke(coauthor=coauthor, actor=plan.enrolment.trainee)


def test_removing_a_coauthor_ends_their_access_and_role_at_once(client, plan):
    coauthor = join(invite(plan))
    client.force_login(coauthor.user)
    assert client.get(reverse("planning_docs:plan-detail", args=[plan.pk])).status_code == 200
    coauthor_remove(coauthor=coauthor, actor=plan.enrolment.trainee)
    coauthor.refresh_from_db()
    assert coauthor.status == PlanCoauthor.Status.REMOVED
    assert roles.role_of(User.objects.get(pk=coauthor.user_id)) is None
    assert client.get(reverse("planning_docs:plan-detail", args=[plan.pk])).status_code == 404
    assert Notification.objects.get(recipient=coauthor.user).verb == "coauthor_removed"


def test_only_an_active_coauthor_can_be_removed(plan):
    invite(plan)
    with (
        nothing_changes(PlanCoauthor),
        pytest.raises(ValidationError, match="is not a co-author of this plan"),
    ):
        coauthor_remove(coauthor=plan.coauthors.get(), actor=plan.enrolment.trainee)
