from functools import cache

from django.db.models import QuerySet

from ecotown.core import page_sql
from ecotown.core.models import User
from notifications.models import Notification


def notifications_for_user(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count_for_user(user: User) -> int:
    """The navigation badge's count, on every page: plain SQL (why: ecotown.core.page_sql)."""
    ((count,),) = page_sql.rows(_unread_count_sql(), [user.pk])
    return int(count)


@cache
def _unread_count_sql() -> str:
    return (
        f"SELECT COUNT(*) FROM {page_sql.table(Notification)}"  # noqa: S608 - names only
        f" WHERE {page_sql.column(Notification, 'recipient')} = %s"
        f" AND {page_sql.column(Notification, 'read_at')} IS NULL"
    )
