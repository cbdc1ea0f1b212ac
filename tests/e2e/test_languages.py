"""The portal in another language, as a browser shows it: the switcher, and Arabic laid out
right to left (checked on the rendered page: where things stand, and a screenshot)."""

import pytest
from PIL import Image

from tests.browser import _page, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def arabic_page(_chromium):
    context = _chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ar-EG")
    page = _page(context)
    yield page
    context.close()


def test_an_arabic_browser_gets_the_page_right_to_left(live_server, arabic_page, tmp_path):
    page = arabic_page
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    width = page.viewport_size["width"]
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] > width / 2  # the portal's name stands on the right
    # The form's labels start on the right edge of their column, as Arabic is read.
    label = page.locator("main label").first.bounding_box()
    field = page.locator("main input:not([type=hidden])").first.bounding_box()
    assert label["x"] + label["width"] == pytest.approx(field["x"] + field["width"], abs=2)
    shot = tmp_path / "login-ar.png"
    page.screenshot(path=shot)
    image = Image.open(shot).convert("L")
    # The green header bar spans the top of the picture, the page below it is light.
    assert image.getpixel((width - 5, 5)) < 128 and image.getpixel((width // 2, 600)) > 200
    assert page.console_errors == []


def test_the_switcher_turns_the_page_and_the_settings_to_french(live_server, browser_page, trainee):
    page = browser_page
    login(page, live_server, trainee)
    page.get_by_role("button", name="Language: EN").click()
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    trainee.refresh_from_db()
    assert trainee.language == "fr"
