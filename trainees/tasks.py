from celery import shared_task

from trainees.services import offers_expire


@shared_task(soft_time_limit=60, time_limit=90)
def offers_expire_task() -> list[int]:
    """Periodic (CELERY_BEAT_SCHEDULE): expire overdue seat offers and pass the seats on."""
    return offers_expire()
