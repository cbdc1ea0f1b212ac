"""Site visits: their details on the page, in calendar apps (LOCATION, GEO, DESCRIPTION) and on
the printed day sheet; the plan deadline in the feeds; everything on the seminar's clock for the
people attending it."""

import subprocess
import zoneinfo
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from icalendar import Calendar

from seminars.models import CalendarFeedToken, SiteVisit, Track
from tests.factories.core import ExpertFactory, TraineeFactory
from tests.factories.seminars import SessionFactory, place_named
from tests.factories.trainees import AcceptedEnrolmentFactory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=TOKYO)


@pytest.fixture
def visit(seminar):
    plant = place_named(
        "PET bottle recycling plant",
        kind="site",
        address="Hibikinada, Wakamatsu-ku",
        latitude=Decimal("33.936100"),
        longitude=Decimal("130.775200"),
    )
    session = SessionFactory(
        seminar=seminar,
        title="Site visit: PET bottles",
        track=Track.SITE_VISIT,
        place=plant,
        speakers=[ExpertFactory(first_name="Hiroshi", last_name="Yamamoto")],
        starts_at=at(4, 9),
        ends_at=at(4, 12),
    )
    SiteVisit.objects.create(
        session=session,
        host="Nishinippon PET Bottle Recycling Co.",
        address="1-62 Kogasaki, Hibikinada, Wakamatsu-ku",
        meeting_point="Conference centre main entrance",
        departs_at=at(4, 8, 15),
        transport="Chartered bus",
        what_to_bring="Closed shoes, passport",
        contact="Mr Yamamoto, +81 93 752 2881",
    )
    SessionFactory(
        seminar=seminar, title="Lecture", place="Room 31", starts_at=at(4, 14), ends_at=at(4, 15)
    )
    return session


def test_calendar_event_carries_location_geo_and_the_visits_details(
    client, enrolled_trainee, seminar, visit
):
    client.force_login(enrolled_trainee)
    response = client.get(reverse("seminars:seminar-calendar", args=[seminar.pk]))
    calendar = Calendar.from_ical(response.content)
    event = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == visit.title)
    assert str(event["LOCATION"]) == (
        "PET bottle recycling plant, 1-62 Kogasaki, Hibikinada, Wakamatsu-ku"
    )
    assert (event["GEO"].latitude, event["GEO"].longitude) == (33.9361, 130.7752)
    assert str(event["DESCRIPTION"]).split("\n\n")[0].splitlines() == [
        "Host: Nishinippon PET Bottle Recycling Co.",
        "Address: 1-62 Kogasaki, Hibikinada, Wakamatsu-ku",
        "Meeting point: Conference centre main entrance",
        "Departure: 08:15",
        "Transport: Chartered bus",
        "What to bring: Closed shoes, passport",
        "Contact: Mr Yamamoto, +81 93 752 2881",
    ]
    assert "Speakers: Hiroshi Yamamoto" in str(event["DESCRIPTION"])


def test_plan_deadline_and_submission_window_are_events_in_both_feeds(
    client, enrolled_trainee, seminar, visit
):
    seminar.plan_deadline = at(12, 17)
    seminar.save()
    client.force_login(enrolled_trainee)
    seminar_feed = Calendar.from_ical(
        client.get(reverse("seminars:seminar-calendar", args=[seminar.pk])).content
    )
    token = CalendarFeedToken.objects.create(user=enrolled_trainee)
    personal = Calendar.from_ical(
        client.get(reverse("seminars:personal-feed", args=[token.token])).content
    )
    for calendar in (seminar_feed, personal):
        events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
        deadline = events[f"seminar-{seminar.pk}-plan-deadline@ecotown-seminar"]
        assert deadline.start == at(12, 17)
        assert "DTEND" not in deadline
        assert str(deadline["SUMMARY"]) == f"Plan deadline: {seminar.title}"
        window = events[f"seminar-{seminar.pk}-submission-window@ecotown-seminar"]
        assert (window.start, window.end) == (at(2, 0), at(12, 17))
        assert calendar.get_missing_tzids() == set()


def test_no_deadline_no_deadline_events(client, enrolled_trainee, seminar, visit):
    client.force_login(enrolled_trainee)
    calendar = Calendar.from_ical(
        client.get(reverse("seminars:seminar-calendar", args=[seminar.pk])).content
    )
    assert all("deadline" not in str(e["UID"]) for e in calendar.walk("VEVENT"))


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_day_sheet_pdf_reads_back_with_the_days_sessions_and_visit_details(
    client, enrolled_trainee, seminar, visit, tmp_path
):
    client.force_login(enrolled_trainee)
    response = client.get(reverse("seminars:day-sheet", args=[seminar.pk, "2026-11-04"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Day 3 · Wednesday 4 November 2026" in text
    assert "All times are local time (Asia/Tokyo)." in text
    assert "09:00–12:00 Site visit: PET bottles" in text
    assert "Host Nishinippon PET Bottle Recycling Co." in text
    assert "Meeting point Conference centre main entrance" in text
    assert "Departure 08:15" in text
    assert "What to bring Closed shoes, passport" in text
    assert "Contact Mr Yamamoto, +81 93 752 2881" in text
    assert "14:00" in text and "Lecture" in text


def test_day_sheet_of_a_day_outside_the_seminar_is_404(client, enrolled_trainee, seminar):
    client.force_login(enrolled_trainee)
    for day in ("2026-11-20", "not-a-day"):
        url = reverse("seminars:day-sheet", args=[seminar.pk, day])
        assert client.get(url).status_code == 404


def test_coordinator_sets_the_visits_details_on_the_seminars_clock(
    client, coordinator, seminar, visit
):
    client.force_login(coordinator)
    url = reverse("seminars:site-visit-edit", args=[seminar.pk, visit.pk])
    assert 'value="2026-11-04T08:15"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "host": "Eco-Town Center",
            "meeting_point": "Lobby",
            "departs_at": "2026-11-04T08:30",
            "transport": "Bus",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.site_visit.host, visit.site_visit.departs_at) == ("Eco-Town Center", at(4, 8, 30))
    assert visit.sequence == 1  # calendar apps replace the event with the new details


def test_a_session_that_is_no_site_visit_has_no_visit_page(client, coordinator, seminar):
    lecture = SessionFactory(seminar=seminar, track=Track.LEGAL)
    client.force_login(coordinator)
    with nothing_changes(SiteVisit):
        response = client.get(reverse("seminars:site-visit-edit", args=[seminar.pk, lecture.pk]))
    assert response.status_code == 404


@pytest.fixture
def trainee_from_dakar(seminar):
    trainee = TraineeFactory(time_zone="Africa/Dakar")
    AcceptedEnrolmentFactory(seminar=seminar, trainee=trainee)
    return trainee


def test_trainee_in_kitakyushu_sees_the_nine_oclock_visit_as_nine_everywhere(
    client, seminar, visit, trainee_from_dakar, monkeypatch
):
    # 09:00 in Kitakyushu is 00:00 in Dakar: the trainee is in Kitakyushu that week.
    seminar.plan_deadline = at(12, 17)
    seminar.end_date = seminar.end_date.replace(year=2099)  # current, for the dashboard
    seminar.save()
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: at(3, 20).astimezone(UTC))
    client.force_login(trainee_from_dakar)
    page = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    assert '<time class="session-viewer-time" datetime="2026-11-04T09:00:00+09:00">09:00–12:00' in (
        page
    )
    assert "Departure" in page and '08:15 <span class="zone-name">Asia/Tokyo</span>' in page
    assert '12 Nov 2026, 17:00 <span class="zone-name">Asia/Tokyo</span>' in page  # the deadline
    dashboard = client.get("/").content.decode()
    assert 'Wed 4 Nov 09:00 <span class="zone-name">Asia/Tokyo</span>' in dashboard
    assert "Wed 4 Nov 00:00" not in dashboard


def test_home_time_is_beside_the_seminars_when_asked_for(
    client, seminar, visit, trainee_from_dakar
):
    seminar.plan_deadline = at(12, 17)
    seminar.save()
    client.force_login(trainee_from_dakar)
    client.post(reverse("seminars:time-preference"), {"show_home_time": "1"})
    page = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    assert (
        '12 Nov 2026, 17:00 <span class="zone-name">Asia/Tokyo</span></time> '
        '<span class="home-time small text-body-secondary">(12 Nov 2026, 08:00 Africa/Dakar)</span>'
    ) in page


def test_what_people_write_in_a_session_and_its_visit_is_escaped_on_the_timetable(
    client, coordinator, seminar, visit
):
    hostile = '<script>alert("x")</script>'
    visit.title = f"Visit {hostile}"
    visit.description = f"Bring {hostile}"
    visit.save()
    visit.place.name = f"Plant {hostile}"
    visit.place.save()
    SiteVisit.objects.filter(session=visit).update(
        host=f"Host {hostile}", what_to_bring=f"Shoes\n{hostile}", contact=f"Call {hostile}"
    )
    client.force_login(coordinator)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 6
    assert "Shoes<br>&lt;script&gt;" in html  # line breaks kept, the text escaped
