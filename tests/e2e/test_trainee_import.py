"""A coordinator imports nominations from a CSV file and fills the seats."""

import pytest

from tests.browser import login
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import enrolment_in, ensure_default_plan_template
from trainees.models import Enrolment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CSV = (
    "first_name,last_name,email,country,organisation\n"
    "Kwame,Mensah,kwame@example.org,GH,EPA Ghana\n"
    "Sokha,Chea,sokha@example.org,KH,Ministry of Environment\n"
)


def test_coordinator_imports_a_csv_accepts_and_sees_the_last_seat_waitlisted(
    live_server, browser_page, coordinator, tmp_path
):
    ensure_default_plan_template()
    seminar = SeminarFactory(title="Eco-Town Seminar 2026", capacity=3)
    enrolment_in(seminar, status=Enrolment.Status.ACCEPTED, country="VN")
    enrolment_in(seminar, status=Enrolment.Status.ACCEPTED, country="IN")
    upload = tmp_path / "nominations.csv"
    upload.write_text(CSV, encoding="utf-8")
    page = browser_page
    login(page, live_server, coordinator)

    page.goto(f"{live_server.url}/trainees/import/")
    page.get_by_label("CSV file").set_input_files(str(upload))
    page.get_by_label("Nominate to seminar").select_option(label="Eco-Town Seminar 2026")
    page.get_by_role("button", name="Check the file").click()
    assert page.get_by_text("2 trainees are ready to import").is_visible()
    page.get_by_role("button", name="Import all rows").click()
    assert page.get_by_text("2 trainees were imported, nominated and invited.").is_visible()

    page.get_by_role("button", name="Accept Kwame Mensah").click()
    assert page.get_by_text("Kwame Mensah is accepted; their plan is ready.").is_visible()
    page.get_by_role("button", name="Accept Sokha Chea").click()
    assert page.get_by_text(
        "No seat is left: Sokha Chea was not accepted and is now on the waitlist."
    ).is_visible()
    assert page.get_by_text("3 of 3 seats held · 0 free · 1 on the waitlist").is_visible()
    assert page.console_errors == []
    statuses = dict(Enrolment.objects.values_list("trainee__email", "status"))
    assert (statuses["kwame@example.org"], statuses["sokha@example.org"]) == (
        "accepted", "waitlisted"
    )  # fmt: skip
    page.screenshot(path=str(tmp_path.parent / "roster.png"), full_page=True)
