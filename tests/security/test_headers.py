"""Security headers and cookie flags as a browser receives them."""

import pytest
from django.urls import reverse

from tests.factories.core import PASSWORD
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def test_every_page_sends_the_security_headers(client):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["style-src"] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]


def test_session_and_csrf_cookies_are_http_only_same_site_and_secure_in_production(
    client, settings, trainee
):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client.get(reverse("login"))
    response = client.post(
        reverse("login"),
        {"username": trainee.username, "password": PASSWORD},
        secure=True,
    )
    session = response.cookies["sessionid"]
    assert session["httponly"] is True
    assert session["secure"] is True
    assert session["samesite"] == "Lax"
    csrf = client.cookies["csrftoken"]
    assert csrf["httponly"] is True
    assert csrf["secure"] is True


def test_post_without_a_csrf_token_is_refused(trainee):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    with nothing_changes(trainee):
        response = strict.post(
            reverse("login"), {"username": trainee.username, "password": PASSWORD}
        )
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


def test_lockouts_are_logged(client, trainee, caplog):
    with caplog.at_level("WARNING", logger="axes"):
        for _ in range(5):
            client.post(reverse("login"), {"username": trainee.username, "password": "wrong"})
    assert any("Locking out" in record.getMessage() for record in caplog.records)
