"""Writes of the API app: a person's tokens, created and revoked, each logged."""

import secrets

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, token_digest
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record

# Tells an ecotown key apart in a config file or a secret scanner's rules.
KEY_PREFIX = "ecot_"
PREFIX_SHOWN = len(KEY_PREFIX) + 6


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def api_token_create(*, user: User, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its key, which is stored only as a hash and so
    can never be shown again. Logged (the note names the token and its scope, never the key)."""
    key = new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        scope=ApiToken.Scope(scope),
        prefix=key[:PREFIX_SHOWN],
        digest=token_digest(key),
    )
    record(
        token,
        verb=AuditEvent.Verb.API_TOKEN_CREATED,
        actor=user,
        note=f"{token.name} ({token.get_scope_display()})",
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke `token`: the next request that shows it is refused (every request looks the token
    up afresh). Revoking a revoked token changes nothing and logs nothing."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    record(locked, verb=AuditEvent.Verb.API_TOKEN_REVOKED, actor=actor, note=locked.name)
    return locked
