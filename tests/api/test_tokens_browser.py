"""A person's token journey in Chromium: settings -> API tokens, create one and copy it, use it,
revoke it, and the next call is refused."""

import http.client
from urllib.parse import urlsplit

import pytest

from api.models import ApiToken
from tests.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def call_api(live_server, key) -> int:
    """GET /api/plans/ from outside the browser (no session), with the token only."""
    address = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request("GET", "/api/plans/", headers={"Authorization": f"Bearer {key}"})
        return connection.getresponse().status
    finally:
        connection.close()


def test_a_trainee_creates_uses_and_revokes_a_token(live_server, browser_page, trainee):
    page = browser_page
    login(page, live_server, trainee)
    page.goto(f"{live_server.url}/accounts/settings/")
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("Ministry dashboard")
    page.get_by_label("Read only").check()
    page.get_by_role("button", name="Create token").click()
    key = page.locator("#new-token").inner_text()
    token = ApiToken.objects.get(user=trainee)
    assert (token.name, token.scope, key[: len(token.prefix)]) == (
        "Ministry dashboard",
        "read",
        token.prefix,
    )

    # Another program, without the browser's session: the token alone signs it in.
    assert call_api(live_server, key) == 200

    page.goto(f"{live_server.url}/accounts/api-tokens/")
    assert key not in page.content()
    page.get_by_role("button", name="Revoke").click()
    page.get_by_text("is revoked").wait_for()
    assert call_api(live_server, key) == 401
    assert page.console_errors == []
