import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seminars.models import TimePreference, Track
from tests.factories.core import ExpertFactory
from tests.factories.seminars import SeminarFactory, SessionFactory
from tests.factories.trainees import AcceptedEnrolmentFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def session_item(html: str, session) -> str:
    start = html.index(">", html.index(f'id="session-{session.pk}"')) + 1
    return html[start : html.index("</li>", start)]


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


@pytest.fixture
def opening(seminar):
    # 09:30-11:00 in Kitakyushu on Monday 2 November = 00:30-02:00 UTC = 03:30-05:00 in Nairobi.
    return SessionFactory(
        seminar=seminar,
        title="Opening: the Kitakyushu model",
        track=Track.OTHER,
        starts_at=datetime(2026, 11, 2, 0, 30, tzinfo=UTC),
        ends_at=datetime(2026, 11, 2, 2, 0, tzinfo=UTC),
        place="Room 31",
    )


def test_nominated_trainee_at_home_sees_their_time_and_the_seminars_beside_it(
    client, seminar, opening
):
    # Not (yet) attending: their own clock first, as before the seminar week.
    trainee = EnrolmentFactory(seminar=seminar, trainee__time_zone="Africa/Nairobi").trainee
    client.force_login(trainee)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    item = session_item(html, opening)
    assert text_of(item).startswith("03:30–05:00 09:30–11:00 Asia/Tokyo Opening")
    assert "Your time Monday 2 November, 03:30–05:00 (Africa/Nairobi)" in text_of(item)
    assert "Seminar time Monday 2 November, 09:30–11:00 (Asia/Tokyo)" in text_of(item)
    assert "Times are shown in your zone, Africa/Nairobi" in html


def test_accepted_trainee_from_nairobi_sees_the_seminars_time_first(
    client, seminar, enrolled_trainee, opening
):
    client.force_login(enrolled_trainee)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    item = text_of(session_item(html, opening))
    assert item.startswith("09:30–11:00 Opening")
    assert "03:30" not in item
    assert "Times are the seminar's local time, Asia/Tokyo." in html
    assert "Show my home time (Africa/Nairobi) beside" in html


def test_accepted_trainee_asks_for_their_home_time_beside_and_it_is_remembered(
    client, seminar, enrolled_trainee, opening
):
    client.force_login(enrolled_trainee)
    page = reverse("seminars:seminar-detail", args=[seminar.pk])
    response = client.post(
        reverse("seminars:time-preference"), {"show_home_time": "1", "next": page}
    )
    assert response.status_code == 302 and response["Location"] == page
    html = client.get(page).content.decode()
    item = text_of(session_item(html, opening))
    assert item.startswith("09:30–11:00 03:30–05:00 Africa/Nairobi Opening")
    assert "Seminar time Monday 2 November, 09:30–11:00 (Asia/Tokyo)" in item
    assert "Your home time Monday 2 November, 03:30–05:00 (Africa/Nairobi)" in item
    assert "Hide my home time" in html
    client.post(reverse("seminars:time-preference"), {"show_home_time": "0", "next": page})
    assert text_of(session_item(client.get(page).content.decode(), opening)).startswith(
        "09:30–11:00 Opening"
    )


def test_expert_in_tokyo_sees_the_seminar_time_once(client, seminar, opening):
    expert = ExpertFactory(time_zone="Asia/Tokyo")
    opening.speakers.add(expert)
    client.force_login(expert)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    item = text_of(session_item(html, opening))
    assert item.startswith("09:30–11:00 Opening")
    assert "Asia/Tokyo" in item  # only as "(Asia/Tokyo)" after "Seminar time"
    assert "Your home time" not in item
    assert "Times are the seminar's local time, Asia/Tokyo." in html
    assert "Show my home time" not in html  # home is where the seminar is


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Monday 2 November, 09:30–11:00 (Asia/Tokyo)"),
        ("ar", "الاثنين 2 نوفمبر، 09:30–11:00 (Asia/Tokyo)"),
        ("ja", "11月2日（月） 09:30–11:00 (Asia/Tokyo)"),
    ],
)
def test_the_day_and_the_time_are_joined_as_the_reader_s_language_joins_them(
    client, seminar, enrolled_trainee, opening, language, line
):
    enrolled_trainee.language = language
    enrolled_trainee.save()
    client.force_login(enrolled_trainee)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    item = text_of(session_item(html, opening))
    assert line in item
    assert ("، " in item) == (language == "ar")


def test_home_time_on_another_day_shows_that_date(client, seminar, opening):
    # 09:30 in Kitakyushu on 2 November is still 1 November, 19:30 in New York.
    trainee = AcceptedEnrolmentFactory(seminar=seminar).trainee
    trainee.time_zone = "America/New_York"
    trainee.save()
    TimePreference.objects.create(user=trainee, show_home_time=True)
    client.force_login(trainee)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    assert text_of(session_item(html, opening)).startswith(
        "09:30–11:00 Sun 1 Nov 19:30–21:00 America/New_York"
    )


def test_viewer_not_attending_whose_day_differs_sees_their_date(client, seminar, opening):
    trainee = EnrolmentFactory(seminar=seminar, trainee__time_zone="America/New_York").trainee
    client.force_login(trainee)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    assert text_of(session_item(html, opening)).startswith("Sun 1 Nov 19:30–21:00 09:30–11:00")


def test_sessions_are_grouped_by_the_seminars_days(client, coordinator, seminar, opening):
    SessionFactory(
        seminar=seminar,
        title="EPR laws",
        track=Track.LEGAL,
        starts_at=datetime(2026, 11, 3, 0, 30, tzinfo=UTC),
        ends_at=datetime(2026, 11, 3, 2, 0, tzinfo=UTC),
    )
    client.force_login(coordinator)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    assert "Day 1 · Monday 2 November" in html
    assert "Day 2 · Tuesday 3 November" in html
    assert html.index("Opening: the Kitakyushu model") < html.index("Day 2")
    assert html.index("EPR laws") > html.index("Day 2")


def test_tracks_are_marked_by_class_and_details_open_without_inline_script(
    client, coordinator, seminar, opening
):
    SessionFactory(
        seminar=seminar,
        track=Track.FINANCING,
        starts_at=datetime(2026, 11, 3, 0, 30, tzinfo=UTC),
        ends_at=datetime(2026, 11, 3, 2, 0, tzinfo=UTC),
    )
    client.force_login(coordinator)
    response = client.get(reverse("seminars:seminar-detail", args=[seminar.pk]))
    html = response.content.decode()
    assert 'class="session track-other gc-' in html
    assert 'class="session track-financing gc-' in html
    assert f'data-bs-target="#session-{opening.pk}-details"' in html
    assert f'<div class="collapse session-details" id="session-{opening.pk}-details">' in html
    assert "style=" not in html
    assert "<script>" not in html and "onclick" not in html
    assert '<script src="/static/seminars/grid.js" defer></script>' in html
    assert "/static/seminars/timetable.css" in html


def test_every_track_has_its_colour_in_the_stylesheet():
    css = (Path(__file__).parents[2] / "seminars/static/seminars/timetable.css").read_text()
    for value in Track.values:
        assert f".track-{value} {{ --track-colour:" in css


def test_page_offers_add_to_calendar(client, enrolled_trainee, seminar):
    client.force_login(enrolled_trainee)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    assert "Add to calendar" in html
    assert reverse("seminars:seminar-calendar", args=[seminar.pk]) in html
    assert "Create my calendar link" in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_sessions(seminar, count, experts):
    for n in range(count):
        SessionFactory(
            seminar=seminar,
            track=Track.values[n % len(Track.values)],
            place=f"Room {n}",
            speakers=experts[n % 2 : n % 2 + 2],
            starts_at=datetime(2026, 11, 2 + n % 5, n, 0, tzinfo=UTC),
            ends_at=datetime(2026, 11, 2 + n % 5, n, 45, tzinfo=UTC),
        )


def test_timetable_query_count_does_not_grow_with_sessions(client, coordinator, seminar):
    experts = ExpertFactory.create_batch(3)
    other = SeminarFactory()
    _add_sessions(seminar, 2, experts)
    _add_sessions(other, 14, experts)
    client.force_login(coordinator)
    small = _queries(client, reverse("seminars:seminar-detail", args=[seminar.pk]))
    large = _queries(client, reverse("seminars:seminar-detail", args=[other.pk]))
    assert small == large


def test_seminar_list_query_count_does_not_grow_with_seminars(client, coordinator):
    experts = ExpertFactory.create_batch(2)
    _add_sessions(SeminarFactory(), 2, experts)
    client.force_login(coordinator)
    small = _queries(client, reverse("seminars:seminar-list"))
    for _ in range(5):
        seminar = SeminarFactory()
        _add_sessions(seminar, 3, experts)
        AcceptedEnrolmentFactory.create_batch(2, seminar=seminar)
    large = _queries(client, reverse("seminars:seminar-list"))
    assert small == large


def test_seminar_list_shows_session_and_seat_counts(client, coordinator, seminar, opening):
    AcceptedEnrolmentFactory.create_batch(3, seminar=seminar)
    client.force_login(coordinator)
    html = client.get(reverse("seminars:seminar-list")).content.decode()
    row = text_of(html[html.index(seminar.title) : html.index("</tr>", html.index(seminar.title))])
    assert row.endswith("Nominations open 1 3 / 12")
