"""Who sees and who changes a seminar: for every role, on every page."""

import pytest
import rules
from django.urls import reverse

from ecotown.core import roles
from seminars.models import Seminar, Session
from seminars.selectors import seminars_for_user
from tests.factories.core import ExpertFactory, TraineeFactory
from tests.factories.seminars import SeminarFactory, SessionFactory
from tests.factories.trainees import AcceptedEnrolmentFactory, EnrolmentFactory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db

# (person, what GET on the timetable page gives, what a coordinator-only page gives)
WHO = [
    ("coordinator", 200, 200),
    ("admin_user", 200, 200),
    ("speaker", 200, 403),
    ("reviewer", 200, 403),
    ("enrolled_trainee", 200, 403),
    ("expert", 404, 404),  # an expert with nothing in this seminar
    ("trainee", 404, 404),  # a trainee of another seminar, or none
    ("no_role_user", 404, 404),
]


def seminar_pages(seminar, session):
    return {
        "detail": reverse("seminars:seminar-detail", args=[seminar.pk]),
        "calendar": reverse("seminars:seminar-calendar", args=[seminar.pk]),
    }, {
        "edit": reverse("seminars:seminar-edit", args=[seminar.pk]),
        "copy": reverse("seminars:seminar-copy", args=[seminar.pk]),
        "session-add": reverse("seminars:session-add", args=[seminar.pk]),
        "session-edit": reverse("seminars:session-edit", args=[seminar.pk, session.pk]),
        "session-remove": reverse("seminars:session-remove", args=[seminar.pk, session.pk]),
    }


@pytest.mark.parametrize(("who", "viewing", "changing"), WHO)
def test_each_role_sees_and_changes_what_it_may(client, request, seminar, who, viewing, changing):
    session = SessionFactory(seminar=seminar)
    user = request.getfixturevalue(who)
    client.force_login(user)
    view_pages, change_pages = seminar_pages(seminar, session)
    for name, url in view_pages.items():
        assert client.get(url).status_code == viewing, name
    for name, url in change_pages.items():
        assert client.get(url).status_code == changing, name
    if changing == 200:
        assert client.post(change_pages["session-remove"]).status_code == 302
        assert not seminar.sessions.filter(pk=session.pk).exists()
        return
    # A refused POST changes nothing.
    with nothing_changes(Seminar, Session):
        assert client.post(change_pages["session-remove"]).status_code == changing
        renamed = {"title": "Renamed", "start_date": "2026-11-02", "end_date": "2026-11-13"}
        assert client.post(change_pages["edit"], renamed).status_code == changing
        assert client.post(change_pages["copy"], {"year": 2030}).status_code == changing


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 200),
        ("speaker", 403),
        ("enrolled_trainee", 403),
        ("no_role_user", 403),
    ],
)
def test_only_coordinators_create_seminars(client, request, seminar, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("seminars:seminar-create")).status_code == status
    data = {
        "title": "Sneaky",
        "start_date": "2027-11-01",
        "end_date": "2027-11-12",
        "venue_city": "Kitakyushu",
        "venue_country": "JP",
        "time_zone": "Asia/Tokyo",
        "capacity": 12,
    }
    if status == 200:
        assert client.post(reverse("seminars:seminar-create"), data).status_code == 302
        assert Seminar.objects.filter(title="Sneaky").exists()
        return
    with nothing_changes(Seminar):
        assert client.post(reverse("seminars:seminar-create"), data).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, seminar):
    for url in (reverse("seminars:seminar-list"), reverse("seminars:seminar-detail", args=[1])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_list_shows_each_person_only_their_seminars(
    client, seminar, speaker, reviewer, enrolled_trainee, coordinator
):
    other = SeminarFactory(title="Another year")
    expected = {
        coordinator: {seminar.title, other.title},
        speaker: {seminar.title},
        reviewer: {seminar.title},
        enrolled_trainee: {seminar.title},
        TraineeFactory(): set(),
        ExpertFactory(): set(),
    }
    for user, titles in expected.items():
        client.force_login(user)
        listed = {s.title for s in client.get(reverse("seminars:seminar-list")).context["seminars"]}
        assert listed == titles, user


def test_a_nominated_trainee_sees_the_seminar_they_are_nominated_for(client, seminar):
    trainee = EnrolmentFactory(seminar=seminar).trainee
    client.force_login(trainee)
    assert client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).status_code == 200


def test_selector_and_predicate_agree_for_everyone(
    seminar,
    speaker,
    reviewer,
    enrolled_trainee,
    coordinator,
    admin_user,
    expert,
    trainee,
    no_role_user,
):
    other = SeminarFactory()
    AcceptedEnrolmentFactory(seminar=other, trainee=trainee)
    # Someone in both groups works as an expert: the list and the page must still agree.
    both = ExpertFactory()
    both.groups.add(*TraineeFactory().groups.all())
    AcceptedEnrolmentFactory(seminar=other, trainee=both)
    assert roles.role_of(both) == roles.EXPERT
    people = [
        speaker,
        reviewer,
        enrolled_trainee,
        coordinator,
        admin_user,
        expert,
        trainee,
        no_role_user,
        both,
    ]
    for user in people:
        listed = set(seminars_for_user(user))
        for candidate in (seminar, other):
            allowed = rules.has_perm("seminars.view_seminar", user, candidate)
            assert allowed == (candidate in listed), (user, candidate)
