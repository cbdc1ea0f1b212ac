"""The reading view in a real browser: an expert reads the whole plan, comments on a passage in
the margin, suggests a rewording, scores and requests changes; the trainee accepts the
suggestion and resubmits; the expert sees only what changed, with the unchanged sections folded.
axe checks the reading view at both readings."""

import re

import pytest
from playwright.sync_api import expect

from planning_docs.models import Plan
from reviews.models import Comment, Score, Suggestion
from reviews.services import comment_create, comment_mark_addressed, comment_release
from tests.browser import login
from tests.e2e.test_accessibility import axe_violations
from tests.e2e.test_review_journey import select_text
from tests.factories.planning_docs import submitted_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REWORDED = "The legal framework rests on decree 38/2015."


def no_inline_code(page) -> None:
    """What the strict CSP would refuse: inline scripts or style attributes."""
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("[style]:not(#selection-actions)").count() == 0


def settled_scroll(page) -> float:
    """The scroll position once smooth scrolling has come to rest."""
    return page.evaluate(
        """() => new Promise((resolve) => {
            let last = -1, still = 0;
            const check = () => {
                still = window.scrollY === last ? still + 1 : 0;
                last = window.scrollY;
                if (still >= 10) resolve(last); else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
        })"""
    )


def expert_comments_suggests_scores_and_requests_changes(page, url) -> Comment:
    page.goto(url)
    expect(page.locator("#reading h2")).to_have_count(12)
    expect(page.locator("#reading .gantt-chart")).to_be_visible()
    no_inline_code(page)  # before axe, which Playwright injects as an inline script
    assert axe_violations(page) == []

    # A passage selected in the text offers a comment; the thread lands in the margin beside it.
    select_text(page, "#section-risks .reading-text", "Text of Risks")
    page.mouse.up()
    page.locator("#selection-actions").get_by_role("button", name="Comment").click()
    form = page.locator("#comment-on-risks")
    expect(form.get_by_label(re.compile("^Passage"))).to_have_value("Text of Risks")
    form.get_by_label("Comment", exact=True).fill("Which risk worries you most?")
    form.get_by_role("button", name="Add comment").click()
    comment = Comment.objects.get()
    thread = page.locator(f"#thread-{comment.pk}")
    expect(thread).to_be_focused()
    expect(thread).to_contain_text("Which risk worries you most?")
    row = page.locator(".reading-row", has=thread)
    expect(row.locator("mark.comment-mark")).to_have_text("Text of Risks")
    # Beside the text on a wide screen, level with the paragraph (measured in one go: the page
    # may still scroll to the thread).
    text_box, margin_box = page.evaluate(
        """(id) => {
            const thread = document.getElementById(id);
            const text = thread.closest(".reading-row").querySelector(".reading-text");
            return [text, thread].map((e) => e.getBoundingClientRect().toJSON());
        }""",
        f"thread-{comment.pk}",
    )
    assert margin_box["x"] > text_box["x"] + text_box["width"]
    assert abs(margin_box["y"] - text_box["y"]) < 5

    # ... and a rewording.
    select_text(page, "#section-legal-framework .reading-text", "Text of Legal framework.")
    page.mouse.up()
    page.locator("#selection-actions").get_by_role("button", name="Suggest").click()
    suggest = page.locator("#suggest-on-legal-framework")
    suggest.get_by_label("Suggested text").fill(REWORDED)
    suggest.get_by_role("button", name="Suggest").click()
    expect(page.get_by_text("Suggestion saved")).to_be_visible()

    # Scores, then the decision, which releases the comment with it.
    for select in page.locator("#scores select").all():
        select.select_option("4")
    page.get_by_role("button", name="Record my scores").click()
    expect(page.get_by_text("Your scores were recorded")).to_be_visible()
    page.get_by_label("Summary for the trainee").fill("Rank the risks; see my rewording.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision was recorded")).to_be_visible()
    return comment


def trainee_accepts_and_resubmits(page, live_server, plan) -> None:
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/risks/")
    page.get_by_label("How did you address it? (optional)").fill("Floods come first.")
    page.get_by_role("button", name="Mark as addressed").click()
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/legal-framework/")
    page.get_by_role("button", name="Accept the suggestion").click()
    expect(page.get_by_text("The suggestion is applied to your text.")).to_be_visible()
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("link", name="Submit a revision…").click()
    page.get_by_role("button", name="Submit version 2").click()
    expect(page.get_by_text("Version 2 was submitted.")).to_be_visible()


def test_expert_reads_comments_suggests_scores_trainee_accepts_expert_sees_the_change(
    live_server, axe_page, expert
):
    version = submitted_version(lead=expert)
    plan = version.plan
    page = axe_page
    url = f"{live_server.url}/plans/{plan.pk}/review/"
    login(page, live_server, expert)
    comment = expert_comments_suggests_scores_and_requests_changes(page, url)
    assert Plan.objects.get(pk=plan.pk).status == "changes_requested"
    assert Comment.objects.get(pk=comment.pk).is_released
    assert Score.objects.filter(version=version, expert=expert).count() == 6
    page.context.clear_cookies()

    login(page, live_server, plan.enrolment.trainee)
    trainee_accepts_and_resubmits(page, live_server, plan)
    assert Suggestion.objects.get().status == "accepted"
    page.context.clear_cookies()

    # The expert sees what changed: the reworded section open and marked, the others folded.
    login(page, live_server, expert)
    page.goto(url)
    expect(page.locator("#review-changes")).to_have_text("Legal framework")
    changed = page.locator("#section-legal-framework")
    expect(changed.locator(".reading-diff del").first).to_be_visible()
    inserted = " ".join(changed.locator(".reading-diff ins").all_inner_texts())
    assert "rests on decree 38/2015" in inserted
    expect(changed.locator(".reading-text").first).to_have_text(REWORDED)
    folded = page.locator("details.reading-fold")
    expect(folded).to_have_count(11)
    expect(page.locator("#section-risks details.reading-fold")).not_to_have_attribute("open", "")
    assert axe_violations(page) == []

    # The keyboard leads to the comment, unfolding its section; accepting it swaps it in place.
    page.locator("body").press("j")
    thread = page.locator(f"#thread-{comment.pk}")
    expect(thread).to_be_focused()
    expect(page.locator("#section-risks details.reading-fold")).to_have_attribute("open", "")
    scroll = settled_scroll(page)
    thread.get_by_role("button", name="Accept").click()
    expect(thread.locator(".comment-status-accepted")).to_have_text("Accepted")
    expect(thread).to_be_focused()
    assert page.url == url  # swapped in place: no navigation
    assert abs(settled_scroll(page) - scroll) < 5
    assert Comment.objects.get(pk=comment.pk).status == "accepted"
    assert page.console_errors == []


@pytest.fixture
def page_without_js(_chromium):
    context = _chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", java_script_enabled=False
    )
    yield context.new_page()
    context.close()


def test_without_javascript_the_section_forms_filters_and_actions_work(
    live_server, page_without_js, expert
):
    version = submitted_version(lead=expert)
    plan = version.plan
    addressed = comment_create(plan=plan, author=expert, section_key="risks", body="Rank them.")
    comment_release(comment=addressed, actor=expert)
    comment_mark_addressed(comment=addressed, actor=plan.enrolment.trainee, reply="Ranked.")
    page = page_without_js
    url = f"{live_server.url}/plans/{plan.pk}/review/"
    login(page, live_server, expert)
    page.goto(url)

    form = page.locator("#comment-on-risks")
    form.get_by_text("Comment on this section").click()
    form.get_by_label(re.compile("^Passage")).fill("Text of Risks")
    form.get_by_label("Comment", exact=True).fill("Floods first?")
    form.get_by_role("button", name="Add comment").click()
    new = Comment.objects.get(body="Floods first?")
    assert page.url == f"{url}#thread-{new.pk}"
    expect(page.locator(f"#thread-{new.pk}")).to_contain_text("Floods first?")
    expect(page.locator(f"mark[data-threads='{new.pk}']")).to_have_text("Text of Risks")

    page.locator(f"#thread-{addressed.pk}").get_by_role("button", name="Accept").click()
    assert page.url == f"{url}#thread-{addressed.pk}"
    expect(page.locator(f"#thread-{addressed.pk} .comment-status-accepted")).to_be_visible()

    page.get_by_role("link", name="Accepted", exact=True).click()
    expect(page.locator("article.thread")).to_have_count(1)
    page.get_by_role("link", name="Open or reopened").click()
    expect(page.locator("article.thread")).to_have_count(1)
    expect(page.locator(f"#thread-{new.pk}")).to_be_visible()

    # On a phone the thread stands under its paragraph, not beside it.
    page.set_viewport_size({"width": 390, "height": 800})
    row = page.locator(".reading-row", has=page.locator(f"#thread-{new.pk}"))
    text_box = row.locator(".reading-text").bounding_box()
    thread_box = page.locator(f"#thread-{new.pk}").bounding_box()
    assert thread_box["y"] >= text_box["y"] + text_box["height"]
    assert abs(thread_box["x"] - text_box["x"]) < 20


def test_under_the_strict_csp_selection_keys_and_htmx_actions_run_without_errors(
    live_server, browser_page, expert
):
    version = submitted_version(lead=expert)
    plan = version.plan
    thread = comment_create(plan=plan, author=expert, section_key="risks", body="Rank them.")
    comment_release(comment=thread, actor=expert)
    comment_mark_addressed(comment=thread, actor=plan.enrolment.trainee, reply="Ranked.")
    page = browser_page
    login(page, live_server, expert)
    page.goto(f"{live_server.url}/plans/{plan.pk}/review/")

    select_text(page, "#section-pilot-site-and-scope .reading-text", "Text of Pilot site")
    page.mouse.up()
    page.locator("#selection-actions").get_by_role("button", name="Comment").click()
    expect(page.locator("#comment-quote-pilot-site-and-scope")).to_have_value("Text of Pilot site")
    expect(page.locator("#comment-body-pilot-site-and-scope")).to_be_focused()

    page.locator("#comment-body-pilot-site-and-scope").press("Escape")
    page.locator("h1").click()
    page.keyboard.press("j")
    article = page.locator(f"#thread-{thread.pk}")
    expect(article).to_be_focused()
    article.get_by_role("button", name="Reopen").click()
    expect(article.locator(".comment-status-reopened")).to_have_text("Reopened")
    expect(article).to_be_focused()
    article.locator("summary", has_text="Reply").click()
    article.get_by_label("Reply").fill("Please rank floods too.")
    article.get_by_role("button", name="Send reply").click()
    expect(article).to_contain_text("Please rank floods too.")
    assert Comment.objects.get(pk=thread.pk).status == "reopened"
    assert page.console_errors == []
