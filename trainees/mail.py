"""The trainees app's e-mails, through Django's mail API. Called on commit by the services."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ecotown.core.models import User
from trainees.models import Enrolment


def set_password_path(user: User) -> str:
    """Django's password-reset confirmation link. The token is bound to the password hash and the
    last login, so it dies once the password is set, and after PASSWORD_RESET_TIMEOUT."""
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def _send(template: str, context: dict, to: str) -> None:
    subject = "".join(
        render_to_string(f"trainees/email/{template}_subject.txt", context).split("\n")
    )
    body = render_to_string(f"trainees/email/{template}_body.txt", context)
    send_mail(subject, body, None, [to])


def invitation_send(*, user_id: int, base_url: str) -> None:
    user = User.objects.get(pk=user_id)
    with translation.override("en"):
        _send(
            "invitation",
            {
                "user": user,
                "link": f"{base_url.rstrip('/')}{set_password_path(user)}",
                "expiry_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)),
            },
            user.email,
        )


def offer_send(*, enrolment_id: int) -> None:
    enrolment = Enrolment.objects.select_related("trainee", "seminar").get(pk=enrolment_id)
    with translation.override("en"):
        link = settings.PORTAL_URL + reverse("trainees:offer", args=[enrolment.pk])
        context = {"enrolment": enrolment, "user": enrolment.trainee, "link": link}
        _send("offer", context, enrolment.trainee.email)
