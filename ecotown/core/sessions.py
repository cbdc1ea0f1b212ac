"""Sessions kept in the database as Django keeps them, read on each page with plain SQL (why:
ecotown.core.page_sql). Writing, expiry and clearing are Django's own."""

from functools import cache

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from ecotown.core import page_sql


class SessionStore(db.SessionStore):
    def load(self) -> dict:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        found = page_sql.rows(_session_sql(), [self.session_key, now])
        if not found:
            self._session_key = None  # as Django does: a missing or expired session starts anew
            return {}
        return self.decode(found[0][0])


@cache
def _session_sql() -> str:
    return (
        f"SELECT {page_sql.column(Session, 'session_data')} FROM {page_sql.table(Session)}"  # noqa: S608 - names only
        f" WHERE {page_sql.column(Session, 'session_key')} = %s"
        f" AND {page_sql.column(Session, 'expire_date')} > %s"
    )
