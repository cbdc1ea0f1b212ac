"""Background work of the seats: offer expiry, and the e-mails, sent by workers so that a slow or
failing mail server never holds up (or breaks) a coordinator's request."""

from celery import shared_task

from trainees import mail, services

MAIL_RETRY = {"autoretry_for": (OSError,), "retry_backoff": 30, "max_retries": 5}


@shared_task(soft_time_limit=60, time_limit=90)
def offers_expire_task() -> list[int]:
    """Periodic (CELERY_BEAT_SCHEDULE): expire overdue seat offers and pass the seats on."""
    return services.offers_expire()


@shared_task(name="trainees.send_invitation", **MAIL_RETRY)
def send_invitation(user_id: int, base_url: str) -> None:
    mail.invitation_send(user_id=user_id, base_url=base_url)


@shared_task(name="trainees.send_offer", **MAIL_RETRY)
def send_offer(enrolment_id: int) -> None:
    mail.offer_send(enrolment_id=enrolment_id)
