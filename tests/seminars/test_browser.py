"""The journeys in the browser: a coordinator builds a timetable, a trainee subscribes."""

import zoneinfo
from datetime import UTC, date, datetime

import pytest

from seminars.models import CalendarFeedToken, Seminar
from tests.browser import login
from tests.factories.core import ExpertFactory
from tests.factories.seminars import SessionFactory, place_named
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_coordinator_creates_a_seminar_and_its_timetable_and_a_clash_is_refused(
    live_server, browser_page, coordinator
):
    ExpertFactory(first_name="Kenji", last_name="Tanaka")
    place_named("Room 31")
    page = browser_page
    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/seminars/")
    page.get_by_role("link", name="New seminar").click()
    page.get_by_label("Title").fill("Eco-Town Seminar 2027")
    page.get_by_label("First day").fill("2027-11-01")
    page.get_by_label("Last day").fill("2027-11-12")
    page.get_by_label("Plan deadline").fill("2027-12-20T17:00")
    page.get_by_role("button", name="Save seminar").click()
    page.get_by_role("heading", name="Eco-Town Seminar 2027").wait_for()
    seminar = Seminar.objects.get(title="Eco-Town Seminar 2027")
    assert (seminar.time_zone, seminar.capacity, seminar.start_date) == (
        "Asia/Tokyo",
        12,
        date(2027, 11, 1),
    )

    def add_session(title, start, end, place):
        page.get_by_role("link", name="Add session").click()
        page.get_by_label("Title").fill(title)
        page.get_by_label("Track").select_option(label="Legal framework")
        page.get_by_label("Starts").fill(start)
        page.get_by_label("Ends").fill(end)
        page.get_by_label("Place").select_option(label=place)
        page.get_by_label("Kenji Tanaka").check()
        page.get_by_role("button", name="Save session").click()

    add_session("EPR and Japan's recycling laws", "2027-11-02T09:30", "2027-11-02T11:00", "Room 31")
    page.get_by_text("The session was added.").wait_for()
    page.get_by_role("button", name="EPR and Japan's recycling laws").click()
    details = page.locator(".session-details.show")
    details.wait_for()
    assert "Room 31" in details.inner_text()
    # Speakers and track are on the block itself, not hidden in the details.
    assert "Kenji Tanaka" in page.locator(".session-speakers").first.inner_text()

    page.get_by_role("link", name="Add session").wait_for()
    add_session("A clash", "2027-11-02T10:00", "2027-11-02T12:00", "Room 31")
    errors = page.locator(".invalid-feedback")
    errors.first.wait_for()
    text = " ".join(errors.all_inner_texts())
    assert "Room 31 is already booked then for “EPR and Japan's recycling laws”" in text
    assert "Kenji Tanaka already speaks then" in text
    assert seminar.sessions.count() == 1
    assert page.console_errors == []


def test_trainee_from_nairobi_subscribes_and_sees_the_week_on_the_seminars_clock(
    live_server, browser_page, seminar
):
    SessionFactory(
        seminar=seminar,
        title="Opening",
        place="Room 31",
        starts_at=datetime(2026, 11, 2, 0, 30, tzinfo=UTC),
        ends_at=datetime(2026, 11, 2, 2, 0, tzinfo=UTC),
    )
    trainee = AcceptedEnrolmentFactory(seminar=seminar).trainee
    trainee.time_zone = "Africa/Nairobi"
    trainee.save()
    page = browser_page
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/seminars/{seminar.pk}/")
    assert page.locator(".session-viewer-time").first.inner_text() == "09:30–11:00"
    page.get_by_role("button", name="Show my home time (Africa/Nairobi) beside").click()
    assert page.locator(".session-beside-time").first.inner_text() == "03:30–05:00 Africa/Nairobi"
    page.get_by_role("button", name="Create my calendar link").click()
    page.get_by_text("Your calendar link is ready.").wait_for()
    token = CalendarFeedToken.objects.get(user=trainee).token
    assert page.get_by_label("Your calendar link").input_value() == (
        f"{live_server.url}/seminars/feed/{token}.ics"
    )
    feed = page.request.get(f"{live_server.url}/seminars/feed/{token}.ics")
    assert feed.status == 200 and b"SUMMARY:Opening" in feed.body()
    page.set_viewport_size({"width": 375, "height": 740})  # a phone
    page.screenshot(path="var/screenshots/timetable-phone.png", full_page=True)
    assert page.console_errors == []


def _drag(page, block, *, dx=0.0, dy=0.0):
    block.scroll_into_view_if_needed()
    box = block.bounding_box()
    x, y = box["x"] + 12, box["y"] + 8  # on the time, away from links and the resize edge
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=12)
    page.mouse.up()


def test_coordinator_drags_a_session_to_a_free_slot_then_is_refused_on_a_clash(
    live_server, browser_page, coordinator, seminar
):
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    SessionFactory(
        seminar=seminar,
        title="EPR laws",
        place="Room 31",
        starts_at=datetime(2026, 11, 3, 10, 0, tzinfo=tokyo),
        ends_at=datetime(2026, 11, 3, 12, 0, tzinfo=tokyo),
    )
    clinic = SessionFactory(
        seminar=seminar,
        title="Plan clinic",
        place="Room 32",
        starts_at=datetime(2026, 11, 3, 9, 0, tzinfo=tokyo),
        ends_at=datetime(2026, 11, 3, 10, 0, tzinfo=tokyo),
    )
    page = browser_page
    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/seminars/{seminar.pk}/")
    quarter = page.locator(".grid-hour").first.bounding_box()["height"] / 4

    # Two hours later in the same room: free.
    # A move that is accepted reloads the page: wait for the new one before the next drag.
    with (
        page.expect_navigation(),
        page.expect_response(lambda r: r.url.endswith("/move/")) as answer,
    ):
        _drag(page, page.locator(f"#session-{clinic.pk}"), dy=8 * quarter)
    assert answer.value.status == 200
    page.get_by_text("“Plan clinic” was moved.").wait_for()
    clinic.refresh_from_db()
    assert clinic.starts_at == datetime(2026, 11, 3, 11, 0, tzinfo=tokyo)
    assert clinic.ends_at == datetime(2026, 11, 3, 12, 0, tzinfo=tokyo)
    assert clinic.place.name == "Room 32"

    # Its lower edge two quarter hours down: it ends at 12:30.
    page.locator(f"#session-{clinic.pk}").scroll_into_view_if_needed()
    edge = page.locator(f"#session-{clinic.pk}").bounding_box()
    x, y = edge["x"] + edge["width"] / 2, edge["y"] + edge["height"] - 3
    with (
        page.expect_navigation(),
        page.expect_response(lambda r: r.url.endswith("/move/")) as answer,
    ):
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x, y + 2 * quarter, steps=8)
        page.mouse.up()
    assert answer.value.status == 200
    page.get_by_text("“Plan clinic” was moved.").wait_for()
    clinic.refresh_from_db()
    assert clinic.ends_at == datetime(2026, 11, 3, 12, 30, tzinfo=tokyo)

    # Across to Room 31 at the same hour: EPR laws is there until 12:00.
    block = page.locator(f"#session-{clinic.pk}")
    room_31 = page.locator(".grid-head", has_text="Room 31").first.bounding_box()
    dx = room_31["x"] + room_31["width"] / 2 - (block.bounding_box()["x"] + 12)
    _drag(page, block, dx=dx)
    alert = page.locator("#grid-alert")
    alert.get_by_text("Room 31 is already booked then for “EPR laws”").wait_for()
    assert "(Tue 3 Nov 10:00–12:00)" in alert.inner_text()
    clinic.refresh_from_db()
    assert (clinic.starts_at, clinic.ends_at, clinic.place.name, clinic.sequence) == (
        datetime(2026, 11, 3, 11, 0, tzinfo=tokyo),
        datetime(2026, 11, 3, 12, 30, tzinfo=tokyo),
        "Room 32",
        2,
    )
    assert page.console_errors == [] or all("409" in e for e in page.console_errors)
