"""The iCalendar feeds, parsed back with the icalendar library as a calendar app would."""

import zoneinfo
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from seminars import services
from seminars.models import CalendarFeedToken, Track
from tests.factories.core import ExpertFactory
from tests.factories.seminars import SeminarFactory, SessionFactory
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = pytest.mark.django_db
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=TOKYO)


@pytest.fixture
def week(seminar):
    expert = ExpertFactory(first_name="Kenji", last_name="Tanaka")
    return [
        SessionFactory(
            seminar=seminar,
            title="EPR and Japan's recycling laws",
            track=Track.LEGAL,
            starts_at=at(2, 9, 30),
            ends_at=at(2, 11),
            place="Room 31",
            speakers=[expert],
            description="Containers and Packaging Recycling Law.",
        ),
        SessionFactory(
            seminar=seminar,
            title="Site visit: Hibikinada",
            track=Track.SITE_VISIT,
            starts_at=at(3, 9),
            ends_at=at(3, 12),
            place="Eco-Town Centre",
        ),
        SessionFactory(
            seminar=seminar,
            title="Plan clinic",
            track=Track.PLAN_CLINIC,
            starts_at=at(4, 13, 30),
            ends_at=at(4, 15),
            place="Room 32",
        ),
    ]


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_seminar_calendar_holds_every_session_in_the_seminars_zone(
    client, enrolled_trainee, seminar, week
):
    client.force_login(enrolled_trainee)
    calendar = parse(client.get(reverse("seminars:seminar-calendar", args=[seminar.pk])))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//UNIDO")
    assert str(calendar["UID"]) == f"seminar-{seminar.pk}@ecotown-seminar"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in calendar.to_ical()
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Tokyo"]
    events = events_by_uid(calendar)
    assert set(events) == {f"{s.uid}@ecotown-seminar" for s in week}
    first = events[f"{week[0].uid}@ecotown-seminar"]
    assert first["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert first.start == at(2, 9, 30)
    assert first.start.astimezone(UTC) == datetime(2026, 11, 2, 0, 30, tzinfo=UTC)
    assert first.end == at(2, 11)
    assert str(first["SUMMARY"]) == "EPR and Japan's recycling laws"
    assert str(first["LOCATION"]) == "Room 31, Kitakyushu"
    assert "Speakers: Kenji Tanaka" in str(first["DESCRIPTION"])
    assert first["SEQUENCE"] == 0
    assert first.stamp is not None
    assert calendar.get_missing_tzids() == set()


def test_uids_stay_and_sequence_rises_when_a_session_changes(client, coordinator, seminar, week):
    client.force_login(coordinator)
    url = reverse("seminars:seminar-calendar", args=[seminar.pk])
    before = events_by_uid(parse(client.get(url)))
    session = week[2]
    services.session_update(
        session=session,
        actor=coordinator,
        title=session.title,
        track=session.track,
        starts_at=at(4, 14),
        ends_at=at(4, 15, 30),
        place=session.place,
    )
    after = events_by_uid(parse(client.get(url)))
    assert set(after) == set(before)
    uid = f"{session.uid}@ecotown-seminar"
    assert after[uid]["SEQUENCE"] == 1
    assert after[uid].start == at(4, 14)
    assert after[f"{week[0].uid}@ecotown-seminar"]["SEQUENCE"] == 0


def test_saving_an_unchanged_session_keeps_its_sequence(coordinator, week):
    session = week[0]
    services.session_update(
        session=session,
        actor=coordinator,
        title=session.title,
        track=session.track,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        place=session.place,
        speakers=session.speakers.all(),
        description=session.description,
    )
    session.refresh_from_db()
    assert session.sequence == 0


def test_changing_only_the_speakers_raises_the_sequence(coordinator, week):
    session = week[1]
    services.session_update(
        session=session,
        actor=coordinator,
        title=session.title,
        track=session.track,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        place=session.place,
        speakers=[ExpertFactory()],
    )
    session.refresh_from_db()
    assert session.sequence == 1


def test_empty_timetable_is_still_a_valid_calendar(client, coordinator, seminar):
    client.force_login(coordinator)
    calendar = parse(client.get(reverse("seminars:seminar-calendar", args=[seminar.pk])))
    assert calendar.walk("VEVENT") == []
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Tokyo"]
    calendar.validate()


def test_seminar_calendar_is_404_for_a_stranger(client, trainee, seminar, week):
    client.force_login(trainee)
    assert client.get(reverse("seminars:seminar-calendar", args=[seminar.pk])).status_code == 404


def test_personal_feed_holds_the_sessions_of_the_trainees_seminars_only(
    client, enrolled_trainee, seminar, week
):
    SessionFactory(seminar=SeminarFactory(), title="Another seminar's session")
    token = services.calendar_feed_token_reset(user=enrolled_trainee)
    client.logout()  # calendar apps do not sign in
    calendar = parse(client.get(reverse("seminars:personal-feed", args=[token.token])))
    assert set(events_by_uid(calendar)) == {f"{s.uid}@ecotown-seminar" for s in week}
    assert len(calendar.walk("VEVENT")) == 3


def test_revoked_token_gets_404_and_the_new_one_works(client, enrolled_trainee, week):
    old = services.calendar_feed_token_reset(user=enrolled_trainee).token
    new = services.calendar_feed_token_reset(user=enrolled_trainee).token
    assert new != old
    assert client.get(reverse("seminars:personal-feed", args=[old])).status_code == 404
    assert len(parse(client.get(reverse("seminars:personal-feed", args=[new]))).walk("VEVENT")) == 3
    assert CalendarFeedToken.objects.filter(user=enrolled_trainee).count() == 1


def test_unknown_token_gets_404(client, week):
    assert client.get(reverse("seminars:personal-feed", args=["not-a-token"])).status_code == 404


def test_feed_of_a_deactivated_account_gets_404(client, enrolled_trainee, week):
    token = services.calendar_feed_token_reset(user=enrolled_trainee).token
    enrolled_trainee.is_active = False
    enrolled_trainee.save()
    assert client.get(reverse("seminars:personal-feed", args=[token])).status_code == 404


def test_making_a_new_link_from_the_page_revokes_the_old(client, enrolled_trainee, seminar):
    client.force_login(enrolled_trainee)
    page = reverse("seminars:seminar-detail", args=[seminar.pk])
    response = client.post(reverse("seminars:feed-reset"), {"next": page})
    assert response.status_code == 302 and response["Location"] == page
    first = CalendarFeedToken.objects.get(user=enrolled_trainee).token
    html = client.get(page).content.decode()
    assert f"/seminars/feed/{first}.ics" in html
    assert f'href="webcal://testserver/seminars/feed/{first}.ics"' in html
    client.post(reverse("seminars:feed-reset"), {"next": "https://evil.example/"})
    second = CalendarFeedToken.objects.get(user=enrolled_trainee).token
    assert second != first
    assert client.get(reverse("seminars:personal-feed", args=[first])).status_code == 404


def test_an_experts_feed_holds_the_seminars_they_speak_at(client, seminar, week):
    expert = week[0].speakers.get()
    other = SessionFactory(seminar=SeminarFactory(), title="Elsewhere")
    AcceptedEnrolmentFactory(seminar=other.seminar)
    token = services.calendar_feed_token_reset(user=expert).token
    uids = set(events_by_uid(parse(client.get(reverse("seminars:personal-feed", args=[token])))))
    assert uids == {f"{s.uid}@ecotown-seminar" for s in week}


def test_personal_feed_query_count_does_not_grow_with_sessions(client, seminar):
    expert = ExpertFactory()
    SessionFactory(seminar=seminar, speakers=[expert])
    token = services.calendar_feed_token_reset(user=expert).token
    url = reverse("seminars:personal-feed", args=[token])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url)["X-Robots-Tag"] == "noindex"
        return len(captured)

    small = queries()
    other = SeminarFactory()
    SessionFactory.create_batch(6, seminar=other, speakers=[expert, ExpertFactory()])
    assert queries() == small
