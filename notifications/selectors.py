from django.db.models import QuerySet

from ecotown.core.models import User
from notifications.models import Notification


def notifications_for_user(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count_for_user(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
