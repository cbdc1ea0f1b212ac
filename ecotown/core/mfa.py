"""Two-factor sign-in (django-otp): a TOTP authenticator app, with one-time recovery codes.

Offered to everyone; required for the roles in MFA_REQUIRED_ROLES ("admin" meaning a superuser).
After a password (or single sign-on) sign-in, a person with a device proves it before any page
but the few in OPEN_URL_NAMES; a person whose role requires a device and who has none sees only the
setup page until it is done. A lost device is recovered with a recovery code or reset by an
admin; each of these is logged.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecotown.core import roles
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record

RECOVERY_CODE_COUNT = 10
ADMIN = "admin"
# Pages a person reaches before their second factor: proving it, setting it up, leaving.
OPEN_URL_NAMES = {"mfa-verify", "mfa-setup", "logout"}
SESSION_HAS_DEVICE = "mfa_has_device"


def required_for(user: Any) -> bool:
    """Whether the user's role (or being a superuser, "admin") requires a second factor."""
    if not user.is_authenticated:
        return False
    held = set(roles.group_names(user)) | ({ADMIN} if user.is_superuser else set())
    return bool(held & set(settings.MFA_REQUIRED_ROLES))


def has_device(user: Any) -> bool:
    return bool(user.is_authenticated and user_has_device(user))


def totp_matches(key_hex: str, token: str) -> bool:
    """Whether `token` is the authenticator's code for `key_hex` now (or one step either side)."""
    token = token.strip().replace(" ", "")
    if not (token.isdigit() and len(token) == 6):
        return False
    totp = TOTP(bytes.fromhex(key_hex), digits=6)
    for drift in (-1, 0, 1):  # the phone's clock may be a step off
        totp.drift = drift
        if totp.token() == int(token):
            return True
    return False


@transaction.atomic
def mfa_enable(*, request: HttpRequest, user: User, key_hex: str) -> list[str]:
    """Give `user` the authenticator app whose key they proved, and fresh recovery codes, and
    count this session as verified. Returns the codes (shown once). Logged."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="authenticator", key=key_hex, confirmed=True)
    codes = _new_recovery_codes(user)
    otp_login(request, device)
    record(user, verb=AuditEvent.Verb.MFA_ENABLED, actor=user)
    return codes


@transaction.atomic
def mfa_recovery_codes_renew(*, user: User) -> list[str]:
    """Replace the user's recovery codes (the old ones stop working). Logged."""
    codes = _new_recovery_codes(user)
    record(user, verb=AuditEvent.Verb.MFA_RECOVERY_CODES_RENEWED, actor=user)
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def mfa_verify(*, request: HttpRequest, user: User, token: str) -> bool:
    """Check a code from the authenticator or a recovery code (used up); on a match the session
    counts as verified. A recovery code is logged: it means the device may be lost."""
    token = token.strip().replace(" ", "")
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if device.verify_token(token):
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                record(
                    user,
                    verb=AuditEvent.Verb.MFA_RECOVERY_CODE_USED,
                    actor=user,
                    note=f"{left} left",
                )
            return True
    return False


@transaction.atomic
def mfa_disable(*, user: User, actor: User) -> None:
    """Remove the user's authenticator and recovery codes (their own choice, or an admin's reset
    of a lost device). Logged as one or the other."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    verb = AuditEvent.Verb.MFA_DISABLED if actor == user else AuditEvent.Verb.MFA_RESET
    record(user, verb=verb, actor=actor)


@transaction.atomic
def mfa_device_delete(*, device: Device, actor: User) -> None:
    """An administrator's removal of one device in Django admin (a lost phone, a used-up set of
    recovery codes). Logged on the device's owner, naming the kind of device."""
    owner = device.user
    note = f"{device._meta.model_name}: {device.name}"
    device.delete()
    record(owner, verb=AuditEvent.Verb.MFA_DEVICE_REMOVED, actor=actor, note=note)


@transaction.atomic
def mfa_device_save(*, device: Device, actor: User, changed: list[str], adding: bool) -> None:
    """An administrator's new device for someone, or a change to one (confirmed, its codes) in
    Django admin. Logged on the device's owner with the fields that changed."""
    device.save()
    note = f"{device._meta.model_name}: {device.name}" + (
        "" if adding else f" ({', '.join(changed)})"
    )
    record(device.user, verb=AuditEvent.Verb.MFA_DEVICE_CHANGED, actor=actor, note=note)


class SecondFactorMiddleware:
    """Sends a signed-in person to prove their second factor, or to set one up when their role
    requires it, before any other page. Runs after django-otp's OTPMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified() or _is_open(request):
            return self.get_response(request)
        if _has_device_this_session(request, user):
            return _redirect_with_next("mfa-verify", request)
        if required_for(user):
            return _redirect_with_next("mfa-setup", request)
        return self.get_response(request)


@receiver(user_logged_in)
def note_device_at_sign_in(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """Whether the person has a device is asked once, at sign-in, not on every page (two
    queries each time). A device added later is added by this session's verified owner."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_HAS_DEVICE] = has_device(user)


def _has_device_this_session(request: HttpRequest, user: Any) -> bool:
    known = request.session.get(SESSION_HAS_DEVICE)
    if known is None:
        known = has_device(user)
        request.session[SESSION_HAS_DEVICE] = known
    return bool(known)


def _is_open(request: HttpRequest) -> bool:
    if request.path.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in OPEN_URL_NAMES or match.view_name == "core:healthz"


def _redirect_with_next(name: str, request: HttpRequest) -> HttpResponse:
    target = reverse(name)
    if request.method == "GET":
        target += "?" + urlencode({"next": request.get_full_path()})
    return redirect(target)
