"""Keyboard-only journeys: a person who cannot use a mouse drafts a section, comments on a plan
and schedules a session with Tab, Shift+Tab, Space, Enter and typing alone. Every element
reached shows a visible focus ring, and the skip link leads past the menu.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from planning_docs.models import SectionDraft
from reviews.models import Comment
from seminars.models import Session
from tests.factories.core import PASSWORD
from tests.factories.planning_docs import make_plan, submitted_version
from tests.factories.seminars import SeminarFactory, place_named
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """(selector) => {
  const element = document.activeElement;
  return element !== null && element.matches(selector);
}"""
RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return [style.outlineStyle, parseFloat(style.outlineWidth)];
}"""


def tab_to(page, selector: str, *, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has the focus, as a person would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED, selector):
            style, width = page.evaluate(RING)
            assert style != "none" and width >= 2, f"no visible focus on {selector}"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def sign_in_by_keyboard(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    tab_to(page, "input[name=username]")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")


def test_the_skip_link_comes_first_and_moves_the_focus_to_the_content(
    live_server, browser_page, coordinator
):
    page = browser_page
    sign_in_by_keyboard(page, live_server, coordinator)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    box = skip.bounding_box()
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('a.skip-link') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top, "the skip link is hidden behind another element"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside the content, past the menu
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert page.console_errors == []


def test_a_trainee_drafts_a_section_with_the_keyboard_alone(live_server, browser_page, trainee):
    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    page = browser_page
    sign_in_by_keyboard(page, live_server, trainee)
    tab_to(page, f"a[href='/plans/{plan.pk}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/plans/{plan.pk}/")
    tab_to(page, f"a[href='/plans/{plan.pk}/sections/risks/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()

    tab_to(page, ".visual-editor-content")
    page.keyboard.type("Floods may close the landfill road.")
    page.keyboard.press("Tab")  # Tab leaves the editor: no keyboard trap
    assert not page.evaluate(FOCUSED, ".visual-editor-content")
    tab_to(page, "#section-form button[type=submit]")
    page.keyboard.press("Enter")
    status = page.locator("#save-status")
    expect(status).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"), timeout=10_000)
    draft = SectionDraft.objects.get(plan=plan, section__key="risks")
    assert (draft.body, draft.revision) == ("Floods may close the landfill road.", 1)
    assert page.console_errors == []


def test_an_expert_comments_on_a_plan_with_the_keyboard_alone(live_server, browser_page, expert):
    version = submitted_version(lead=expert)
    plan = version.plan
    page = browser_page
    sign_in_by_keyboard(page, live_server, expert)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    tab_to(page, f"a[href='/plans/{plan.pk}/sections/risks/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/plans/{plan.pk}/sections/risks/")
    tab_to(page, "#new-comment textarea[name=body]")
    page.keyboard.type("Name the agency that owns the landfill road.")
    tab_to(page, "#new-comment button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Name the agency that owns the landfill road.")).to_be_visible()
    comment = Comment.objects.get(plan=plan)
    assert (comment.body, comment.author_id, comment.parent_id, comment.section_key) == (
        "Name the agency that owns the landfill road.",
        expert.pk,
        None,
        "risks",
    )
    assert page.console_errors == []


def test_a_coordinator_schedules_a_session_with_the_keyboard_alone(
    live_server, browser_page, coordinator, expert
):
    seminar = SeminarFactory(
        start_date=date(2027, 10, 4), end_date=date(2027, 10, 8), time_zone="Asia/Tokyo"
    )
    place_named("Room 3")
    page = browser_page
    sign_in_by_keyboard(page, live_server, coordinator)
    page.goto(f"{live_server.url}/seminars/{seminar.pk}/")
    tab_to(page, f"a[href='/seminars/{seminar.pk}/sessions/add/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/seminars/{seminar.pk}/sessions/add/")

    tab_to(page, "input[name=title]")
    page.keyboard.type("Financing a recycling park")
    tab_to(page, "select[name=track]")
    page.keyboard.type("Financing")  # a closed select picks by typing, as in every browser
    tab_to(page, "select[name=place]")
    page.keyboard.type("Room 3")  # picked from the list of places by typing
    tab_to(page, "input[name=speakers]")
    page.keyboard.press("Space")
    tab_to(page, "input[type=submit], button[type=submit]:not(.dropdown-item)")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/seminars/{seminar.pk}/")

    session = Session.objects.get(seminar=seminar)
    assert (session.title, session.track, session.place.name) == (
        "Financing a recycling park",
        "financing",
        "Room 3",
    )
    assert list(session.speakers.all()) == [expert]
    local = session.starts_at.astimezone(seminar.zone)
    assert (local.date(), local.hour, local.minute) == (date(2027, 10, 4), 9, 30)
    assert page.console_errors == []
