"""The shared `nothing_changes` check fails on each kind of change it promises to catch."""

import pytest
from django.core import mail
from django.db import transaction

from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from notifications.models import Notification
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def test_a_block_that_changes_nothing_passes(trainee):
    with nothing_changes(trainee, User.objects.all(), User):
        User.objects.get(pk=trainee.pk)


def test_a_changed_field_of_a_watched_row_fails(trainee):
    refused = pytest.raises(AssertionError, match=f"User {trainee.pk} changed")
    with refused, nothing_changes(trainee):
        User.objects.filter(pk=trainee.pk).update(first_name="Changed")


def test_a_row_added_to_a_watched_queryset_fails(trainee):
    refused = pytest.raises(AssertionError, match="User rows changed")
    with refused, nothing_changes(User.objects.filter(is_active=True)):
        User.objects.create(username="newcomer")


def test_a_deleted_row_of_a_watched_model_fails(trainee):
    with pytest.raises(AssertionError, match="User table changed"), nothing_changes(User):
        trainee.delete()


@pytest.mark.parametrize(
    "side_effect",
    [
        lambda user: mail.send_mail("Subject", "Body", None, [user.email]),
        lambda user: record(user, verb=AuditEvent.Verb.INVITATION_RESENT, actor=None),
        lambda user: Notification.objects.create(recipient=user, subject="s", body="b"),
        lambda user: transaction.on_commit(lambda: None),
    ],
    ids=["mail", "audit event", "notification", "after-commit work"],
)
def test_each_side_effect_fails(trainee, side_effect):
    with pytest.raises(AssertionError), nothing_changes():
        side_effect(trainee)


def test_the_check_runs_when_the_block_raises(trainee):
    with pytest.raises(AssertionError, match="changed"), nothing_changes(trainee):
        User.objects.filter(pk=trainee.pk).update(last_name="Changed")
        raise ValueError("refused")
