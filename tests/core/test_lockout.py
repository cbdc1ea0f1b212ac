"""Sign-in lockouts: failures lock an account for the address they came from, never for its
owner elsewhere; behind our proxies the client's address is the one the proxy saw."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from ecotown.core.client_ip import client_ip
from tests.factories.core import PASSWORD, TraineeFactory

pytestmark = pytest.mark.django_db

STRANGER, OWNER, PROXY = "203.0.113.9", "198.51.100.7", "10.0.0.2"


def _sign_in(client, user, password, **meta):
    return client.post(reverse("login"), {"username": user.username, "password": password}, **meta)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_stranger_elsewhere_cannot_lock_out_the_coordinator(client, coordinator):
    for _ in range(10):
        _sign_in(client, coordinator, "guess", REMOTE_ADDR=STRANGER)
    locked = _sign_in(client, coordinator, PASSWORD, REMOTE_ADDR=STRANGER)
    assert locked.status_code == 429  # the right password too, from the stranger's address
    assert not _signed_in(client)
    response = _sign_in(client, coordinator, PASSWORD, REMOTE_ADDR=OWNER)
    assert response.status_code == 302
    assert _signed_in(client)


def test_behind_a_trusted_proxy_the_clients_own_address_counts(client, coordinator, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        _sign_in(client, coordinator, "guess", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER)
    locked = _sign_in(
        client, coordinator, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER
    )
    assert locked.status_code == 429
    # Everyone comes through the same proxy; the coordinator is not locked out with the stranger.
    response = _sign_in(
        client, coordinator, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OWNER
    )
    assert response.status_code == 302
    assert _signed_in(client)


def test_a_forged_forwarded_address_neither_evades_nor_frames(client, coordinator, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The stranger writes the owner's address first; the proxy appends the stranger's own.
    for number in range(5):
        _sign_in(
            client,
            coordinator,
            "guess",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"{OWNER}, 192.0.2.{number}, {STRANGER}",
        )
    assert (
        _sign_in(
            client, coordinator, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER
        ).status_code
        == 429
    )
    owner = _sign_in(client, coordinator, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OWNER)
    assert owner.status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, coordinator):
    # Changing X-Forwarded-For at every try does not escape the lockout of the real address.
    for number in range(5):
        _sign_in(
            client,
            coordinator,
            "guess",
            REMOTE_ADDR=STRANGER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    locked = _sign_in(
        client, coordinator, PASSWORD, REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=OWNER
    )
    assert locked.status_code == 429


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "192.0.2.1", PROXY),
        (1, "", PROXY),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "192.0.2.9, 192.0.2.1", "192.0.2.1"),
        (2, "192.0.2.9, 192.0.2.1, 10.0.0.1", "192.0.2.1"),
        (2, "192.0.2.1", PROXY),
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    meta = {"REMOTE_ADDR": PROXY}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_guesses_from_many_addresses_hold_the_account_for_new_browsers(
    client, coordinator, settings
):
    # The owner signed in from this browser before: it carries the account's device cookie.
    owner = Client()
    assert _sign_in(owner, coordinator, PASSWORD, REMOTE_ADDR=OWNER).status_code == 302
    owner.post(reverse("logout"))
    # Twenty guesses, each from another address: no address reaches axes' limit of five.
    for number in range(settings.SIGNIN_ACCOUNT_FAILURE_LIMIT):
        _sign_in(client, coordinator, "guess", REMOTE_ADDR=f"192.0.2.{number}")
    # Another new browser, even with the right password, waits for the window to end...
    held = _sign_in(client, coordinator, PASSWORD, REMOTE_ADDR="192.0.2.200")
    assert held.status_code == 429
    assert "had many failed sign-ins from other places" in held.content.decode()
    assert not _signed_in(client)
    # ...the owner's own browser does not.
    assert _sign_in(owner, coordinator, PASSWORD, REMOTE_ADDR=OWNER).status_code == 302
    assert _signed_in(owner)
    # Other accounts are not held.
    other = TraineeFactory()
    assert _sign_in(client, other, PASSWORD, REMOTE_ADDR="192.0.2.201").status_code == 302


def test_a_device_cookie_of_another_account_or_a_forged_one_does_not_help(
    client, coordinator, trainee, settings
):
    assert _sign_in(client, trainee, PASSWORD, REMOTE_ADDR=OWNER).status_code == 302
    client.post(reverse("logout"))
    for number in range(settings.SIGNIN_ACCOUNT_FAILURE_LIMIT):
        _sign_in(client, coordinator, "guess", REMOTE_ADDR=f"192.0.2.{number}")
    assert _sign_in(client, coordinator, PASSWORD, REMOTE_ADDR=OWNER).status_code == 429
    client.cookies["ecotown_device"] = coordinator.username
    assert _sign_in(client, coordinator, PASSWORD, REMOTE_ADDR=OWNER).status_code == 429
