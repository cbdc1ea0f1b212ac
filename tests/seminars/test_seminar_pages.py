"""Creating, editing and copying seminars, and adding, editing and removing sessions."""

import zoneinfo
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from ecotown.core.workflow import history_of
from seminars import services
from seminars.models import Seminar, Session, Track
from tests.factories.core import ExpertFactory
from tests.factories.seminars import SeminarFactory, SessionFactory, place_named
from tests.factories.trainees import AcceptedEnrolmentFactory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")

SEMINAR_DATA = {
    "title": "Eco-Town Seminar 2027",
    "start_date": "2027-11-01",
    "end_date": "2027-11-12",
    "venue_city": "Kitakyushu",
    "venue_country": "JP",
    "time_zone": "Asia/Tokyo",
    "capacity": 12,
    "plan_deadline": "2027-12-20T17:00",
    "description": "The **tenth** year.",
}


def test_coordinator_creates_a_seminar_with_deadline_in_its_zone(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("seminars:seminar-create"), SEMINAR_DATA)
    seminar = Seminar.objects.get(title="Eco-Town Seminar 2027")
    assert response.status_code == 302
    assert response["Location"] == reverse("seminars:seminar-detail", args=[seminar.pk])
    assert (seminar.year, seminar.status, seminar.capacity) == (2027, "planned", 12)
    assert seminar.plan_deadline == datetime(2027, 12, 20, 8, 0, tzinfo=UTC)


def test_new_seminar_defaults_to_tokyo_and_twelve_seats(client, coordinator):
    client.force_login(coordinator)
    form = client.get(reverse("seminars:seminar-create")).context["form"]
    assert form["time_zone"].value() == "Asia/Tokyo"
    assert form["capacity"].value() == 12


def test_last_day_before_first_day_is_refused(client, coordinator):
    client.force_login(coordinator)
    with nothing_changes(Seminar):
        response = client.post(
            reverse("seminars:seminar-create"), {**SEMINAR_DATA, "end_date": "2027-10-30"}
        )
    assert response.context["form"].errors["end_date"] == [
        "The last day cannot come before the first day."
    ]
    assert not Seminar.objects.exists()


def test_edit_form_shows_the_deadline_on_the_seminars_clock(client, coordinator):
    seminar = SeminarFactory(plan_deadline=datetime(2026, 12, 20, 8, 0, tzinfo=UTC))
    client.force_login(coordinator)
    html = client.get(reverse("seminars:seminar-edit", args=[seminar.pk])).content.decode()
    assert 'value="2026-12-20T17:00"' in html


def test_shortening_a_seminar_past_its_sessions_is_refused(client, coordinator, seminar):
    SessionFactory(
        seminar=seminar,
        title="Closing",
        starts_at=datetime(2026, 11, 13, 9, tzinfo=TOKYO),
        ends_at=datetime(2026, 11, 13, 10, tzinfo=TOKYO),
    )
    client.force_login(coordinator)
    with nothing_changes(seminar, Session):
        response = client.post(
            reverse("seminars:seminar-edit", args=[seminar.pk]),
            {
                **SEMINAR_DATA,
                "title": seminar.title,
                "start_date": "2026-11-02",
                "end_date": "2026-11-12",
            },
        )
    assert response.status_code == 200
    assert "These sessions would fall outside the new dates; move them first: Closing (13 Nov)" in (
        response.content.decode()
    )
    seminar.refresh_from_db()
    assert seminar.end_date == date(2026, 11, 13)


def test_capacity_below_the_seats_already_taken_is_refused(client, coordinator, seminar):
    AcceptedEnrolmentFactory.create_batch(3, seminar=seminar)
    client.force_login(coordinator)
    with nothing_changes(seminar):
        response = client.post(
            reverse("seminars:seminar-edit", args=[seminar.pk]),
            {
                **SEMINAR_DATA,
                "title": seminar.title,
                "start_date": "2026-11-02",
                "end_date": "2026-11-13",
                "capacity": 2,
            },
        )
    assert response.context["form"].errors["capacity"] == [
        "3 seats are already taken; the seminar needs at least that many."
    ]
    seminar.refresh_from_db()
    assert seminar.capacity == 12


def test_coordinator_edits_a_seminar(client, coordinator, seminar):
    client.force_login(coordinator)
    response = client.post(
        reverse("seminars:seminar-edit", args=[seminar.pk]),
        {
            **SEMINAR_DATA,
            "title": "Renamed",
            "start_date": "2026-11-02",
            "end_date": "2026-11-13",
            "capacity": 14,
        },
    )
    assert response.status_code == 302
    seminar.refresh_from_db()
    assert (seminar.title, seminar.capacity, seminar.year) == ("Renamed", 14, 2026)


def test_coordinator_adds_a_session_in_the_seminars_zone(client, coordinator, seminar):
    expert = ExpertFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("seminars:session-add", args=[seminar.pk]),
        {
            "title": "Financing eco-town plants",
            "track": Track.FINANCING,
            "starts_at": "2026-11-05T09:30",
            "ends_at": "2026-11-05T11:00",
            "place": place_named("Room 31").pk,
            "speakers": [expert.pk],
            "description": "PPPs",
        },
    )
    assert response.status_code == 302
    session = seminar.sessions.get()
    assert (session.title, session.track, session.place.name) == (
        "Financing eco-town plants",
        "financing",
        "Room 31",
    )
    assert session.starts_at == datetime(2026, 11, 5, 0, 30, tzinfo=UTC)
    assert list(session.speakers.all()) == [expert]
    assert history_of(seminar).get().verb == "session_added"


def test_coordinator_edits_a_session_and_its_sequence_rises(client, coordinator, seminar):
    session = SessionFactory(seminar=seminar, title="Old title")
    uid = session.uid
    client.force_login(coordinator)
    url = reverse("seminars:session-edit", args=[seminar.pk, session.pk])
    assert 'value="2026-11-02T09:30"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "New title",
            "track": Track.LEGAL,
            "starts_at": "2026-11-02T09:30",
            "ends_at": "2026-11-02T11:30",
            "place": place_named("Room 31").pk,
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.sequence, session.uid) == ("New title", 1, uid)
    assert session.ends_at == datetime(2026, 11, 2, 2, 30, tzinfo=UTC)


def test_session_of_another_seminar_is_404_on_edit(client, coordinator, seminar):
    elsewhere = SessionFactory(seminar=SeminarFactory())
    client.force_login(coordinator)
    url = reverse("seminars:session-edit", args=[seminar.pk, elsewhere.pk])
    with nothing_changes(elsewhere, Session):
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "Taken over"}).status_code == 404
        remove = reverse("seminars:session-remove", args=[seminar.pk, elsewhere.pk])
        assert client.post(remove).status_code == 404


def test_coordinator_removes_a_session(client, coordinator, seminar):
    session = SessionFactory(seminar=seminar, title="Cancelled talk")
    client.force_login(coordinator)
    url = reverse("seminars:session-remove", args=[seminar.pk, session.pk])
    assert "Remove “Cancelled talk”" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()
    assert history_of(seminar).get().note == "Cancelled talk"


def test_copy_to_a_new_year_shifts_every_session_and_keeps_speakers(coordinator, seminar):
    expert = ExpertFactory()
    original = SessionFactory(
        seminar=seminar,
        title="EPR laws",
        speakers=[expert],
        starts_at=datetime(2026, 11, 3, 9, 30, tzinfo=TOKYO),
        ends_at=datetime(2026, 11, 3, 11, tzinfo=TOKYO),
    )
    SessionFactory(
        seminar=seminar,
        title="Closing",
        starts_at=datetime(2026, 11, 13, 16, tzinfo=TOKYO),
        ends_at=datetime(2026, 11, 13, 17, tzinfo=TOKYO),
    )
    copy = services.seminar_copy_to_year(
        seminar=seminar,
        actor=coordinator,
        title="Eco-Town Seminar 2027",
        start_date=date(2027, 11, 1),
    )
    assert (copy.year, copy.start_date, copy.end_date, copy.status) == (
        2027,
        date(2027, 11, 1),
        date(2027, 11, 12),
        Seminar.Status.PLANNED,
    )
    sessions = list(copy.sessions.order_by("starts_at"))
    assert [s.title for s in sessions] == ["EPR laws", "Closing"]
    assert sessions[0].starts_at == datetime(2027, 11, 2, 9, 30, tzinfo=TOKYO)
    assert sessions[1].ends_at == datetime(2027, 11, 12, 17, tzinfo=TOKYO)
    assert list(sessions[0].speakers.all()) == [expert]
    assert sessions[0].uid != original.uid and sessions[0].sequence == 0
    assert seminar.sessions.count() == 2  # the original is untouched


def test_copy_keeps_local_time_across_daylight_saving(coordinator):
    vienna = SeminarFactory(
        time_zone="Europe/Vienna", start_date=date(2026, 10, 19), end_date=date(2026, 10, 23)
    )
    zone = zoneinfo.ZoneInfo("Europe/Vienna")
    SessionFactory(
        seminar=vienna,
        starts_at=datetime(2026, 10, 19, 9, tzinfo=zone),
        ends_at=datetime(2026, 10, 19, 10, tzinfo=zone),
    )
    copy = services.seminar_copy_to_year(
        seminar=vienna, actor=coordinator, title="Later", start_date=date(2026, 11, 2)
    )
    shifted = copy.sessions.get()
    assert shifted.starts_at.astimezone(zone) == datetime(2026, 11, 2, 9, tzinfo=zone)
    assert shifted.starts_at == datetime(2026, 11, 2, 8, tzinfo=UTC)


def test_copy_onto_dates_where_a_speaker_is_busy_is_refused(client, coordinator, seminar):
    expert = ExpertFactory(first_name="Hiroshi", last_name="Yamamoto")
    SessionFactory(seminar=seminar, speakers=[expert])
    busy = SeminarFactory(start_date=date(2027, 11, 1), end_date=date(2027, 11, 12))
    SessionFactory(
        seminar=busy,
        title="Busy",
        speakers=[expert],
        starts_at=datetime(2027, 11, 1, 9, tzinfo=TOKYO),
        ends_at=datetime(2027, 11, 1, 12, tzinfo=TOKYO),
    )
    client.force_login(coordinator)
    with nothing_changes(Seminar, Session):
        response = client.post(
            reverse("seminars:seminar-copy", args=[seminar.pk]),
            {"title": "Eco-Town Seminar 2027", "start_date": "2027-11-01"},
        )
    assert response.status_code == 200
    assert "Hiroshi Yamamoto already speaks then in “Busy”" in response.content.decode()
    assert not Seminar.objects.filter(title="Eco-Town Seminar 2027").exists()


def test_copy_page_suggests_next_years_title_and_date(client, coordinator):
    seminar = SeminarFactory(title="Eco-Town Seminar 2026: Kitakyushu")
    client.force_login(coordinator)
    form = client.get(reverse("seminars:seminar-copy", args=[seminar.pk])).context["form"]
    assert form.initial == {
        "title": "Eco-Town Seminar 2027: Kitakyushu",
        "start_date": date(2027, 11, 2),
    }


def test_add_session_form_opens_on_the_first_morning(client, coordinator, seminar):
    client.force_login(coordinator)
    html = client.get(reverse("seminars:session-add", args=[seminar.pk])).content.decode()
    assert 'value="2026-11-02T09:30"' in html
    assert 'value="2026-11-02T11:00"' in html
