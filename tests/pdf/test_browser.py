"""The trainee's journey: ask for a PDF, watch the status page update itself, open the file."""

import pytest

from tests.browser import login
from tests.pdf.conftest import fill_drafts, rich_sections

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_trainee_asks_for_a_pdf_and_the_page_updates_until_it_is_ready(
    live_server, browser_page, own_worker, plan
):
    own_worker()
    fill_drafts(plan, rich_sections())
    page = browser_page
    login(page, live_server, plan.enrolment.trainee)
    page.goto(f"{live_server.url}/plans/{plan.pk}/pdf/")
    assert page.get_by_text("No PDF has been made yet.").is_visible()
    page.get_by_role("button", name="Render the current text").click()
    page.wait_for_url(f"{live_server.url}/plans/pdf/*/")
    link = page.get_by_role("link", name="Open the PDF")
    link.wait_for(timeout=60_000)  # swapped in by htmx polling, no reload
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    assert page.console_errors == [], page.console_errors
