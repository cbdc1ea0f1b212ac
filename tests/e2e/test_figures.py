"""A trainee's journey with a figure: upload it with its caption and text alternative, insert it
at the cursor in a section, see it numbered in the preview; the expert reads it on the page."""

import re

import pytest
from playwright.sync_api import expect

from planning_docs.demo_attachments import site_map_png
from planning_docs.models import SectionDraft
from tests.browser import login
from tests.factories.planning_docs import make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_trainee_uploads_a_figure_and_inserts_it_at_the_cursor(
    live_server, browser_page, trainee, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the live server runs in this process
    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    picture = tmp_path / "site-map.png"
    picture.write_bytes(site_map_png())
    page = browser_page
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/pilot-site-and-scope/")
    page.get_by_role("link", name="Figures").click()
    page.get_by_label("Picture (PNG or JPEG)").set_input_files(str(picture))
    page.get_by_label("Caption").fill("Site plan of the park")
    page.get_by_label("Text alternative").fill("Five plots along two roads")
    page.get_by_role("button", name="Upload").click()
    figure = plan.figures.get()
    expect(page.get_by_text(f"![](figure:{figure.pk})").first).to_be_visible()

    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/pilot-site-and-scope/")
    page.locator(".CodeMirror").click()
    page.keyboard.type("The site lies by the river.")
    page.get_by_role("button", name="Insert figure at the cursor").click()
    expect(page.locator("#save-status")).to_have_text(
        re.compile(r"^Saved at \d\d:\d\d$"), timeout=10_000
    )
    draft = SectionDraft.objects.get(plan=plan, section__key="pilot-site-and-scope")
    # Browsers send a text area's line breaks as CRLF.
    body = draft.body.replace("\r\n", "\n")
    assert body == f"The site lies by the river.\n\n![](figure:{figure.pk})\n\n"
    page.locator("button.preview").click()
    expect(page.locator(".editor-preview-active figcaption")).to_have_text(
        "Figure 1: Site plan of the park"
    )
    image = page.locator(".editor-preview-active figure img")
    expect(image).to_have_attribute("alt", "Five plots along two roads")
    # Served by the permission-checked view: the picture loads at its own width.
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert page.evaluate("img => img.naturalWidth", image.element_handle()) == 960
    assert page.console_errors == []
