from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ecotown.core.models import User
from notifications.models import Notification


def _render(template: str, recipient: User, context: dict) -> tuple[str, str]:
    with timezone.override(recipient.time_zone), translation.override(settings.LANGUAGE_CODE):
        full = {**context, "recipient": recipient, "portal_url": settings.PORTAL_URL}
        subject = render_to_string(f"notifications/email/{template}_subject.txt", full)
        body = render_to_string(f"notifications/email/{template}.txt", full)
    return " ".join(subject.split()), body.strip() + "\n"


def notify(
    *, recipients: Iterable[User], verb: str, context: dict, url: str = "", plan=None
) -> list[Notification]:
    """Record a notification for each recipient and e-mail it after commit.

    Recipients who chose the daily digest get it in the next digest instead. Renders
    `notifications/email/<verb>_subject.txt` and `<verb>.txt` in each recipient's time zone.
    """
    from notifications.tasks import send_notification_email

    created = []
    for recipient in {user.pk: user for user in recipients}.values():
        subject, body = _render(verb, recipient, {**context, "url": url})
        notification = Notification.objects.create(
            recipient=recipient, verb=verb, subject=subject, body=body, url=url, plan=plan
        )
        created.append(notification)
        if recipient.email and not recipient.email_digest:
            transaction.on_commit(
                lambda pk=notification.pk: send_notification_email.delay(pk), robust=True
            )
    return created


def notification_send_email(*, notification_id: int) -> bool:
    """Send one notification's e-mail once; a second call (a retried task) sends nothing."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        EmailMessage(
            subject=notification.subject,
            body=notification.body,
            to=[notification.recipient.email],
        ).send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


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
        subject, body = _render("digest", recipient, {"notifications": pending})
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
