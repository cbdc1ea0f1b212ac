"""Notifications: the portal list and its e-mails.

Nothing here writes an AuditEvent, on purpose. `notify`/`notify_address` are called from inside
the service that logs the act they tell people about (a submission, a decision, an invitation):
the log holds the act, the Notification row is its delivery. Sending, resending and the digest
only stamp `emailed_at`, a worker's bookkeeping of that delivery. Marking read is a person's
state of their own list (shown in bold or not): no one else's record changes, and a row per
opened page would bury the log; `read_at` on the notification itself says when.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ecotown.core import outbox
from ecotown.core.languages import language_of
from ecotown.core.models import User
from notifications.models import Notification


def _render(
    template: str, *, recipient: User | None, time_zone: str, context: dict, language: str = ""
) -> tuple[str, str]:
    """Subject and body as `recipient` reads them: in their zone and their language (whoever's
    request made them), or in `language` for someone without an account."""
    language = (
        language_of(recipient) if recipient is not None else language or settings.LANGUAGE_CODE
    )
    with timezone.override(time_zone), translation.override(language):
        full = {**context, "recipient": recipient, "portal_url": settings.PORTAL_URL}
        subject = render_to_string(f"notifications/email/{template}_subject.txt", full)
        body = render_to_string(f"notifications/email/{template}.txt", full)
    return " ".join(subject.split()), body.strip() + "\n"


def _email_on_commit(notification: Notification) -> None:
    outbox.task_send_on_commit("notifications.send_email", notification.pk)


def notify(
    *,
    recipients: Iterable[User],
    verb: str,
    context: dict,
    url: str = "",
    plan: Any = None,  # a planning_docs Plan: an app above this one
    immediate: bool = False,
) -> list[Notification]:
    """Record a notification for each recipient (their portal list) and e-mail it after commit.

    Recipients who chose the daily digest get it in the next digest instead, unless `immediate`
    (something to answer within days, such as a seat offer). Renders
    `notifications/email/<verb>_subject.txt` and `<verb>.txt` in each recipient's time zone.
    Side effects: Notification rows; the e-mails go through the outbox, so none is lost while
    the broker is away.
    """
    created = []
    for recipient in {user.pk: user for user in recipients}.values():
        subject, body = _render(
            verb,
            recipient=recipient,
            time_zone=recipient.time_zone,
            context={**context, "url": url},
        )
        notification = Notification.objects.create(
            recipient=recipient, verb=verb, subject=subject, body=body, url=url, plan=plan
        )
        created.append(notification)
        if recipient.email and (immediate or not recipient.email_digest):
            _email_on_commit(notification)
    return created


def notify_address(
    *,
    email: str,
    verb: str,
    context: dict,
    time_zone: str = settings.TIME_ZONE,
    language: str | None = None,
) -> Notification:
    """E-mail someone who has no account to sign in with yet (an invitee), after commit.

    It is in no portal list. Renders the same templates as `notify`, with no recipient, in
    `time_zone` and `language` (by default the language of whoever invites them: the best guess
    there is). Side effects: a Notification row (its body dropped once sent), the e-mail
    through the outbox.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    subject, body = _render(
        verb, recipient=None, time_zone=time_zone, context=context, language=language
    )
    notification = Notification.objects.create(email=email, verb=verb, subject=subject, body=body)
    _email_on_commit(notification)
    return notification


def notification_send_email(*, notification_id: int) -> bool:
    """Send one notification's e-mail once; a second call (a retried task) sends nothing.

    The body of a mail to a bare address (an invitation's one-time link) is not kept once sent.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        address = notification.recipient.email if notification.recipient else notification.email
        if not address:
            return False
        EmailMessage(subject=notification.subject, body=notification.body, to=[address]).send()
        notification.emailed_at = timezone.now()
        if notification.recipient is None:
            notification.body = ""
        notification.save(update_fields=["emailed_at", "body"])
    return True


# An e-mail still unsent this long after its notification outlived its task's retries (the mail
# server or the database away): it is sent again, for up to RESEND_FOR.
RESEND_UNSENT_AFTER = timedelta(hours=1)
RESEND_FOR = timedelta(days=3)


def notifications_resend_unsent(*, now: datetime | None = None) -> list[int]:
    """Queue again the e-mail of every notification unsent RESEND_UNSENT_AFTER after it was made
    (and not older than RESEND_FOR), except those waiting for a digest. Called hourly.

    Side effects: e-mail tasks through the outbox; each e-mail is still sent at most once.
    Returns the notification ids.
    """
    now = now or timezone.now()
    immediate = Q(recipient__isnull=True) | (
        Q(recipient__email_digest=False) & ~Q(recipient__email="")
    )
    ids = list(
        Notification.objects.filter(
            immediate,
            emailed_at__isnull=True,
            created_at__lt=now - RESEND_UNSENT_AFTER,
            created_at__gte=now - RESEND_FOR,
        )
        .order_by("id")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        for notification_id in ids:
            outbox.task_send_on_commit("notifications.send_email", notification_id)
    return ids


def digest_send(*, recipient: User) -> int:
    """One e-mail with every notification of a digest reader not yet e-mailed. Returns the count."""
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update()
            .filter(recipient=recipient, emailed_at__isnull=True)
            .order_by("created_at")
        )
        if not pending or not recipient.email:
            return 0
        subject, body = _render(
            "digest",
            recipient=recipient,
            time_zone=recipient.time_zone,
            context={"notifications": pending},
        )
        EmailMessage(subject=subject, body=body, to=[recipient.email]).send()
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            emailed_at=timezone.now()
        )
    return len(pending)


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


def notification_mark_read(*, notification: Notification) -> None:
    """Mark one notification read (once: the first reading's time is kept)."""
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
