"""Drafting like a document, end to end: a trainee builds a table as a grid and puts a figure in
the plan with the visual editor, a colleague invited as co-author writes another section in the
browser, the plan is submitted and approved, and the approved PDF shows the table, the numbered
figure and both writers on its cover."""

import re
import time

import pytest
from playwright.sync_api import expect

from ecotown.core import outbox
from planning_docs import coauthors
from planning_docs.demo_attachments import site_map_png
from planning_docs.models import PdfRender, SectionDraft
from planning_docs.pdf import services as pdf_services
from planning_docs.services import plan_submit
from reviews.services.decisions import review_approve
from tests.browser import login
from tests.factories.core import TraineeFactory
from tests.factories.planning_docs import fill_plan, make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory
from tests.pdf.conftest import pdftotext

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR = ".visual-editor-content"
TABLE = (
    "| Risk | Likelihood | Owner |\n| --- | --- | --- |\n"
    "| Floods | High | City |\n| Prices fall | Medium | Company |\n| Partner leaves | Low | UNIDO |"
)
COAUTHOR_TEXT = "The Ministry of Ecology backs the pilot by decree 12/2026."


def stored(plan, key: str, expected: str) -> str:
    """The section's stored text once the autosave that stores `expected` has run (CRLF from
    the form read as LF); the last text read when it never comes."""
    deadline = time.monotonic() + 15
    while True:
        text = SectionDraft.objects.get(plan=plan, section__key=key).body.replace("\r\n", "\n")
        if text == expected or time.monotonic() > deadline:
            return text
        time.sleep(0.2)


def open_section(page, live_server, plan, key: str) -> None:
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/{key}/")
    expect(page.locator(EDITOR)).to_be_visible()


def replace_text(page) -> None:
    page.locator(EDITOR).click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")


def build_risk_table(page, live_server, plan) -> None:
    open_section(page, live_server, plan, "risks")
    replace_text(page)
    page.get_by_role("button", name="Insert table").click()
    # The editor takes the focus back a frame after the click: keys typed before that are lost.
    expect(page.locator(f"{EDITOR} table")).to_have_count(1)
    expect(page.locator(EDITOR)).to_be_focused()
    for text in ("Risk", "Likelihood", "Owner", "Floods", "High", "City", "Prices fall", "Medium"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    page.keyboard.type("Company")
    page.get_by_role("button", name="Add row").click()
    # The editor takes the focus back a frame after the click: Tab before that is the page's.
    expect(page.locator(EDITOR)).to_be_focused()
    page.keyboard.press("Tab")  # into the new row
    for text in ("Partner leaves", "Low"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    page.keyboard.type("UNIDO")
    expect(page.locator(f"{EDITOR} table tr")).to_have_count(4)
    assert "|" not in page.locator(EDITOR).inner_text()
    assert stored(plan, "risks", TABLE) == TABLE


def insert_site_map(page, live_server, plan, tmp_path) -> int:
    picture = tmp_path / "site-map.png"
    picture.write_bytes(site_map_png())
    open_section(page, live_server, plan, "pilot-site-and-scope")
    page.get_by_role("link", name="Figures").click()
    page.get_by_label("Picture (PNG or JPEG)").set_input_files(str(picture))
    page.get_by_label("Caption").fill("Site plan of the park")
    page.get_by_label("Text alternative").fill("Five plots along two roads")
    page.get_by_role("button", name="Upload").click()
    figure = plan.figures.get()
    expect(page.get_by_text(figure.reference).first).to_be_visible()
    open_section(page, live_server, plan, "pilot-site-and-scope")
    replace_text(page)
    page.keyboard.type("The park lies by the river.")
    page.get_by_role("button", name="Insert figure at the cursor").click()
    expect(page.locator(f"{EDITOR} figcaption")).to_have_text("Figure 1: Site plan of the park")
    expected = f"The park lies by the river.\n\n![](figure:{figure.pk})"
    assert stored(plan, "pilot-site-and-scope", expected) == expected
    return figure.pk


def coauthor_joins_and_writes(page, live_server, plan, monkeypatch) -> None:
    links = []
    new_link = coauthors._new_link
    monkeypatch.setattr(
        coauthors, "_new_link", lambda row: links.append(new_link(row)) or links[-1]
    )
    coauthors.coauthor_invite(
        plan=plan, email="awa.diallo@example.org", actor=plan.enrolment.trainee
    )
    page.context.clear_cookies()  # the trainee signs out; the colleague opens the e-mailed link
    page.goto(f"{live_server.url}{links[0]}")
    page.get_by_label("First name").fill("Awa")
    page.get_by_label("Last name").fill("Diallo")
    page.locator("#id_password1").fill("Green-ministry-2026")
    page.locator("#id_password2").fill("Green-ministry-2026")
    page.get_by_role("button", name="Make my account and join").click()
    expect(page.get_by_text("You are now a co-author")).to_be_visible()
    open_section(page, live_server, plan, "national-policy-context")
    replace_text(page)
    page.keyboard.type(COAUTHOR_TEXT)
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved at"), timeout=10_000)
    assert stored(plan, "national-policy-context", COAUTHOR_TEXT) == COAUTHOR_TEXT


def approved_pdf_text(plan, expert, tmp_path, monkeypatch) -> str:
    # Rendered in this process, whose MEDIA_ROOT holds the figures: a session worker started
    # by another test would take the task from the broker and miss them.
    monkeypatch.setattr(outbox, "_send_after_commit", lambda row_id: None)
    version = plan_submit(plan=plan, actor=plan.enrolment.trainee)
    review_approve(plan=plan, version=version, actor=expert, summary="Ready to pilot.")
    render = PdfRender.objects.get(version=version, kind=PdfRender.Kind.FINAL)
    render = pdf_services.pdf_render_run(render_id=render.pk)
    assert render is not None and render.status == PdfRender.Status.READY, render
    path = tmp_path / "approved.pdf"
    path.write_bytes(render.file.open("rb").read())
    return pdftotext(path)


def test_a_trainee_and_a_coauthor_draft_a_plan_whose_approved_pdf_shows_it_all(
    live_server, browser_page, expert, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"  # the live server runs in this process
    trainee = TraineeFactory(first_name="Aminata", last_name="Sow")
    plan = fill_plan(make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee), lead=expert))
    page = browser_page
    login(page, live_server, trainee)
    build_risk_table(page, live_server, plan)
    insert_site_map(page, live_server, plan, tmp_path)
    coauthor_joins_and_writes(page, live_server, plan, monkeypatch)
    assert page.console_errors == []

    text = approved_pdf_text(plan, expert, tmp_path, monkeypatch)
    flat = " ".join(text.split())
    cover = " ".join(text.split("\f")[0].split())
    assert "Contributors Aminata Sow, Awa Diallo (co-author)" in cover
    # The grid came out as a table: each row's cells side by side on one line.
    rows = [" ".join(line.split()) for line in text.splitlines()]
    for cells in ("Risk Likelihood Owner", "Floods High City", "Partner leaves Low UNIDO"):
        assert cells in rows, cells
    assert "Figure 1: Site plan of the park" in flat
    assert "The park lies by the river." in flat
    assert COAUTHOR_TEXT in flat
