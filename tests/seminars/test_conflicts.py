"""Each conflict rule, through the form (what the coordinator sees) and the service (the guard)."""

import zoneinfo
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from seminars import services
from seminars.forms import SessionForm
from seminars.models import Session, Track
from tests.factories.core import ExpertFactory
from tests.factories.seminars import SeminarFactory, SessionFactory, place_named
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def form_for(seminar, session=None, **changes):
    data = {
        "title": "Financing eco-town plants",
        "track": Track.FINANCING,
        "starts_at": "2026-11-03T09:30",
        "ends_at": "2026-11-03T11:00",
        "place": "Room 31",
        "description": "",
    }
    data.update(changes)
    if data["place"]:
        data["place"] = place_named(data["place"]).pk
    return SessionForm(data=data, seminar=seminar, session=session)


def kitakyushu(day, hour, minute=0):
    """A Kitakyushu wall-clock time (UTC+9) as UTC."""
    local = datetime(2026, 11, day, hour, minute, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo"))
    return local.astimezone(UTC)


def test_a_session_inside_the_dates_with_free_room_and_experts_is_accepted(seminar):
    form = form_for(seminar)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == kitakyushu(3, 9, 30)
    assert form.cleaned_data["ends_at"] == kitakyushu(3, 11)


def test_session_ending_before_it_starts_is_refused(seminar):
    form = form_for(seminar, starts_at="2026-11-03T11:00", ends_at="2026-11-03T09:30")
    assert not form.is_valid()
    assert form.errors["ends_at"] == ["The session must end after it starts."]


def test_session_ending_as_it_starts_is_refused(seminar):
    form = form_for(seminar, starts_at="2026-11-03T11:00", ends_at="2026-11-03T11:00")
    assert form.errors["ends_at"] == ["The session must end after it starts."]


def test_session_before_the_first_day_is_refused(seminar):
    form = form_for(seminar, starts_at="2026-11-01T09:30", ends_at="2026-11-01T11:00")
    assert form.errors["starts_at"] == [
        "The session must fall within the seminar's dates: 2 Nov 2026 to 13 Nov 2026 "
        "(Asia/Tokyo time)."
    ]


def test_session_running_past_the_last_day_is_refused(seminar):
    form = form_for(seminar, starts_at="2026-11-13T23:00", ends_at="2026-11-14T00:30")
    assert "starts_at" in form.errors


def test_dates_are_judged_in_the_seminars_zone_not_in_utc(seminar):
    # 08:00 on the first day in Kitakyushu is still 1 November in UTC: it is inside.
    form = form_for(seminar, starts_at="2026-11-02T08:00", ends_at="2026-11-02T09:00")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == datetime(2026, 11, 1, 23, 0, tzinfo=UTC)
    # 23:00 on the last day in Kitakyushu is inside too.
    assert form_for(seminar, starts_at="2026-11-13T22:00", ends_at="2026-11-13T23:00").is_valid()


def test_same_place_at_an_overlapping_time_is_refused(seminar):
    SessionFactory(
        seminar=seminar,
        title="EPR laws",
        place="Room 31",
        starts_at=kitakyushu(3, 10),
        ends_at=kitakyushu(3, 12),
    )
    form = form_for(seminar, place="Room 31")
    assert form.errors["place"] == [
        "Room 31 is already booked then for “EPR laws” (Tue 3 Nov 10:00–12:00)."
    ]


def test_same_place_back_to_back_is_fine(seminar):
    SessionFactory(
        seminar=seminar, place="Room 31", starts_at=kitakyushu(3, 8), ends_at=kitakyushu(3, 9, 30)
    )
    assert form_for(seminar).is_valid()


def test_the_same_place_booked_by_another_seminar_is_a_conflict(seminar):
    # Places are shared: a room holds one session at a time, whichever seminar books it.
    other = SeminarFactory(title="Eco-Town Seminar for Africa")
    SessionFactory(
        seminar=other,
        title="Opening",
        place="Room 31",
        starts_at=kitakyushu(3, 10),
        ends_at=kitakyushu(3, 12),
    )
    assert form_for(seminar).errors["place"] == [
        "Room 31 is already booked then for “Opening” of Eco-Town Seminar for Africa "
        "(Tue 3 Nov 10:00–12:00)."
    ]


def test_another_place_at_the_same_time_is_fine(seminar):
    SessionFactory(
        seminar=seminar, place="Room 32", starts_at=kitakyushu(3, 10), ends_at=kitakyushu(3, 12)
    )
    assert form_for(seminar).is_valid()


def test_expert_speaking_twice_at_once_in_the_same_seminar_is_refused(seminar):
    expert = ExpertFactory(first_name="Kenji", last_name="Tanaka")
    SessionFactory(
        seminar=seminar,
        title="Opening",
        place="Hall",
        speakers=[expert],
        starts_at=kitakyushu(3, 9),
        ends_at=kitakyushu(3, 10),
    )
    form = form_for(seminar, speakers=[expert.pk])
    assert form.errors["speakers"] == [
        f"Kenji Tanaka already speaks then in “Opening” ({seminar.title}, Tue 3 Nov 09:00–10:00)."
    ]


def test_expert_speaking_at_once_in_another_seminar_is_refused(seminar):
    expert = ExpertFactory()
    other = SeminarFactory(title="Eco-Town Seminar for Africa")
    SessionFactory(
        seminar=other,
        title="Site visit",
        place="Hibikinada",
        speakers=[expert],
        starts_at=kitakyushu(3, 10),
        ends_at=kitakyushu(3, 12),
    )
    form = form_for(seminar, speakers=[expert.pk])
    assert len(form.errors["speakers"]) == 1
    assert "Eco-Town Seminar for Africa" in form.errors["speakers"][0]


def test_editing_a_session_does_not_conflict_with_itself(seminar, coordinator):
    expert = ExpertFactory()
    session = SessionFactory(
        seminar=seminar,
        place="Room 31",
        speakers=[expert],
        starts_at=kitakyushu(3, 9, 30),
        ends_at=kitakyushu(3, 11),
    )
    form = form_for(seminar, session=session, speakers=[expert.pk], ends_at="2026-11-03T11:30")
    assert form.is_valid(), form.errors


def test_service_refuses_a_conflict_even_when_the_form_was_skipped(seminar, coordinator):
    expert = ExpertFactory()
    SessionFactory(
        seminar=seminar, speakers=[expert], starts_at=kitakyushu(3, 9), ends_at=kitakyushu(3, 10)
    )
    with nothing_changes(seminar, Session), pytest.raises(ValidationError) as refused:
        services.session_create(
            seminar=seminar,
            actor=coordinator,
            title="Clash",
            track=Track.LEGAL,
            starts_at=kitakyushu(3, 9, 30),
            ends_at=kitakyushu(3, 11),
            place=place_named("Other room"),
            speakers=[expert],
        )
    assert list(refused.value.message_dict) == ["speakers"]
    assert not Session.objects.filter(title="Clash").exists()


def test_service_refuses_to_move_a_session_onto_a_booked_room(seminar, coordinator):
    SessionFactory(
        seminar=seminar, place="Room 31", starts_at=kitakyushu(4, 9), ends_at=kitakyushu(4, 10)
    )
    moving = SessionFactory(
        seminar=seminar, place="Room 31", starts_at=kitakyushu(3, 9), ends_at=kitakyushu(3, 10)
    )
    with nothing_changes(seminar, Session), pytest.raises(ValidationError) as refused:
        services.session_update(
            session=moving,
            actor=coordinator,
            title=moving.title,
            track=moving.track,
            starts_at=kitakyushu(4, 9, 30),
            ends_at=kitakyushu(4, 10, 30),
            place=place_named("Room 31"),
        )
    assert list(refused.value.message_dict) == ["place"]
    moving.refresh_from_db()
    assert (moving.starts_at, moving.sequence) == (kitakyushu(3, 9), 0)


def test_conflicting_session_posted_to_the_page_shows_the_error_and_saves_nothing(
    client, coordinator, seminar
):
    SessionFactory(
        seminar=seminar,
        title="EPR laws",
        place="Room 31",
        starts_at=kitakyushu(3, 10),
        ends_at=kitakyushu(3, 12),
    )
    client.force_login(coordinator)
    with nothing_changes(seminar, Session):
        response = client.post(
            reverse("seminars:session-add", args=[seminar.pk]),
            {
                "title": "Clash",
                "track": Track.LEGAL,
                "starts_at": "2026-11-03T09:30",
                "ends_at": "2026-11-03T11:00",
                "place": place_named("Room 31").pk,
            },
        )
    assert response.status_code == 200
    assert "Room 31 is already booked then for “EPR laws”" in response.content.decode()
    assert seminar.sessions.count() == 1
