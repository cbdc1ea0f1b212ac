"""Who is calling the API and how much: token authentication, the token's scope, the rate limit.

A token is looked up on every request (no cache), so a revoked token is refused at once.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken, token_digest
from ecotown.core.models import User

# last_used_at is a hint for the person, not a log: written at most this often per token.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <key>`: the person who owns the key, while it is not revoked."""

    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Send the header as: Authorization: Bearer <token>."))
        key = parts[1].decode("latin-1")
        token = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise AuthenticationFailed(_("This token is not valid or has been revoked."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class TokenScope(BasePermission):
    """A read-only token may only read. A person signed in through the browser (the browsable
    docs) acts as on the pages, CSRF-checked by DRF's session authentication."""

    message = _("This token may only read: create a read-write token to change anything.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        token = request.auth
        return token.may_write if isinstance(token, ApiToken) else True


class PerTokenRateThrottle(SimpleRateThrottle):
    """API_RATE_LIMIT (e.g. "120/minute") per token, or per person when signed in by session."""

    scope = "api"

    def get_rate(self) -> str | None:
        rate: str | None = settings.API_RATE_LIMIT
        return rate

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"anon-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
