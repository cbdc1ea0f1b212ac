"""One way to move a status: checked against the model's TRANSITIONS table and logged."""

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core.models import AuditEvent
from ecotown.core.types import AnyUser


class TransitionNotAllowed(Exception):
    """A move that the model's TRANSITIONS table does not allow. Its message is for people."""


def check_transition(obj: Any, to_status: str) -> None:
    allowed = obj.TRANSITIONS.get(obj.status, ())
    if to_status not in allowed:
        raise TransitionNotAllowed(
            _("Cannot move from %(from)s to %(to)s.")
            % {"from": obj.get_status_display(), "to": obj.Status(to_status).label}
        )


def transition(
    obj: Any,
    *,
    to_status: str,
    actor: AnyUser | None,
    verb: str,
    note: str = "",
    fields: Iterable[str] = (),
) -> AuditEvent:
    """Move `obj` to `to_status`, save it and record who did it. Call inside a locked transaction.

    `fields` names other fields the caller changed alongside the status, saved in the same write.
    """
    check_transition(obj, to_status)
    from_status = obj.status
    obj.status = to_status
    obj.save(
        update_fields=["status", *fields, *(["updated_at"] if hasattr(obj, "updated_at") else [])]
    )
    return record(
        obj, verb=verb, actor=actor, note=note, from_status=from_status, to_status=to_status
    )


def record(
    obj: Any,
    *,
    verb: str,
    actor: AnyUser | None,
    note: str = "",
    from_status: str = "",
    to_status: str = "",
) -> AuditEvent:
    """Log something done to `obj` that is not a status move (a session added, a resend).

    `verb` must be one of AuditEvent.Verb: the log speaks one vocabulary (ValueError otherwise)."""
    verb = AuditEvent.Verb(verb)
    return AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        verb=verb,
        from_status=from_status,
        to_status=to_status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        note=note,
    )


def record_unless_recent(
    obj: Any, *, verb: str, actor: AnyUser, note: str, within: timedelta
) -> None:
    """Log `verb` on `obj` by `actor` with `note`, unless the same entry was logged in the last
    `within`: a burst of the same act (autosaves every few seconds) leaves one row, its first.

    One statement (INSERT ... WHERE NOT EXISTS), so a frequent act costs one query. Callers hold a
    lock on `obj` (or its parent), so two requests cannot both find no recent row."""
    if actor is None or not actor.is_authenticated:
        record(obj, verb=verb, actor=None, note=note)  # no one's burst to fold
        return
    verb = AuditEvent.Verb(verb)
    content_type = ContentType.objects.get_for_model(obj)
    now = timezone.now()
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    # Raw SQL because the ORM cannot make an insert conditional; the columns are AuditEvent's.
    sql = (
        f"INSERT INTO {table} "  # noqa: S608 (a model's table name, no user input)
        "(content_type_id, object_id, verb, from_status, to_status, actor_id, note, at) "
        "SELECT %s, %s, %s, '', '', %s, %s, %s WHERE NOT EXISTS (SELECT 1 FROM "
        f"{table} WHERE content_type_id = %s AND object_id = %s AND verb = %s "
        "AND actor_id = %s AND note = %s AND at > %s)"
    )
    same = [content_type.pk, obj.pk, verb.value, actor.pk, note]
    at, since = (connection.ops.adapt_datetimefield_value(t) for t in (now, now - within))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*same, at, *same, since])


def history_of(obj: Any) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor")
