"""The API's part of a person's export and erasure (ecotown.core.erasure)."""

from typing import Any

from api.models import ApiToken
from ecotown.core.erasure import when


def export(user: Any) -> tuple[str, Any]:
    return "api_tokens", [
        {
            "name": t.name,
            "scope": t.scope,
            "created": when(t.created_at),
            "revoked": when(t.revoked_at),
        }
        for t in ApiToken.objects.filter(user=user)
    ]


def erase(user: Any, words: list[str]) -> None:
    ApiToken.objects.filter(user=user).delete()
