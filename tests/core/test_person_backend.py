"""The signed-in person is read with their roles in one query (ecotown.core.backends), and the
sessions signed in before the change stay signed in (migration core 0011)."""

from importlib import import_module

import pytest
from django.apps import apps as installed_apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.urls import reverse

from ecotown.core import roles
from ecotown.core.backends import PATH, PersonBackend, person_with_roles
from ecotown.core.models import User

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
rename_backend = import_module(
    "ecotown.core.migrations.0011_sessions_signed_in_by_person_backend"
).rename_backend


def test_the_person_comes_with_their_roles_in_one_query(expert, django_assert_num_queries):
    expert.groups.add(Group.objects.get(name=roles.COAUTHOR))
    with django_assert_num_queries(1):
        person = person_with_roles(str(expert.pk))  # as the session keeps it
        assert roles.group_names(person) == {roles.EXPERT, roles.COAUTHOR}
        assert roles.role_of(person) == roles.EXPERT
    stored = User.objects.get(pk=expert.pk)
    fields = [f.attname for f in User._meta.concrete_fields]
    assert [getattr(person, f) for f in fields] == [getattr(stored, f) for f in fields]
    assert not hasattr(person, "role_group")


def test_a_person_without_a_group_and_strangers(no_role_user):
    person = person_with_roles(no_role_user.pk)
    assert person == no_role_user and roles.group_names(person) == frozenset()
    assert person_with_roles(no_role_user.pk + 1000) is None
    assert person_with_roles("not-a-number") is None


def test_a_deactivated_person_is_signed_out_on_their_next_page(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("core:dashboard")).status_code == 200
    User.objects.filter(pk=trainee.pk).update(is_active=False)
    assert PersonBackend().get_user(trainee.pk) is None
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_signing_in_records_the_person_backend(client, trainee):
    trainee.set_password("a long enough password 17")
    trainee.save()
    response = client.post(
        reverse("login"), {"username": trainee.username, "password": "a long enough password 17"}
    )
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == PATH


def _session_signed_in_by(backend: str, user: User) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return str(store.session_key)


def test_sessions_signed_in_before_the_change_stay_signed_in(client, trainee, expert):
    before = _session_signed_in_by(MODEL_BACKEND, trainee)
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    # ModelBackend is no longer listed: Django would sign this person out...
    assert client.get(reverse("core:dashboard")).status_code == 302
    other = _session_signed_in_by(PATH, expert)
    # ... so the migration names the new backend in every live session that named the old.
    assert rename_backend(installed_apps, MODEL_BACKEND, PATH) == 1
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    page = client.get(reverse("core:dashboard"))
    assert page.status_code == 200 and page.context["user"] == trainee
    client.cookies[settings.SESSION_COOKIE_NAME] = other
    assert client.get(reverse("core:dashboard")).context["user"] == expert
    # And back, if the migration is reversed: both sessions now name the new backend.
    assert rename_backend(installed_apps, PATH, MODEL_BACKEND) == 2


def test_what_the_apps_show_of_the_person_comes_in_the_same_query(
    trainee, django_assert_num_queries
):
    from seminars.models import TimePreference
    from seminars.zones import shows_home_time

    TimePreference.objects.create(user=trainee, show_home_time=True)
    with django_assert_num_queries(1):
        person = person_with_roles(trainee.pk)
        assert shows_home_time(person) is True
    TimePreference.objects.filter(user=trainee).update(show_home_time=False)
    assert shows_home_time(person_with_roles(trainee.pk)) is False
    assert shows_home_time(User.objects.get(pk=trainee.pk)) is False  # read another way
