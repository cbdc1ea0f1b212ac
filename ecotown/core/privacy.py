"""The privacy notice and the retention policy.

Everyone who signs in accepts the current notice (PRIVACY_NOTICE_VERSION) once; a new version asks
again. The version and the time are kept per person (PrivacyAcceptance). The retention policy
(RETENTION_* settings) is applied every night by core.apply_retention, which logs what it did.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import urlencode

from ecotown.core.hooks import Contributions
from ecotown.core.models import AuditEvent, PrivacyAcceptance, User
from ecotown.core.workflow import record

logger = logging.getLogger(__name__)
SESSION_ACCEPTED = "privacy_version"
OPEN_URL_NAMES = {"privacy-notice", "logout", "mfa-verify", "mfa-setup", "core:healthz"}
# Retention rules of higher apps (their data, their rule): callables (now) -> number of rows
# cleared, each logging what it cleared. The core's own rule (inactive accounts) is below.
RETENTION_RULES = Contributions("core.retention_rules")


def current_version() -> str:
    return str(settings.PRIVACY_NOTICE_VERSION)


def has_accepted(user: User, version: str) -> bool:
    return PrivacyAcceptance.objects.filter(user=user, version=version).exists()


@transaction.atomic
def privacy_notice_accept(*, user: User, version: str) -> PrivacyAcceptance:
    """Record that `user` accepted notice `version` now (once per version). Logged."""
    acceptance, created = PrivacyAcceptance.objects.get_or_create(user=user, version=version)
    if created:
        record(user, verb=AuditEvent.Verb.PRIVACY_NOTICE_ACCEPTED, actor=user, note=version)
    return acceptance


@receiver(user_logged_in)
def note_acceptance_at_sign_in(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """Whether the person accepted the current notice is asked once, at sign-in."""
    version = current_version()
    signing_in = request is not None and hasattr(request, "session")
    if signing_in and version and has_accepted(user, version):
        request.session[SESSION_ACCEPTED] = version  # type: ignore[union-attr]


class PrivacyNoticeMiddleware:
    """Sends a signed-in person to the privacy notice until they accept its current version.
    Runs after the second factor's middleware: the notice comes once the person is known."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        version = current_version()
        if (
            not version
            or user is None
            or not user.is_authenticated
            or request.session.get(SESSION_ACCEPTED) == version
            or _is_open(request)
        ):
            return self.get_response(request)
        target = reverse("privacy-notice")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)


def _is_open(request: HttpRequest) -> bool:
    if request.path.startswith(settings.STATIC_URL):
        return True
    try:
        return resolve(request.path_info).view_name in OPEN_URL_NAMES
    except Resolver404:
        return False


def inactive_since(now: datetime) -> datetime:
    return now - timedelta(days=365 * int(settings.RETENTION_INACTIVE_ACCOUNT_YEARS))


def retention_close_inactive_accounts(*, now: datetime) -> int:
    """Close (deactivate) accounts with no sign-in for RETENTION_INACTIVE_ACCOUNT_YEARS: they can
    no longer sign in, and nobody else's record changes. Superusers are kept. Each is logged."""
    cutoff = inactive_since(now)
    stale = User.objects.filter(is_active=True, is_superuser=False).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )
    closed = 0
    for user in stale.order_by("pk"):
        with transaction.atomic():
            User.objects.filter(pk=user.pk).update(is_active=False)
            last = user.last_login or user.date_joined
            note = f"no sign-in since {last:%Y-%m-%d}"
            record(user, verb=AuditEvent.Verb.RETENTION_ACCOUNT_DEACTIVATED, actor=None, note=note)
        closed += 1
    return closed


def retention_apply(*, now: datetime | None = None) -> dict[str, int]:
    """Every retention rule, the core's and the apps'; returns how many rows each touched."""
    now = now or timezone.now()
    done = {"inactive_accounts": retention_close_inactive_accounts(now=now)}
    for rule in RETENTION_RULES:
        done[rule.__name__] = rule(now)
    logger.info("retention policy applied: %s", done)
    return done
