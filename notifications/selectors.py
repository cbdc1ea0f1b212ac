from django.db.models import QuerySet

from ecotown.core import page_sql
from ecotown.core.backends import PersonFact, fact_of
from ecotown.core.models import User
from notifications.models import Notification


def notifications_for_user(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count_for_user(user: User) -> int:
    """The navigation badge's count, on every page: as the request began, read with the person
    who signed it (UNREAD_FACT); else in plain SQL (why: ecotown.core.page_sql). Reading them
    marks nothing read, and the pages that do redirect: the next page counts afresh."""
    known = fact_of(user, UNREAD_FACT.name)
    if known is not None:
        return int(known)
    ((count,),) = page_sql.rows(f"SELECT {UNREAD_FACT.sql('%s')}", [user.pk])
    return int(count)


# The count comes with the signed-in person, in the query that reads them (core.backends).
UNREAD_FACT = PersonFact.count(
    "unread_notifications", Notification, person="recipient", where="read_at", test="IS NULL"
)
