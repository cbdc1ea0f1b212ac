from typing import Any

from django.db.models import QuerySet

from notifications.models import Notification


def notifications_for_user(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count_for_user(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
