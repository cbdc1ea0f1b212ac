"""Sign-in limits per account, on top of django-axes' limit per account and client address.

Axes locks an account for one address after five failures there: a stranger elsewhere cannot
lock its owner out, but many addresses together could go on guessing. So failures are also
counted per account, from browsers that have never signed in to it; past ACCOUNT_FAILURE_LIMIT in
a window, such browsers wait until the window ends. A browser that has signed in to the account
carries a signed cookie naming it (OWASP's "device cookie") and is never held by strangers'
failures: the owner keeps signing in from their usual browser, whoever guesses elsewhere.
"""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.http import HttpRequest, HttpResponse

from ecotown.core import throttle

DEVICE_COOKIE = "ecotown_device"
DEVICE_SALT = "ecotown.core.signin.device"
DEVICE_MAX_AGE = 365 * 24 * 3600


def _account(username: str) -> str:
    return (username or "").strip().lower()


def knows_device(request: HttpRequest, username: str) -> bool:
    """Whether this browser has signed in to the account before."""
    try:
        value = signing.loads(
            request.COOKIES.get(DEVICE_COOKIE, ""), salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE
        )
    except signing.BadSignature:
        return False
    return bool(_account(username)) and value == _account(username)


def remember_device(response: HttpResponse, user: AbstractBaseUser) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(_account(user.get_username()), salt=DEVICE_SALT),
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def note_failure(request: HttpRequest | None, username: str) -> None:
    if request is None or knows_device(request, username) or not _account(username):
        return
    throttle.count("signin-account", _account(username), window=_window())


def account_held(request: HttpRequest, username: str) -> bool:
    """Whether sign-ins to this account from this browser wait for the window to end."""
    if not _account(username) or knows_device(request, username):
        return False
    failures = throttle.peek("signin-account", _account(username))
    return failures >= int(settings.SIGNIN_ACCOUNT_FAILURE_LIMIT)


def _window() -> int:
    return int(settings.AXES_COOLOFF_TIME * 3600)
