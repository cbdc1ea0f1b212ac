import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from ecotown.core import roles
from ecotown.core.models import User
from notifications.models import Notification
from notifications.selectors import unread_count_for_user

pytestmark = pytest.mark.django_db


def test_a_person_in_two_groups_works_in_the_stronger_role_read_once(
    expert, django_assert_num_queries
):
    expert.groups.add(Group.objects.get(name=roles.COAUTHOR))
    fresh = User.objects.get(pk=expert.pk)
    with django_assert_num_queries(1):
        assert roles.group_names(fresh) == {roles.EXPERT, roles.COAUTHOR}
        assert roles.role_of(fresh) == roles.EXPERT


def test_other_peoples_groups_do_not_count(no_role_user, coordinator):
    fresh = User.objects.get(pk=no_role_user.pk)
    assert roles.group_names(fresh) == frozenset()
    assert roles.role_of(fresh) is None


def test_the_unread_count_is_the_persons_own_unread_notifications(trainee, expert):
    now = timezone.now()
    for recipient, read_at in ((trainee, None), (trainee, now), (expert, None)):
        Notification.objects.create(
            recipient=recipient, verb="test", subject="s", body="b", read_at=read_at
        )
    assert unread_count_for_user(trainee) == 1
    assert unread_count_for_user(expert) == 1


def test_the_unread_count_comes_with_the_signed_in_person(
    client, trainee, django_assert_num_queries
):
    from ecotown.core.backends import person_with_roles

    for read_at in (None, None, timezone.now()):
        Notification.objects.create(
            recipient=trainee, verb="test", subject="s", body="b", read_at=read_at
        )
    person = person_with_roles(trainee.pk)
    with django_assert_num_queries(0):
        assert unread_count_for_user(person) == 2
    assert unread_count_for_user(User.objects.get(pk=trainee.pk)) == 2  # read another way
    client.force_login(trainee)
    page = client.get("/").content.decode()
    assert '<span class="badge text-bg-warning">2<span class="visually-hidden"> unread' in page
