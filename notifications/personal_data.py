"""The notifications' part of a person's export and erasure (ecotown.core.erasure)."""

from typing import Any

from ecotown.core.erasure import when
from notifications.models import Notification


def export(user: Any) -> tuple[str, Any]:
    rows = Notification.objects.filter(recipient=user).order_by("created_at")
    return "notifications", [
        {"at": when(n.created_at), "subject": n.subject, "body": n.body, "read": when(n.read_at)}
        for n in rows
    ]


def erase(user: Any, words: list[str]) -> None:
    """Their own notifications go; others' that name them or their address name the alias."""
    from ecotown.core.erasure import alias_of, mentioning, replace_words

    Notification.objects.filter(recipient=user).delete()
    Notification.objects.filter(recipient=None, email__iexact=user.email).delete()
    alias = alias_of(user)
    for notification in Notification.objects.filter(mentioning(["subject", "body"], words)):
        notification.subject = replace_words(notification.subject, words, alias)
        notification.body = replace_words(notification.body, words, alias)
        notification.save(update_fields=["subject", "body"])
