"""The review journey in a real browser: an expert comments on a quoted passage, releases it and
requests changes; the trainee answers, revises and resubmits; the expert sees exactly what
changed, accepts the comment and approves; a real worker renders the PDF, which the trainee
downloads and opens."""

import io
import re
import time

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from planning_docs.models import Plan
from reviews.models import Comment
from tests.browser import login
from tests.factories.planning_docs import submitted_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SECTION = "risks"


def select_text(page, selector: str, words: str) -> None:
    """Select `words` inside the element, as a person dragging the mouse would."""
    page.evaluate(
        """([selector, words]) => {
            const root = document.querySelector(selector);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.textContent.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error("text not found: " + words);
        }""",
        [selector, words],
    )


@pytest.mark.worker
def test_comment_release_request_changes_answer_resubmit_accept_approve_download(
    live_server, browser_page, expert, celery_worker
):
    version = submitted_version(lead=expert)
    plan = version.plan
    trainee = plan.enrolment.trainee
    page = browser_page
    section_url = f"{live_server.url}/plans/{plan.pk}/sections/{SECTION}/"

    # The expert selects a passage and comments on it.
    login(page, live_server, expert)
    page.goto(section_url)
    select_text(page, "#section-text", "Text of Risks")
    expect(page.locator("#quote-preview")).to_have_text("On the passage «Text of Risks»")
    page.get_by_label("Comment", exact=True).fill("Which risk worries you most?")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Internal: experts and coordinators only")).to_be_visible()
    comment = Comment.objects.get()
    assert (comment.quote, comment.quote_start) == ("Text of Risks", 0)

    # ... previews exactly what the trainee will see, releases it, and requests changes.
    page.get_by_role("link", name="Preview and release to the trainee").click()
    expect(page.locator("#release-preview")).to_contain_text("Which risk worries you most?")
    page.get_by_role("button", name="Release").click()
    expect(page.get_by_text("Released: the trainee can now read this comment.")).to_be_visible()
    page.goto(f"{live_server.url}/plans/{plan.pk}/review/")
    page.get_by_label("Summary for the trainee").fill("Rank the risks, then resubmit.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision was recorded")).to_be_visible()
    assert Plan.objects.get(pk=plan.pk).status == "changes_requested"
    page.context.clear_cookies()

    # The trainee answers the comment, revises the section and resubmits.
    login(page, live_server, trainee)
    page.goto(section_url)
    expect(page.get_by_text("Which risk worries you most?")).to_be_visible()
    page.get_by_label("How did you address it? (optional)").fill("Floods come first now.")
    page.get_by_role("button", name="Mark as addressed").click()
    expect(page.locator(f"#comment-{comment.pk} .badge").first).to_have_text("Addressed")
    page.locator(".visual-editor-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Floods are the first risk.")
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved at"), timeout=10_000)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("link", name="Submit a revision…").click()
    page.get_by_role("button", name="Submit version 2").click()
    expect(page.get_by_text("Version 2 was submitted.")).to_be_visible()
    page.context.clear_cookies()

    # The expert sees exactly what changed, accepts the comment and approves.
    login(page, live_server, expert)
    page.goto(f"{live_server.url}/plans/{plan.pk}/review/")
    expect(page.locator("#review-changes")).to_contain_text("Risks")
    expect(page.locator(".diff-text ins").first).to_contain_text("Floods are the first risk.")
    page.get_by_role("button", name="Accept").click()
    page.goto(f"{live_server.url}/plans/{plan.pk}/review/")
    page.get_by_label("Approve").check()
    page.get_by_label("Summary for the trainee").fill("Approved. Well done.")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_role("button", name="Approve version 2").click()
    expect(page.get_by_text("Your decision was recorded")).to_be_visible()
    assert Plan.objects.get(pk=plan.pk).status == "approved"
    assert Comment.objects.get(pk=comment.pk).status == "accepted"

    # The approval queued the final PDF on the worker: the trainee downloads and opens it.
    page.context.clear_cookies()
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    link = page.get_by_role("link", name="Download the approved plan (PDF)")
    pdf_url = live_server.url + link.get_attribute("href")
    deadline = time.monotonic() + 60
    while (answer := page.request.get(pdf_url)).headers["content-type"] != "application/pdf":
        assert time.monotonic() < deadline, "the PDF was not ready within a minute"
        time.sleep(0.5)
    document = PdfReader(io.BytesIO(answer.body()))
    text = "".join(p.extract_text() for p in document.pages)
    assert "Floods are the first risk." in text
    assert "DRAFT" not in text  # approved: no watermark
    assert page.console_errors == []
