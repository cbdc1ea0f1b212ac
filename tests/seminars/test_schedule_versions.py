"""Published timetable versions: numbered, each with what changed since the one before, announced
to the seminar's participants."""

import zoneinfo
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecotown.core.models import OutboxTask
from ecotown.core.workflow import history_of
from notifications.models import Notification
from seminars import schedule_services, services
from seminars.models import ScheduleVersion, Session, Track
from seminars.schedule_diff import changes_between, describe
from tests.factories.core import ExpertFactory
from tests.factories.seminars import SessionFactory, place_named
from tests.factories.trainees import AcceptedEnrolmentFactory, EnrolmentFactory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=TOKYO)


def row(title, start, end, place="Room 31", speakers=(), pk=1):
    return {
        "id": pk,
        "title": title,
        "track": "legal",
        "starts_at": start.isoformat(),
        "ends_at": end.isoformat(),
        "place": place,
        "speakers": sorted(speakers),
    }


def test_changes_between_two_snapshots_written_out_by_hand():
    old = {
        "a": row("Opening", at(2, 9), at(2, 10), pk=1),
        "b": row("EPR laws", at(2, 10), at(2, 11), speakers=["Kenji Tanaka"], pk=2),
        "c": row("Gone", at(3, 9), at(3, 10), pk=3),
    }
    new = {
        "a": row("Opening", at(2, 9, 30), at(2, 10, 30), place="Room 32", pk=1),
        "b": row("EPR laws", at(2, 10), at(2, 11), speakers=["Yuko Nakamura"], pk=2),
        "d": row("Clinic", at(4, 13), at(4, 15), place="Room 32", pk=4),
    }
    kinds = [(c["kind"], c["uid"]) for c in changes_between(old, new)]
    assert kinds == [
        ("moved", "a"),
        ("place", "a"),
        ("speakers", "b"),
        ("added", "d"),
        ("removed", "c"),
    ]
    lines = [describe(c, TOKYO) for c in changes_between(old, new)]
    assert lines == [
        "“Opening” moved from Mon 2 Nov 09:00 to Mon 2 Nov 09:30–10:30",
        "“Opening” now at Room 32 (was Room 31)",
        "“EPR laws”: speakers now Yuko Nakamura (were Kenji Tanaka)",
        "“Clinic” added: Wed 4 Nov 13:00, Room 32",
        "“Gone” removed (was Tue 3 Nov 09:00)",
    ]


def test_unchanged_snapshots_have_no_changes():
    same = {"a": row("Opening", at(2, 9), at(2, 10))}
    assert changes_between(same, dict(same)) == []


@pytest.fixture
def timetable(seminar):
    expert = ExpertFactory(first_name="Kenji", last_name="Tanaka", email="kenji@example.org")
    opening = SessionFactory(
        seminar=seminar,
        title="Opening",
        place="Room 31",
        speakers=[expert],
        starts_at=at(2, 9, 30),
        ends_at=at(2, 10, 30),
    )
    clinic = SessionFactory(
        seminar=seminar,
        title="Plan clinic",
        track=Track.PLAN_CLINIC,
        place="Room 32",
        starts_at=at(2, 13),
        ends_at=at(2, 14),
    )
    return opening, clinic, expert


def test_first_publication_is_version_1_with_every_session_added(seminar, coordinator, timetable):
    version = schedule_services.schedule_publish(seminar=seminar, actor=coordinator)
    assert (version.number, version.published_by) == (1, coordinator)
    assert [(c["kind"], c["title"]) for c in version.changes] == [
        ("added", "Opening"),
        ("added", "Plan clinic"),
    ]
    assert history_of(seminar).first().verb == "schedule_published"


def test_second_publication_lists_what_changed_since_the_first(seminar, coordinator, timetable):
    opening, clinic, _ = timetable
    schedule_services.schedule_publish(seminar=seminar, actor=coordinator)
    schedule_services.session_move(
        session=clinic,
        actor=coordinator,
        starts_at=at(2, 15),
        ends_at=at(2, 16),
        place=place_named("Room 31"),
    )
    services.session_delete(session=opening, actor=coordinator)
    version = schedule_services.schedule_publish(seminar=seminar, actor=coordinator)
    assert version.number == 2
    assert [(c["kind"], c["title"]) for c in version.changes] == [
        ("moved", "Plan clinic"),
        ("place", "Plan clinic"),
        ("removed", "Opening"),
    ]


def test_publishing_with_nothing_changed_is_refused_and_nothing_is_made(
    seminar, coordinator, timetable
):
    schedule_services.schedule_publish(seminar=seminar, actor=coordinator)
    with (
        nothing_changes(ScheduleVersion, Notification, Session),
        pytest.raises(ValidationError) as refused,
    ):
        schedule_services.schedule_publish(seminar=seminar, actor=coordinator)
    assert refused.value.messages == ["Nothing changed since version 1."]


def test_publishing_tells_accepted_trainees_and_speakers_in_portal_and_by_mail(
    seminar, coordinator, timetable, django_capture_on_commit_callbacks
):
    _, _, expert = timetable
    accepted = AcceptedEnrolmentFactory(seminar=seminar, trainee__email="amina@example.org")
    EnrolmentFactory(seminar=seminar)  # only nominated: not told
    with django_capture_on_commit_callbacks(execute=False):
        schedule_services.schedule_publish(seminar=seminar, actor=coordinator, comment="Week 1")
    told = Notification.objects.filter(verb="schedule_published")
    assert {n.recipient for n in told} == {accepted.trainee, expert}
    notification = told.get(recipient=accepted.trainee)
    assert notification.subject == f"{seminar.title}: timetable version 1"
    assert "Week 1" in notification.body
    assert "- “Opening” added: Mon 2 Nov 09:30, Room 31" in notification.body
    assert notification.url == reverse("seminars:schedule-versions", args=[seminar.pk])
    queued = OutboxTask.objects.filter(task="notifications.send_email")
    assert sorted(queued.values_list("args", flat=True)) == sorted([[n.pk] for n in told])


def test_versions_page_lists_each_version_with_its_changes(
    client, enrolled_trainee, coordinator, seminar, timetable
):
    _, clinic, _ = timetable
    schedule_services.schedule_publish(seminar=seminar, actor=coordinator)
    schedule_services.session_move(
        session=clinic, actor=coordinator, starts_at=at(2, 15), ends_at=at(2, 16), place=None
    )
    schedule_services.schedule_publish(seminar=seminar, actor=coordinator, comment="Clinic later")
    client.force_login(enrolled_trainee)
    html = client.get(reverse("seminars:schedule-versions", args=[seminar.pk])).content.decode()
    assert html.index("Version 2") < html.index("Version 1")
    assert "Clinic later" in html
    assert "“Plan clinic” moved from Mon 2 Nov 13:00 to Mon 2 Nov 15:00–16:00" in html
    assert "“Plan clinic” now at — (was Room 32)" in html
    assert "Publish the timetable" not in html  # trainees read, coordinators publish


def test_coordinator_publishes_from_the_page(client, coordinator, seminar, timetable):
    client.force_login(coordinator)
    response = client.post(
        reverse("seminars:schedule-publish", args=[seminar.pk]), {"comment": "First"}
    )
    assert response.status_code == 302
    assert seminar.schedule_versions.get().comment == "First"
    again = client.post(reverse("seminars:schedule-publish", args=[seminar.pk]), {"comment": ""})
    assert again.status_code == 409
    assert "Nothing changed since version 1." in again.content.decode()
    assert seminar.schedule_versions.count() == 1
