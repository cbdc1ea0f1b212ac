"""A coordinator imports nominations from a CSV file and fills the seats."""

import pytest

from ecotown.core.models import User
from planning_docs.models import Plan
from tests.browser import login
from tests.factories.core import PASSWORD, ExpertFactory
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import enrolment_in
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


def test_coordinator_imports_accepts_assigns_and_a_withdrawal_offers_the_seat_onward(
    live_server, browser_page, coordinator, tmp_path
):
    seminar = SeminarFactory(title="Eco-Town Seminar 2026", capacity=3)
    enrolment_in(seminar, status=Enrolment.Status.ACCEPTED, country="VN")
    leaving = enrolment_in(seminar, status=Enrolment.Status.ACCEPTED, country="IN")
    ExpertFactory(first_name="Kenji", last_name="Tanaka")
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
    page.get_by_role("link", name="Assign experts for Kwame Mensah").click()
    page.get_by_label("Lead expert").select_option(label="Kenji Tanaka (leads 0, advises 0)")
    page.get_by_role("button", name="Save the assignment").click()
    assert page.get_by_role("cell", name="Kenji Tanaka").is_visible()

    page.get_by_role("button", name="Accept Sokha Chea").click()
    assert page.get_by_text(
        "No seat is left: Sokha Chea was not accepted and is now on the waitlist."
    ).is_visible()
    assert page.get_by_text("3 of 3 seats held · 0 free · 1 on the waitlist").is_visible()

    page.get_by_role("button", name=f"Withdraw {leaving.trainee}").click()
    assert page.get_by_text("3 of 3 seats held · 0 free · 0 on the waitlist").is_visible()
    assert page.console_errors == []

    sokha = User.objects.get(email="sokha@example.org")
    sokha.set_password(PASSWORD)
    sokha.save()
    page.context.clear_cookies()
    login(page, live_server, sokha)
    page.get_by_role("link", name="Answer the offer").click()
    page.get_by_role("button", name="Accept the seat").click()
    assert page.get_by_text("Welcome: the seat is yours and your plan is ready.").is_visible()
    statuses = dict(Enrolment.objects.values_list("trainee__email", "status"))
    assert (statuses["kwame@example.org"], statuses["sokha@example.org"]) == (
        "accepted",
        "accepted",
    )
    assert Plan.objects.filter(enrolment__trainee=sokha).exists()
    assert page.console_errors == []
