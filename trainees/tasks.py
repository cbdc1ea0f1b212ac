"""Background work of the seats: offer expiry. Their e-mails go through notifications."""

from celery import shared_task

from trainees import services


@shared_task(soft_time_limit=60, time_limit=90)
def offers_expire_task() -> list[int]:
    """Periodic (CELERY_BEAT_SCHEDULE): expire overdue seat offers and pass the seats on."""
    return services.offers_expire()
