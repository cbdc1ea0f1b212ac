import socket

from celery import shared_task
from django.contrib.auth import get_user_model

from ecotown.core import outbox


@shared_task(name="core.ping", ignore_result=False)
def ping(token: str) -> dict:
    """Proves a worker runs, reads the same database as the web process, and answers.
    Its result is read (by tests and operators), so it is stored."""
    return {"token": token, "host": socket.gethostname(), "users": get_user_model().objects.count()}


@shared_task(
    name="core.send_email_confirmation",
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def send_email_confirmation(user_id: int, email: str, link: str) -> None:
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    from ecotown.core.languages import in_language_of

    user = get_user_model().objects.get(pk=user_id)
    with in_language_of(user):
        context = {"user": user, "email": email, "link": link}
        subject = render_to_string("core/email/email_change_subject.txt", context).strip()
        body = render_to_string("core/email/email_change_body.txt", context)
    send_mail(subject, body, None, [email])


@shared_task(name="core.send_outbox", soft_time_limit=50, time_limit=60)
def send_outbox() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): send the tasks recorded while the broker was away."""
    return outbox.outbox_send_pending()


@shared_task(name="core.apply_retention", soft_time_limit=600, time_limit=660)
def apply_retention() -> dict[str, int]:
    """Nightly (CELERY_BEAT_SCHEDULE): the retention policy of ecotown.core.privacy."""
    from ecotown.core.privacy import retention_apply

    return retention_apply()
