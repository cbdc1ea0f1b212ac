import pytest

from tests.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_sees_their_menu_and_signs_out(live_server, browser_page, coordinator):
    page = browser_page
    login(page, live_server, coordinator)
    assert page.get_by_role("heading", name="Coordinator’s desk").is_visible()
    nav = page.get_by_role("navigation", name="Main navigation")
    assert nav.get_by_role("link", name="Roster").is_visible()

    nav.get_by_role("button", name=str(coordinator)).click()  # the user menu
    nav.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    assert page.console_errors == []
