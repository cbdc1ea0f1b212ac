"""A trainee's journey with a figure: upload it with its caption and text alternative, insert it
at the cursor of the visual editor, see it there numbered with its caption, and find it again in
the visual editor after a reload."""

import re
import time

import pytest
from playwright.sync_api import expect

from planning_docs.demo_attachments import site_map_png
from planning_docs.models import SectionDraft
from tests.browser import login
from tests.factories.planning_docs import make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR = ".visual-editor-content"
SECTION = "pilot-site-and-scope"


def stored_text(plan, expected: str) -> str:
    """The section's stored text once the autosave that stores `expected` has run (lines
    compared: a form posts CRLF); the last text read when it never comes."""
    deadline = time.monotonic() + 15
    while True:
        draft = SectionDraft.objects.get(plan=plan, section__key=SECTION)
        text = draft.body.replace("\r\n", "\n")
        if text == expected or time.monotonic() > deadline:
            return text
        time.sleep(0.2)


def upload_figure(page, live_server, plan, picture) -> None:
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/{SECTION}/")
    page.get_by_role("link", name="Figures").click()
    page.get_by_label("Picture (PNG or JPEG)").set_input_files(str(picture))
    page.get_by_label("Caption").fill("Site plan of the park")
    page.get_by_label("Text alternative").fill("Five plots along two roads")
    page.get_by_role("button", name="Upload").click()


def expect_figure_shown(page, number: int) -> None:
    figure = page.locator(f"{EDITOR} figure.editor-figure")
    expect(figure.locator("figcaption")).to_have_text(f"Figure {number}: Site plan of the park")
    image = figure.locator("img")
    expect(image).to_have_attribute("alt", "Five plots along two roads")
    # Read through the permission-checked view: the picture loads at its own width.
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert page.evaluate("img => img.naturalWidth", image.element_handle()) == 960


def test_a_trainee_uploads_a_figure_and_inserts_it_at_the_cursor(
    live_server, browser_page, trainee, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the live server runs in this process
    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    picture = tmp_path / "site-map.png"
    picture.write_bytes(site_map_png())
    page = browser_page
    login(page, live_server, trainee)
    upload_figure(page, live_server, plan, picture)
    figure = plan.figures.get()
    expect(page.get_by_text(figure.reference).first).to_be_visible()

    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/{SECTION}/")
    page.locator(EDITOR).click()
    page.keyboard.type("The site lies by the river.")
    page.get_by_role("button", name="Insert figure at the cursor").click()
    expect_figure_shown(page, 1)
    # The editor took the figure: the textarea holds it once, as the editor wrote it.
    expect(page.locator("textarea[name=body]")).to_have_value(
        f"The site lies by the river.\n\n![](figure:{figure.pk})"
    )
    expect(page.locator("#save-status")).to_have_text(
        re.compile(r"^Saved at \d\d:\d\d$"), timeout=10_000
    )
    expected = f"The site lies by the river.\n\n![](figure:{figure.pk})"
    assert stored_text(plan, expected) == expected

    page.reload()
    expect(page.locator(EDITOR)).to_be_visible()
    expect(page.get_by_role("button", name="Markdown source")).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(page.locator("[data-editor-notice]")).to_be_hidden()
    expect_figure_shown(page, 1)
    expect(page.locator(EDITOR)).to_contain_text("The site lies by the river.")
    assert page.console_errors == []


def test_the_figure_goes_after_a_table_when_the_cursor_is_in_one(
    live_server, browser_page, trainee, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    picture = tmp_path / "site-map.png"
    picture.write_bytes(site_map_png())
    page = browser_page
    login(page, live_server, trainee)
    upload_figure(page, live_server, plan, picture)
    figure = plan.figures.get()

    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/{SECTION}/")
    page.locator(EDITOR).click()
    page.get_by_role("button", name="Insert table").click()
    # The editor takes the focus back a frame after the click: keys typed before that are lost.
    expect(page.locator(f"{EDITOR} table")).to_have_count(1)
    expect(page.locator(EDITOR)).to_be_focused()
    page.keyboard.type("Plot")
    page.get_by_role("button", name="Insert figure at the cursor").click()
    expect_figure_shown(page, 1)
    # A table cell holds one line: the figure is the block after the table, not inside it.
    assert page.locator(f"{EDITOR} table figure").count() == 0
    body = page.locator("textarea[name=body]").input_value()
    assert body.startswith("| Plot |") and body.endswith(f"\n\n![](figure:{figure.pk})")
    assert page.console_errors == []


def test_in_the_source_view_the_reference_goes_into_the_text_and_shows_back_in_the_editor(
    live_server, browser_page, trainee, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    picture = tmp_path / "site-map.png"
    picture.write_bytes(site_map_png())
    page = browser_page
    login(page, live_server, trainee)
    upload_figure(page, live_server, plan, picture)
    figure = plan.figures.get()

    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/{SECTION}/")
    source = page.get_by_role("button", name="Markdown source")
    source.click()
    textarea = page.locator("textarea[name=body]")
    textarea.fill("By the river.")
    textarea.press("End")
    page.get_by_role("button", name="Insert figure at the cursor").click()
    expect(textarea).to_have_value(f"By the river.\n\n![](figure:{figure.pk})\n\n")
    source.click()  # back to the visual editor, which shows the figure
    expect_figure_shown(page, 1)
    assert page.console_errors == []
