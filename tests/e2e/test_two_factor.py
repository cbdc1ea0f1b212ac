"""A coordinator's first sign-in when their role requires a second factor: the setup page with
its QR code, the recovery codes, then a later sign-in with the app's code. Each page passes axe."""

import base64

import pytest
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.e2e.test_accessibility import axe_violations
from tests.factories.core import CoordinatorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_from_key(manual_key: str, drift: int = 0) -> str:
    return f"{totp(base64.b32decode(manual_key), drift=drift):06d}"


def test_a_coordinator_sets_up_the_app_and_signs_in_with_it(live_server, axe_page, settings):
    settings.MFA_REQUIRED_ROLES = ["coordinator"]
    coordinator = CoordinatorFactory()
    page = axe_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(coordinator.username)
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(
        page.get_by_alt_text("QR code to add the portal to your authenticator app")
    ).to_be_visible()
    assert axe_violations(page) == []
    key = page.locator("code").inner_text()
    page.get_by_label("Code").fill(code_from_key(key))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert page.locator("section li").count() == 10
    assert axe_violations(page) == []
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_url(f"{live_server.url}/")

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(coordinator.username)
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Code").fill(code_from_key(key, drift=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.url == f"{live_server.url}{reverse('core:dashboard')}"
