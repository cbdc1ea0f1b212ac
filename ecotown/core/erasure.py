"""A person's data: everything stored about them, exported as JSON, and their erasure on request.

Erasure keeps the account row, anonymised as "Former participant N", so that everything others
wrote beside them (comments, reviews, plan versions, the audit log) stays whole and readable;
their own comments and versions stay too, under that name. What is theirs alone is deleted: their
profile, tokens, devices, notifications, sessions and the PDFs that print their name. Each app
adds the part it keeps (PERSONAL_DATA) and the step that erases it (ERASERS) in its ready(): the
core knows no app above it.
"""

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import Any

from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core.hooks import Contributions
from ecotown.core.models import AuditEvent, OutboxTask, User
from ecotown.core.workflow import record

# (user) -> (name, JSON-ready data): each app's part of the export.
PERSONAL_DATA = Contributions("core.personal_data")
# (user, words) -> None: each app's erasure step, run before the account is anonymised.
# `words` are the person's identifying strings (names, e-mail address), for scrubbing copies of
# them that others' rows hold (a notification that named them).
ERASERS = Contributions("core.erasers")

# (user) -> iterable of (path in the archive, bytes): the files stored about them (their PDFs).
PERSONAL_FILES = Contributions("core.personal_files")

ExportPart = Callable[[User], tuple[str, Any]]


def when(moment: Any) -> str | None:
    return moment.isoformat() if moment else None


def alias_of(user: User) -> str:
    return _("Former participant %(number)d") % {"number": user.pk}


def replace_words(text: str, words: list[str], alias: str) -> str:
    """`text` with each of `words` (in any case) replaced by `alias` where it stands as a word of
    its own: erasing "Ali" must not turn "quality" into "quFormer participant 7ty"."""
    for word in words:
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        text = pattern.sub(lambda _match: alias, text)
    return text


def scrub(value: Any, words: list[str], alias: str) -> Any:
    """`value` (text, or JSON: lists and dicts of text, such as a table section's rows) with
    `words` replaced by `alias` in every string it holds."""
    if isinstance(value, str):
        return replace_words(value, words, alias)
    if isinstance(value, list):
        return [scrub(item, words, alias) for item in value]
    if isinstance(value, dict):
        return {key: scrub(item, words, alias) for key, item in value.items()}
    return value


def scrub_rows(rows: Iterable[Any], fields: list[str], words: list[str], alias: str) -> None:
    """Save each row (model instances) with `words` replaced by `alias` in its `fields`, when
    any changed; text and JSON fields alike."""
    for row in rows:
        changed = []
        for field in fields:
            value = getattr(row, field)
            if (new := scrub(value, words, alias)) != value:
                setattr(row, field, new)
                changed.append(field)
        if changed:
            row.save(update_fields=changed)


def mentioning(fields: list[str], words: list[str]) -> Q:
    """Rows whose `fields` hold any of `words`."""
    found = Q()
    for field in fields:
        for word in words:
            found |= Q(**{f"{field}__icontains": word})
    return found


def is_erased(user: User) -> bool:
    return user.username == f"former-participant-{user.pk}"


def identifying_words(user: User) -> list[str]:
    words = {user.email, user.username, user.get_full_name(), user.first_name, user.last_name}
    return sorted((word for word in words if word and len(word) > 2), key=len, reverse=True)


def person_export(user: User) -> dict[str, Any]:
    """Everything the portal stores about `user`, as JSON-ready data."""
    account = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "time_zone": user.time_zone,
        "email_digest": user.email_digest,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "date_joined": when(user.date_joined),
        "last_login": when(user.last_login),
    }
    privacy = [
        {"version": row.version, "accepted_at": when(row.accepted_at)}
        for row in user.privacy_acceptances.all()
    ]
    actions = [
        {"at": when(e.at), "action": e.verb, "object": e.content_type.model, "id": e.object_id}
        for e in AuditEvent.objects.filter(actor=user).select_related("content_type")
    ]
    data: dict[str, Any] = {"account": account, "privacy_notice": privacy, "actions": actions}
    for part in PERSONAL_DATA:
        name, value = part(user)
        data[name] = value
    return {"exported_at": when(timezone.now()), "person": data}


class ErasureRefused(Exception):
    """Why a person cannot be erased (yet). Its message is for people."""


@transaction.atomic
def person_data_export(*, user: User, actor: User) -> bytes:
    """One zip for `actor` (a coordinator answering a request) to hand over: person.json and
    the files stored about the person. Logged: an erasure waits for this step."""
    record(user, verb=AuditEvent.Verb.PERSON_DATA_EXPORTED, actor=actor)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "person.json", json.dumps(person_export(user), ensure_ascii=False, indent=2)
        )
        for files in PERSONAL_FILES:
            for path, content in files(user):
                archive.writestr(path, content)
    return buffer.getvalue()


def _check_erasable(user: User, actor: User) -> None:
    if is_erased(user):
        raise ErasureRefused(_("This person's data was erased already."))
    if user.is_superuser or user == actor:
        raise ErasureRefused(_("An operator's account or your own cannot be erased here."))
    exported = AuditEvent.objects.filter(
        content_type__model="user",
        content_type__app_label="core",
        object_id=user.pk,
        verb=AuditEvent.Verb.PERSON_DATA_EXPORTED,
    )
    if not exported.exists():
        raise ErasureRefused(_("Download the person's data first: it is theirs to have."))


@transaction.atomic
def person_erase(*, user: User, actor: User) -> str:
    """Erase `user`: every app's step, then the account itself anonymised, unable to sign in.
    Returns the alias. Logged without the erased data. Raises ErasureRefused for an account
    already erased, an operator's or one's own, or before the person's data was exported."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _check_erasable(user, actor)
    words = identifying_words(user)
    for eraser in ERASERS:
        eraser(user, words)
    _erase_sign_in_traces(user, words)
    alias = alias_of(user)
    _scrub_audit_notes(words, alias)
    user.username = f"former-participant-{user.pk}"
    user.first_name, user.last_name = alias, ""
    user.email = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.email_digest = False
    user.save()
    record(user, verb=AuditEvent.Verb.PERSON_ERASED, actor=actor, note=alias)
    return alias


def _erase_sign_in_traces(user: User, words: list[str]) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.username).delete()
    mentions = Q()
    for word in words:
        mentions |= Q(args__icontains=word)
    OutboxTask.objects.filter(mentions).delete()  # e.g. a confirmation to their new address
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


# core migration 0008's SQLite trigger on the notes, put back after an erasure's statements.
SQLITE_AUDIT_TRIGGER = import_module("ecotown.core.migrations.0008_auditevent_immutable").SQLITE_UP[
    0
]


def _scrub_audit_notes(words: list[str], alias: str) -> None:
    """Notes that name the person (a co-author's invitation names the address) name the alias:
    the log keeps every row and what was done, not who the erased person was."""
    # core migration 0009 lets a note change while erasing.
    with erasing("core_auditevent_immutable", SQLITE_AUDIT_TRIGGER):
        for event in AuditEvent.objects.filter(mentioning(["note"], words)):
            note = replace_words(event.note, words, alias)
            AuditEvent.objects.filter(pk=event.pk).update(note=note)


@contextmanager
def erasing(sqlite_trigger: str, sqlite_trigger_sql: str) -> Iterator[None]:
    """Rows that their triggers keep immutable may change here, inside the erasure's
    transaction only: PostgreSQL's triggers let them while `ecotown.erasing` is on; SQLite's
    trigger (`sqlite_trigger`) is lifted for the block and put back (`sqlite_trigger_sql`)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL ecotown.erasing = 'on'")
        elif connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER IF EXISTS {sqlite_trigger}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL ecotown.erasing = 'off'")
            elif connection.vendor == "sqlite":
                cursor.execute(sqlite_trigger_sql)
