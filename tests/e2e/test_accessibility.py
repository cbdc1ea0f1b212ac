"""axe-core on every main page, for every role: no serious or critical WCAG 2.2 AA violation.

axe is vendored for the tests only (tests/e2e/vendor/axe-core, with its licence) and injected by
Playwright: the portal never serves it, and its Content-Security-Policy stays as strict as it is.
The pages are those of the demo's story, so that every state a person meets is on screen.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from ecotown.core.demo import DEMO_PASSWORD
from notifications.models import Notification
from pilots.models import ProgressReport
from planning_docs.coauthors import coauthor_invite
from planning_docs.models import PdfRender, Plan, PlanTemplate
from seminars.models import Seminar
from tests.browser import login
from trainees.models import Enrolment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const where = (node) => {
    const colours = node.any.map((check) => check.data).find((data) => data && data.fgColor);
    const target = node.target.join(" ");
    return colours ? `${target} [${colours.fgColor} on ${colours.bgColor}]` : target;
  };
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map(where).join(", ")}`);
}"""


def axe_violations(page) -> list[str]:
    """Serious and critical WCAG 2.2 A/AA violations on the page as it stands."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_22_AA)


def plan_of(username: str) -> Plan:
    return Plan.objects.get(enrolment__trainee__username=username)


def role_pages(role: str) -> list[tuple[str, str]]:
    """(label, URL) of every main page the role uses, found in the demo data."""
    draft, resubmitted = plan_of("trainee01"), plan_of("trainee05")
    seminar = Seminar.objects.get(pk=draft.enrolment.seminar_id)
    approved = plan_of("trainee04")
    render = PdfRender.objects.filter(plan=approved).order_by("pk").first()
    report = ProgressReport.objects.get(check_in__plan=approved)
    diff = reverse("planning_docs:version-diff", args=[resubmitted.pk]) + "?from=1&to=2"
    common = [
        ("dashboard", reverse("core:dashboard")),
        ("seminar list", reverse("seminars:seminar-list")),
        ("seminar page", reverse("seminars:seminar-detail", args=[seminar.pk])),
        ("notifications", reverse("notifications:list")),
        ("account settings", reverse("account-settings")),
        ("two-factor sign-in", reverse("mfa-setup")),
        ("password change", reverse("password_change")),
    ]
    reading = [
        ("plan list", reverse("planning_docs:plan-list")),
        ("plan page", reverse("planning_docs:plan-detail", args=[resubmitted.pk])),
        ("versions", reverse("planning_docs:version-list", args=[resubmitted.pk])),
        (
            "version",
            reverse("planning_docs:version-detail", args=[resubmitted.pk, 1]),
        ),
        ("diff", diff),
        ("review desk", reverse("reviews:review", args=[resubmitted.pk])),
        ("approved plan page", reverse("planning_docs:plan-detail", args=[approved.pk])),
        # trainee04's plan shows figures and an annex.
        ("approved version", reverse("planning_docs:version-detail", args=[approved.pk, 1])),
        ("figures", reverse("planning_docs:figure-list", args=[approved.pk])),
        ("annexes", reverse("planning_docs:annex-list", args=[approved.pk])),
        # The render's own page: the plan's PDF address serves the file once a worker made it.
        ("PDF status", reverse("planning_docs_pdf:render-status", args=[render.pk])),
        ("pilot page", reverse("pilots:pilot-detail", args=[approved.pk])),
        ("progress report", reverse("pilots:report-detail", args=[report.pk])),
    ]
    if role == "coordinator":
        template = PlanTemplate.objects.first()
        trainee = Enrolment.objects.filter(seminar=seminar).first().trainee
        session = seminar.sessions.order_by("starts_at").first()
        return [
            *common,
            *reading,
            ("seminar form", reverse("seminars:seminar-edit", args=[seminar.pk])),
            ("session form", reverse("seminars:session-add", args=[seminar.pk])),
            ("seminar copy", reverse("seminars:seminar-copy", args=[seminar.pk])),
            ("roster", reverse("trainees:roster")),
            ("audit log", reverse("core:audit")),
            ("experts", reverse("trainees:expert-list")),
            ("new trainee", reverse("trainees:trainee-create")),
            ("person edit", reverse("trainees:person-edit", args=[trainee.pk])),
            ("person erasure", reverse("trainees:person-erase", args=[trainee.pk])),
            ("CSV import", reverse("trainees:import")),
            ("assign experts", reverse("planning_docs:plan-assign", args=[draft.pk])),
            ("templates", reverse("planning_docs:template-list")),
            ("template", reverse("planning_docs:template-detail", args=[template.pk])),
            ("new template", reverse("planning_docs:template-create")),
            (
                "template section form",
                reverse("planning_docs:template-section-create", args=[template.pk]),
            ),
            ("new seminar", reverse("seminars:seminar-create")),
            ("session edit", reverse("seminars:session-edit", args=[seminar.pk, session.pk])),
            (
                "session removal",
                reverse("seminars:session-remove", args=[seminar.pk, session.pk]),
            ),
            ("new expert", reverse("trainees:expert-create")),
            ("pilots", reverse("pilots:pilot-list")),
            ("portfolio", reverse("portfolio:portfolio")),
            ("programme reports", reverse("portfolio:programme-reports")),
        ]
    if role == "expert":
        return [*common, *reading]
    if role == "coauthor":
        shared = plan_of("trainee02")
        return [
            *common[:2],
            *common[3:],
            ("plan list", reverse("planning_docs:plan-list")),
            ("plan page", reverse("planning_docs:plan-detail", args=[shared.pk])),
            ("section", reverse("planning_docs:section-edit", args=[shared.pk, "risks"])),
            ("versions", reverse("planning_docs:version-list", args=[shared.pk])),
        ]
    # The trainee who is still drafting: their plan, its editors and their profile.
    return [
        *common,
        ("plan list", reverse("planning_docs:plan-list")),
        ("plan page", reverse("planning_docs:plan-detail", args=[draft.pk])),
        ("plan details form", reverse("planning_docs:plan-edit", args=[draft.pk])),
        ("figure upload", reverse("planning_docs:figure-list", args=[draft.pk])),
        ("annex upload", reverse("planning_docs:annex-list", args=[draft.pk])),
        ("section editor", reverse("planning_docs:section-edit", args=[draft.pk, "risks"])),
        (
            "table section editor",
            reverse("planning_docs:section-edit", args=[draft.pk, "financing-plan"]),
        ),
        ("versions", reverse("planning_docs:version-list", args=[draft.pk])),
        ("submit confirmation", reverse("planning_docs:plan-submit", args=[draft.pk])),
        ("co-authors", reverse("planning_docs:coauthor-list", args=[draft.pk])),
        ("profile", reverse("trainees:profile")),
    ]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return get_user_model().objects


def visit_all(page, live_server, pages) -> dict[str, list[str]]:
    found = {}
    for label, url in pages:
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None and response.status == 200, (label, url)
        violations = axe_violations(page)
        if violations:
            found[f"{label} {url}"] = violations
    return found


@pytest.mark.parametrize(
    ("role", "username"),
    [
        ("coordinator", "unido"),
        ("expert", "expert"),
        ("trainee", "trainee01"),
        ("coauthor", "coauthor02"),
    ],
)
def test_every_main_page_passes_axe_for_each_role(live_server, axe_page, demo, role, username):
    page = axe_page
    login(page, live_server, demo.get(username=username), password=DEMO_PASSWORD)
    found = visit_all(page, live_server, role_pages(role))
    assert found == {}, "\n".join(f"{page}: {found[page]}" for page in found)
    assert page.console_errors == []


def test_pages_before_sign_in_pass_axe(live_server, axe_page, demo):
    pages = [
        ("login", reverse("login")),
        ("password reset", reverse("password_reset")),
        ("privacy notice", reverse("privacy-notice")),
        ("password reset sent", reverse("password_reset_done")),
        (
            "password reset link",
            reverse("password_reset_confirm", args=["MQ", "set-password"]),
        ),
    ]
    page = axe_page
    found = visit_all(page, live_server, pages)
    assert found == {}, "\n".join(f"{page}: {found[page]}" for page in found)
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("Username").fill("unido")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()  # the form with its error message
    assert axe_violations(page) == []


def test_axe_is_kept_for_the_tests_and_never_served_by_the_portal():
    from django.contrib.staticfiles import finders

    served = [path for finder in finders.get_finders() for path, _ in finder.list([])]
    assert AXE.is_file()
    assert [path for path in served if "axe" in path.rsplit("/", 1)[-1]] == []


def test_a_form_with_its_errors_passes_axe(live_server, axe_page, demo):
    seminar = Seminar.objects.get(pk=plan_of("trainee01").enrolment.seminar_id)
    page = axe_page
    login(page, live_server, demo.get(username="unido"), password=DEMO_PASSWORD)
    page.goto(f"{live_server.url}{reverse('seminars:session-add', args=[seminar.pk])}")
    page.get_by_label("Title").fill("Ends before it starts")
    starts = page.locator("input[name=starts_at]").input_value()  # the seminar's first morning
    page.locator("input[name=ends_at]").fill(starts.replace("T09:30", "T08:00"))
    page.get_by_role("button", name="Save session").click()  # the server answers with errors
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert axe_violations(page) == []


def test_the_pilot_pages_of_a_trainee_pass_axe(live_server, axe_page, demo):
    """trainee04, whose plan is approved: the dashboard's check-in, the pilot, the report form
    (with its errors too) and the submitted report."""
    plan = plan_of("trainee04")
    twelve = plan.check_ins.get(months=12)
    report = ProgressReport.objects.get(check_in__plan=plan)
    page = axe_page
    login(page, live_server, demo.get(username="trainee04"), password=DEMO_PASSWORD)
    pages = [
        ("dashboard", reverse("core:dashboard")),
        ("plan page", reverse("planning_docs:plan-detail", args=[plan.pk])),
        ("pilot page", reverse("pilots:pilot-detail", args=[plan.pk])),
        ("report form", reverse("pilots:report-edit", args=[twelve.pk])),
        ("progress report", reverse("pilots:report-detail", args=[report.pk])),
    ]
    found = visit_all(page, live_server, pages)
    assert found == {}, "\n".join(f"{page}: {found[page]}" for page in found)
    page.goto(f"{live_server.url}{reverse('pilots:report-edit', args=[twelve.pk])}")
    page.get_by_role("button", name="Submit report").click()  # nothing filled in: errors
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert axe_violations(page) == []


def test_the_coauthor_invitation_page_passes_axe(live_server, axe_page, demo):
    plan = plan_of("trainee01")
    coauthor_invite(plan=plan, email="colleague@example.org", actor=plan.enrolment.trainee)
    body = Notification.objects.get(email="colleague@example.org").body
    link = re.search(r"(/plans/coauthors/accept/\S+/)$", body, re.M).group(1)
    page = axe_page
    found = visit_all(page, live_server, [("co-author invitation", link)])
    assert found == {}, "\n".join(f"{page}: {found[page]}" for page in found)
    page.get_by_label("First name").fill("Awa")
    page.get_by_label("Last name").fill("Diallo")
    page.get_by_label("Password", exact=False).first.fill("kitakyushu-eco-2026")
    page.get_by_label("Password again").fill("kitakyushu-eco-2062")
    page.get_by_role("button", name="Make my account and join").click()  # they differ: errors
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert axe_violations(page) == []
