"""A trainee in the room: from the dashboard to the seminar week, a mistyped code refused, the
room's code accepted (the QR code's link fills it in), and the session's slides downloaded."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ecotown.core.demo_files import text_pdf
from seminars.attendance import check_in_code
from seminars.materials import material_add
from seminars.models import Attendance
from tests.browser import login
from tests.factories.core import CoordinatorFactory, TraineeFactory
from tests.factories.seminars import SeminarFactory, SessionFactory
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def room(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    seminar = SeminarFactory(start_date=today - timedelta(days=1), end_date=today + timedelta(10))
    now = timezone.now()
    session = SessionFactory(
        seminar=seminar,
        title="Extended producer responsibility",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(minutes=80),
    )
    material_add(
        session=session,
        content=text_pdf(["Producer responsibility, law by law"]),
        name="epr.pdf",
        declared_type="application/pdf",
        title="Producer responsibility",
        kind="slides",
        actor=CoordinatorFactory(),
    )
    trainee = TraineeFactory()
    AcceptedEnrolmentFactory(seminar=seminar, trainee=trainee)
    return session, trainee


def test_a_trainee_checks_in_with_the_code_and_downloads_the_slides(
    live_server, browser_page, room
):
    session, trainee = room
    page = browser_page
    login(page, live_server, trainee)
    page.get_by_role("link", name="Materials and check-in").click()
    expect(page.get_by_text("You attended 0 of 1 sessions")).to_be_visible()

    page.get_by_label("The code shown in the room").fill("ZZZZZZ")
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("This code matches no session of your seminar.")).to_be_visible()
    assert not Attendance.objects.exists()

    # The QR code in the room opens this page with the code filled in.
    page.goto(f"{live_server.url}/seminars/check-in/?code={check_in_code(session)}")
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text(f"You are checked in to “{session.title}”.")).to_be_visible()
    expect(page.get_by_text("Attended", exact=True)).to_be_visible()
    assert Attendance.objects.get().trainee == trainee

    with page.expect_download() as download:
        page.get_by_role("link", name="Producer responsibility").click()
    assert download.value.suggested_filename == "producer-responsibility.pdf"
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    # The refused code answered 400, as refused input does; nothing else (no CSP violation).
    assert [e for e in page.console_errors if "status of 400" not in e] == []
