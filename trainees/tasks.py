"""Background work of the seats: offer expiry. Their e-mails go through notifications."""

from celery import shared_task

from trainees import services


@shared_task(soft_time_limit=60, time_limit=90)
def offers_expire_task() -> list[int]:
    """Periodic (CELERY_BEAT_SCHEDULE): expire overdue seat offers and pass the seats on."""
    return services.offers_expire()


@shared_task(
    name="trainees.render_visa_letter",
    soft_time_limit=120,
    time_limit=150,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=3,
)
def render_visa_letter(letter_id: int) -> bool:
    """A visa invitation letter asked for by a coordinator (trainees.travel)."""
    from trainees.travel import visa_letter_render

    return visa_letter_render(letter_id=letter_id) is not None
