from celery import shared_task
from django.contrib.auth import get_user_model

from notifications import services


@shared_task(
    name="notifications.send_email",
    autoretry_for=(OSError,),
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
