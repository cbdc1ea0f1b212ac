"""Playwright driving Debian's Chromium against pytest-django's live server.

Use the `browser_page` fixture (with `live_server`); `login(page, live_server, user)` signs in
through the real form. A screenshot of every failing browser test is kept under var/screenshots.
"""

import os
from pathlib import Path

import pytest

from tests.factories.core import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def _chromium():
    # Playwright's sync API runs an event loop; Django must allow ORM calls from tests beside it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash.setdefault(_FAILED, report.failed)
    return report


_FAILED = pytest.StashKey[bool]()


def _page(context):
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    return page


def _keep_screenshot(page, request) -> None:
    if request.node.stash.get(_FAILED, False):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", full_page=True)


@pytest.fixture
def browser_page(_chromium, request):
    """A fresh browser context per test; console errors (CSP violations too) are collected."""
    context = _chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = _page(context)
    yield page
    _keep_screenshot(page, request)
    context.close()


@pytest.fixture
def axe_page(_chromium, request):
    """A browser page into which the tests may inject axe-core (tests/e2e/vendor/axe-core).

    The portal's CSP refuses inline scripts, and rightly; Playwright injects a file as an inline
    script, so this one context (and no other) bypasses the CSP. The portal's headers are the
    same: tests/security/test_headers.py and the other browser tests keep the CSP enforced.
    """
    context = _chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = _page(context)
    yield page
    _keep_screenshot(page, request)
    context.close()


def login(page, live_server, user, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
