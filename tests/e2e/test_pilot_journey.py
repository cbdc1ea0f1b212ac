"""The follow-up journey in a real browser: the coordinator's portfolio shows a pilot not
started; its trainee files the 6-month report; the lead expert comments on it; the coordinator
sees the pilot turn "on track" in the portfolio's table and on its map."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from pilots.models import ProgressReport, ReportComment
from tests.browser import login
from tests.factories.core import CoordinatorFactory
from tests.factories.pilots import approved_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _portfolio_row(page, live_server, plan):
    page.goto(f"{live_server.url}/portfolio/")
    return page.locator(f'#portfolio-rows tr[data-plan="{plan.pk}"]')


def test_trainee_files_expert_comments_coordinator_sees_on_track(
    live_server, browser_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = approved_plan(
        pilot_country="KE",
        sector="composting",
        pilot_latitude=Decimal("-0.10220"),
        pilot_longitude=Decimal("34.76170"),
    )
    trainee, expert = plan.enrolment.trainee, plan.assignments.get().expert
    coordinator = CoordinatorFactory()
    page = browser_page
    dot = page.locator(f'circle.pilot-dot[data-plan="{plan.pk}"]')

    # Before any report: not started, a grey dot on the map.
    login(page, live_server, coordinator)
    row = _portfolio_row(page, live_server, plan)
    expect(row).to_have_attribute("data-status", "not_started")
    expect(dot).to_have_attribute("fill", "#6c757d")
    page.context.clear_cookies()

    # The trainee fills in the 6-month report and submits it.
    six = plan.check_ins.get(months=6)
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/pilots/check-ins/{six.pk}/report/")
    # The rows come from the approved version: one indicator, two milestones, two sources.
    page.locator('[name="ind-0-actual"]').fill("2400")  # 1200 -> 5000: 31.6 % of the way
    page.locator('[name="ind-0-date"]').fill("2026-11-20")
    page.locator('[name="ind-0-source"]').fill("City weighbridge")
    for name in ("ms-0-state", "ms-1-state"):
        page.locator(f'[name="{name}"]').select_option("on_track")
    for field in page.locator('[name^="fin-"][name$="-secured"]').all():
        field.fill("1000")
    page.get_by_label("What worked").fill("The composting by-law passed.")
    page.get_by_label("Obstacles").fill("Trucks came late.")
    page.get_by_label("Help requested from Kitakyushu").fill("A site visit.")
    page.get_by_role("button", name="Submit report").click()
    expect(page.get_by_text("Your report was submitted. Thank you.")).to_be_visible()
    report = ProgressReport.objects.get(check_in=six)
    assert report.status == "submitted"
    page.context.clear_cookies()

    # The lead expert comments on it.
    login(page, live_server, expert)
    page.goto(f"{live_server.url}/pilots/reports/{report.pk}/")
    page.get_by_role("textbox", name="Comment").fill(
        "A good start: send the weighbridge logs next time."
    )
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Your comment was added.")).to_be_visible()
    assert ReportComment.objects.get(report=report).author == expert
    page.context.clear_cookies()

    # The coordinator sees the pilot on track, in the table and on the map.
    login(page, live_server, coordinator)
    row = _portfolio_row(page, live_server, plan)
    expect(row).to_have_attribute("data-status", "on_track")
    expect(row.locator(".badge")).to_have_text("On track")
    expect(row).to_contain_text("31.6%")
    expect(dot).to_have_attribute("data-status", "on_track")
    expect(dot).to_have_attribute("fill", "#198754")
    expect(page.locator('table[data-count="status"] tr[data-key="on_track"] td')).to_have_text("1")
    assert page.console_errors == []
