"""Moving and resizing sessions in the timetable grid: the service, the script's JSON endpoint
and the keyboard form, each refusing a clash with its reason and changing nothing."""

import json
import zoneinfo
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecotown.core.workflow import history_of
from seminars import schedule_services
from seminars.models import Session, SiteVisit, Track
from tests.factories.core import ExpertFactory
from tests.factories.seminars import SeminarFactory, SessionFactory, place_named
from tests.factories.trainees import AcceptedEnrolmentFactory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=TOKYO)


@pytest.fixture
def two(seminar):
    """EPR laws in Room 31 from 10:00 to 12:00 on 3 November; a clinic in Room 32 at 09:00."""
    expert = ExpertFactory(first_name="Kenji", last_name="Tanaka")
    booked = SessionFactory(
        seminar=seminar,
        title="EPR laws",
        place="Room 31",
        speakers=[expert],
        starts_at=at(3, 10),
        ends_at=at(3, 12),
    )
    moving = SessionFactory(
        seminar=seminar,
        title="Plan clinic",
        track=Track.PLAN_CLINIC,
        place="Room 32",
        starts_at=at(3, 9),
        ends_at=at(3, 10),
    )
    return booked, moving


def move_url(session):
    return reverse("seminars:session-move", args=[session.seminar_id, session.pk])


def test_service_moves_a_session_to_a_free_slot_and_logs_it(seminar, coordinator, two):
    _, moving = two
    schedule_services.session_move(
        session=moving,
        actor=coordinator,
        starts_at=at(3, 13),
        ends_at=at(3, 14, 30),
        place=place_named("Room 31"),
    )
    moving.refresh_from_db()
    assert (moving.starts_at, moving.ends_at, moving.place.name) == (
        at(3, 13),
        at(3, 14, 30),
        "Room 31",
    )
    assert moving.sequence == 1
    assert history_of(seminar).first().verb == "session_changed"


def test_service_refuses_a_move_onto_a_booked_place_and_nothing_changes(seminar, coordinator, two):
    _, moving = two
    with nothing_changes(seminar, Session), pytest.raises(ValidationError) as refused:
        schedule_services.session_move(
            session=moving,
            actor=coordinator,
            starts_at=at(3, 11),
            ends_at=at(3, 12),
            place=place_named("Room 31"),
        )
    assert refused.value.message_dict == {
        "place": ["Room 31 is already booked then for “EPR laws” (Tue 3 Nov 10:00–12:00)."]
    }
    moving.refresh_from_db()
    assert (moving.starts_at, moving.place.name, moving.sequence) == (at(3, 9), "Room 32", 0)


def test_service_refuses_a_resize_that_makes_a_speaker_speak_twice(seminar, coordinator, two):
    booked, moving = two
    moving.speakers.set(booked.speakers.all())
    with nothing_changes(seminar, Session), pytest.raises(ValidationError) as refused:
        schedule_services.session_move(
            session=moving,
            actor=coordinator,
            starts_at=at(3, 9),
            ends_at=at(3, 10, 30),
            place=moving.place,
        )
    assert list(refused.value.message_dict) == ["speakers"]


def post_json(client, session, **fields):
    return client.post(move_url(session), fields, HTTP_ACCEPT="application/json")


def test_endpoint_moves_to_a_free_slot(client, coordinator, two):
    _, moving = two
    client.force_login(coordinator)
    response = post_json(
        client,
        moving,
        starts_at="2026-11-03T14:00",
        ends_at="2026-11-03T15:15",
        place=place_named("Room 31").pk,
    )
    assert response.status_code == 200
    assert json.loads(response.content) == {"ok": True, "warning": ""}
    moving.refresh_from_db()
    assert (moving.starts_at, moving.ends_at) == (at(3, 14), at(3, 15, 15))


def test_endpoint_refuses_a_clash_with_409_and_the_reason(client, coordinator, seminar, two):
    _, moving = two
    client.force_login(coordinator)
    with nothing_changes(seminar, Session):
        response = post_json(
            client,
            moving,
            starts_at="2026-11-03T11:00",
            ends_at="2026-11-03T12:00",
            place=place_named("Room 31").pk,
        )
    assert response.status_code == 409
    assert json.loads(response.content) == {
        "ok": False,
        "error": "Room 31 is already booked then for “EPR laws” (Tue 3 Nov 10:00–12:00).",
    }


def test_endpoint_refuses_bad_input_with_400(client, coordinator, seminar, two):
    _, moving = two
    client.force_login(coordinator)
    with nothing_changes(seminar, Session):
        response = post_json(client, moving, starts_at="not a time", ends_at="", place="")
    assert response.status_code == 400
    assert "Enter a valid date/time." in json.loads(response.content)["error"]


def test_keyboard_form_moves_and_redirects_to_the_session(client, coordinator, seminar, two):
    _, moving = two
    client.force_login(coordinator)
    page = client.get(move_url(moving)).content.decode()
    assert 'value="2026-11-03T09:00"' in page
    response = client.post(
        move_url(moving),
        {"starts_at": "2026-11-04T09:00", "ends_at": "2026-11-04T10:00", "place": ""},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#session-{moving.pk}")
    moving.refresh_from_db()
    assert (moving.starts_at, moving.place) == (at(4, 9), None)


def test_keyboard_form_shows_the_clash_and_changes_nothing(client, coordinator, seminar, two):
    _, moving = two
    client.force_login(coordinator)
    with nothing_changes(seminar, Session):
        response = client.post(
            move_url(moving),
            {
                "starts_at": "2026-11-03T10:30",
                "ends_at": "2026-11-03T11:30",
                "place": place_named("Room 31").pk,
            },
        )
    assert response.status_code == 200
    assert "Room 31 is already booked then for “EPR laws”" in response.content.decode()


def test_a_move_into_a_small_room_warns_of_the_expected_audience(client, coordinator, seminar, two):
    _, moving = two
    AcceptedEnrolmentFactory.create_batch(5, seminar=seminar)
    small = place_named("Room 33", capacity=4)
    client.force_login(coordinator)
    response = post_json(
        client, moving, starts_at="2026-11-03T09:00", ends_at="2026-11-03T10:00", place=small.pk
    )
    assert response.status_code == 200
    assert json.loads(response.content)["warning"] == (
        "Room 33 seats 4; 5 people are expected (the seminar's accepted trainees and the speakers)."
    )
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    assert "5 expected, 4 seats" in html


def test_grid_places_sessions_by_column_row_and_span(client, coordinator, seminar, two):
    booked, moving = two
    client.force_login(coordinator)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    # Room 31 then Room 32; the day starts at 09:00, so 10:00 is four quarter hours down.
    assert f'class="session track-policy gc-2 gr-6 gs-8 movable" id="session-{booked.pk}"' in html
    assert f'class="session track-plan_clinic gc-3 gr-2 gs-4 movable" id="session-{moving.pk}"' in (
        html
    )
    assert 'class="grid-head gc-2" data-place="' in html
    assert f'data-move-url="{move_url(moving)}"' in html
    assert 'data-starts="2026-11-03T09:00" data-ends="2026-11-03T10:00"' in html


def test_now_marker_shows_during_the_seminar_only(client, coordinator, seminar, two, monkeypatch):
    client.force_login(coordinator)
    url = reverse("seminars:seminar-detail", args=[seminar.pk])
    monkeypatch.setattr(timezone, "now", lambda: at(3, 10, 40).astimezone(UTC))
    assert 'class="now-marker gc-2 gr-8"' in client.get(url).content.decode()
    monkeypatch.setattr(timezone, "now", lambda: at(5, 10, 40).astimezone(UTC))
    assert "now-marker" not in client.get(url).content.decode()


def test_people_who_may_not_change_the_timetable_get_no_drag_handles(
    client, enrolled_trainee, seminar, two
):
    client.force_login(enrolled_trainee)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    assert "data-move-url" not in html and "movable" not in html
    assert "Move or resize" not in html


def _grid_queries(client, seminar) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("seminars:seminar-detail", args=[seminar.pk]))
    assert response.status_code == 200
    return len(captured)


def _fill(seminar, count, experts):
    for n in range(count):
        session = SessionFactory(
            seminar=seminar,
            track=Track.SITE_VISIT if n % 3 == 0 else Track.LEGAL,
            place=place_named(f"Room {n}", capacity=3),
            speakers=experts[n % 2 : n % 2 + 2],
            starts_at=at(2 + n % 5, 8 + n % 9),
            ends_at=at(2 + n % 5, 8 + n % 9, 45),
        )
        if n % 3 == 0:
            SiteVisit.objects.create(session=session, host=f"Plant {n}")


def test_grid_query_count_does_not_grow_with_sessions_places_and_site_visits(client, coordinator):
    experts = ExpertFactory.create_batch(3)
    small, large = SeminarFactory(), SeminarFactory()
    _fill(small, 2, experts)
    AcceptedEnrolmentFactory.create_batch(2, seminar=small)
    _fill(large, 12, experts)
    AcceptedEnrolmentFactory.create_batch(9, seminar=large)
    client.force_login(coordinator)
    assert _grid_queries(client, small) == _grid_queries(client, large)
