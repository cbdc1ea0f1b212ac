from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import InterfaceError, OperationalError

from notifications import services


@shared_task(
    name="notifications.send_email",
    # The mail server or the database away: try again later. The hourly sweep below catches
    # what is still unsent after the last retry.
    autoretry_for=(OSError, OperationalError, InterfaceError),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def send_notification_email(notification_id: int) -> bool:
    return services.notification_send_email(notification_id=notification_id)


@shared_task(name="notifications.send_daily_digests")
def send_daily_digests() -> int:
    """Once a day: each digest reader gets one e-mail with what happened since the last one."""
    readers = (
        get_user_model()
        .objects.filter(email_digest=True, notifications__emailed_at__isnull=True)
        .distinct()
    )
    return sum(services.digest_send(recipient=reader) for reader in readers)


@shared_task(name="notifications.resend_unsent_emails")
def resend_unsent_emails() -> list[int]:
    """Hourly: send again the e-mails still unsent an hour after they were asked for."""
    return services.notifications_resend_unsent()


@shared_task(
    name="notifications.send_announcement",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=30,
    max_retries=5,
)
def send_announcement(announcement_id: int) -> int:
    """A confirmed announcement (notifications.announcements): sent once, however often this
    task is delivered."""
    from notifications.announcements import announcement_send

    return announcement_send(announcement_id=announcement_id)
