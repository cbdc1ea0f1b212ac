"""Announcements: written by a coordinator, confirmed by a coordinator (another, or the author
on a second look), sent exactly once by a worker.

"Exactly once" rests on the row: the worker locks it and sends only from `queued`, moving it to
`sent` in the same transaction as the notifications it makes. A second delivery of the task, or
a second worker, waits for the lock and then finds it sent. The e-mails leave through the outbox
after that transaction commits, each itself sent at most once (services.notification_send_email).
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ecotown.core import outbox
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record, transition
from notifications import hooks
from notifications.models import Announcement
from notifications.services import notify


@transaction.atomic
def announcement_write(
    *, seminar_id: int, audience: str, subject: str, body: str, actor: User
) -> Announcement:
    """A new announcement, waiting in the outbox. Side effects: the row, an AuditEvent."""
    announcement = Announcement.objects.create(
        seminar_id=seminar_id, audience=audience, subject=subject, body=body, author=actor
    )
    record(announcement, verb=AuditEvent.Verb.ANNOUNCEMENT_WRITTEN, actor=actor)
    return announcement


def _locked(announcement: Announcement) -> Announcement:
    return Announcement.objects.select_for_update().get(pk=announcement.pk)


@transaction.atomic
def announcement_confirm(*, announcement: Announcement, actor: User) -> Announcement:
    """Release a pending announcement for sending. Refused (TransitionNotAllowed) unless it is
    pending. Side effects: the status move with who and when, the send task through the outbox."""
    locked = _locked(announcement)
    locked.confirmed_by, locked.confirmed_at = actor, timezone.now()
    transition(
        locked,
        to_status=Announcement.Status.QUEUED,
        actor=actor,
        verb=AuditEvent.Verb.ANNOUNCEMENT_CONFIRMED,
        fields=["confirmed_by", "confirmed_at"],
    )
    outbox.task_send_on_commit("notifications.send_announcement", locked.pk)
    return locked


@transaction.atomic
def announcement_withdraw(*, announcement: Announcement, actor: User) -> Announcement:
    """Take a pending announcement out of the outbox (it is kept, marked withdrawn)."""
    locked = _locked(announcement)
    transition(
        locked,
        to_status=Announcement.Status.WITHDRAWN,
        actor=actor,
        verb=AuditEvent.Verb.ANNOUNCEMENT_CANCELLED,
    )
    return locked


@transaction.atomic
def announcement_send(*, announcement_id: int) -> int:
    """The worker's part: a notification (and its e-mail) for each recipient, once. Returns how
    many were made now; 0 when the announcement is not waiting to be sent (already sent, or a
    duplicate delivery of the task)."""
    locked = (
        Announcement.objects.select_for_update()
        .filter(pk=announcement_id, status=Announcement.Status.QUEUED)
        .first()
    )
    if locked is None:
        return 0
    recipients = list(hooks.announcement_audience(locked.seminar_id, locked.audience))
    notify(
        recipients=recipients,
        verb="announcement",
        context={"announcement": locked},
        url=reverse("seminars:seminar-detail", args=[locked.seminar_id]),
        immediate=True,
    )
    locked.sent_at, locked.recipients_count = timezone.now(), len(recipients)
    transition(
        locked,
        to_status=Announcement.Status.SENT,
        actor=None,
        verb=AuditEvent.Verb.ANNOUNCEMENT_SENT,
        note=f"{len(recipients)} recipients",
        fields=["sent_at", "recipients_count"],
    )
    return len(recipients)
