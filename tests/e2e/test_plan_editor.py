import re

import pytest
from playwright.sync_api import expect

from planning_docs.models import SectionDraft
from tests.browser import login
from tests.factories.planning_docs import make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Chromium reports every non-2xx response on the console; the 409 of a conflict is the one we
# provoke on purpose, everything else (CSP violations included) fails the test.
EXPECTED_409 = re.compile(r"status of 409")
OFFLINE = re.compile(r"ERR_INTERNET_DISCONNECTED")


def unexpected(errors):
    return [e for e in errors if not EXPECTED_409.search(e)]


def risks(plan) -> SectionDraft:
    return SectionDraft.objects.get(plan=plan, section__key="risks")


def type_into_editor(page, text):
    page.locator(".visual-editor-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


@pytest.fixture
def plan(trainee):
    return make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))


def test_autosave_keeps_the_text_and_shows_when_it_was_saved(
    live_server, browser_page, plan, trainee
):
    page = browser_page
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/risks/")
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()  # the editor runs
    type_into_editor(page, "Floods may close the landfill road.")
    status = page.locator("#save-status")
    expect(status).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"), timeout=10_000)
    draft = risks(plan)
    assert (draft.body, draft.revision) == ("Floods may close the landfill road.", 1)
    expect(page.locator("#word-count")).to_have_text("6 of 600 words")

    page.reload()
    expect(page.locator(".visual-editor-content")).to_contain_text(
        "Floods may close the landfill road."
    )
    assert page.console_errors == []


def test_offline_autosave_says_so_and_saves_once_back_online(
    live_server, browser_page, plan, trainee
):
    page = browser_page
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/risks/")
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()
    page.context.set_offline(True)
    type_into_editor(page, "Written on a train.")
    status = page.locator("#save-status")
    expect(status).to_have_text("Not saved: offline. Retrying…", timeout=10_000)
    assert risks(plan).body == ""
    page.context.set_offline(False)
    expect(status).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"), timeout=15_000)
    assert risks(plan).body == "Written on a train."
    assert [e for e in page.console_errors if not OFFLINE.search(e)] == []


def test_two_tabs_conflict_is_shown_and_resolved_without_losing_a_word(
    live_server, browser_page, plan, trainee
):
    first = browser_page
    login(first, live_server, trainee)
    url = f"{live_server.url}/plans/{plan.pk}/sections/risks/"
    first.goto(url)
    second = first.context.new_page()
    second.console_errors = []
    second.on(
        "console", lambda m: second.console_errors.append(m.text) if m.type == "error" else None
    )
    second.goto(url)

    type_into_editor(first, "Prices of recovered copper may fall.")
    expect(first.locator("#save-status")).to_have_text(re.compile("^Saved at"), timeout=10_000)

    type_into_editor(second, "A partner may withdraw.")
    panel = second.locator("#conflict-panel")
    expect(panel).to_be_visible(timeout=10_000)
    expect(second.locator("#save-status")).to_have_text(re.compile("^Not saved: this section"))
    expect(second.locator("#conflict-saved-text")).to_have_value(
        "Prices of recovered copper may fall."
    )
    assert risks(plan).body == "Prices of recovered copper may fall."  # nothing overwritten

    # The trainee merges by hand in the editor, then saves the merged text.
    type_into_editor(second, " Prices of recovered copper may fall.")
    second.get_by_role("button", name="Save my text (merged)").click()
    expect(second.locator("#save-status")).to_have_text(re.compile("^Saved at"), timeout=10_000)
    expect(panel).to_be_hidden()
    draft = risks(plan)
    assert draft.body == "A partner may withdraw. Prices of recovered copper may fall."
    assert draft.revision == 2

    # The first tab is now stale too; it takes the saved text instead of its own.
    type_into_editor(first, " Typhoons.")
    expect(first.locator("#conflict-panel")).to_be_visible(timeout=10_000)
    first.get_by_role("button", name="Use the saved text").click()
    expect(first.locator(".visual-editor-content")).to_contain_text("A partner may withdraw.")
    assert risks(plan).body == "A partner may withdraw. Prices of recovered copper may fall."
    assert unexpected(first.console_errors) == []
    assert unexpected(second.console_errors) == []


def test_rows_are_added_in_the_browser_and_drawn_as_a_chart(
    live_server, browser_page, plan, trainee
):
    page = browser_page
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/implementation-timeline/")
    page.get_by_role("button", name="Add a row").click()
    page.locator("#id_rows-0-milestone").fill("Decree adopted")
    page.locator("#id_rows-0-start").fill("2027-01-01")
    page.locator("#id_rows-0-end").fill("2027-06-30")
    page.locator("#id_rows-2-milestone").fill("Plant running")
    page.locator("#id_rows-2-start").fill("2027-07-01")
    page.locator("#id_rows-2-end").fill("2028-06-30")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("figure.gantt svg rect")).to_have_count(2)
    rows = SectionDraft.objects.get(plan=plan, section__key="implementation-timeline").rows
    assert [row["milestone"] for row in rows] == ["Decree adopted", "Plant running"]
    assert page.console_errors == []


def test_autosave_after_the_session_ended_says_so_and_keeps_the_text(
    live_server, browser_page, plan, trainee
):
    page = browser_page
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/risks/")
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()
    page.context.clear_cookies()  # signed out elsewhere, or the session expired
    type_into_editor(page, "Still here.")
    expect(page.locator("#save-status")).to_have_text(
        re.compile("^Not saved: you were signed out"), timeout=10_000
    )
    expect(page.locator(".visual-editor-content")).to_contain_text("Still here.")
    assert risks(plan).body == ""
    # Without its cookies the save is refused (403, the CSRF check) before it reaches the view.
    assert [e for e in page.console_errors if "status of 403" not in e] == []
