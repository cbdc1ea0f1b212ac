"""One's own account: the e-mail address (the new address is kept only once its owner opens the
link sent to it, and never when another account uses it), settings and password, each logged."""

from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import ModelForm
from django.urls import reverse
from django.utils.translation import gettext as _

from ecotown.core import outbox
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record

EMAIL_CHANGE_SALT = "ecotown.core.email-change"


def email_in_use(email: str, *, exclude: User | None = None) -> bool:
    users = User.objects.filter(email__iexact=email.strip())
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


def email_change_token(*, user: User, email: str) -> str:
    # Bound to the current address too, so that a link dies once the address has changed.
    return signing.dumps({"user": user.pk, "from": user.email, "to": email}, salt=EMAIL_CHANGE_SALT)


def account_email_change_request(*, user: User, email: str) -> None:
    """Send a confirmation link to `email`; the account keeps its address until it is opened.

    Side effects: one e-mail to the new address, by a worker after commit (through the outbox);
    the link is on PORTAL_URL, never on the address the request came to.
    """
    link = settings.PORTAL_URL + reverse(
        "email-confirm", args=[email_change_token(user=user, email=email)]
    )
    outbox.task_send_on_commit("core.send_email_confirmation", user.pk, email, link)


@transaction.atomic
def account_email_confirm(*, user: User, token: str) -> str:
    """Set the address a confirmation link names; returns it. Logged. Raises ValidationError
    when the link is broken, expired, for another account or stale, or the address is taken by
    now."""
    max_age = settings.PASSWORD_RESET_TIMEOUT
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=max_age)
    except signing.BadSignature:
        raise ValidationError(_("This confirmation link is broken or has expired.")) from None
    user = User.objects.select_for_update().get(pk=user.pk)
    if data.get("user") != user.pk or data.get("from") != user.email:
        raise ValidationError(_("This confirmation link is not for your current address."))
    if email_in_use(data["to"], exclude=user):
        raise ValidationError(_("Another account uses this address."))
    user.email = data["to"]
    user.save(update_fields=["email"])
    # Neither address in the note: the log outlives an erasure.
    record(user, verb=AuditEvent.Verb.EMAIL_CHANGED, actor=user)
    return user.email


@transaction.atomic
def account_settings_save(*, form: "ModelForm[User]", actor: User) -> User:
    """A person's own settings (name, time zone, e-mail rhythm) from a valid form. Logged."""
    user: User = form.save()
    record(
        user, verb=AuditEvent.Verb.PERSON_CHANGED, actor=actor, note=", ".join(form.changed_data)
    )
    return user


@transaction.atomic
def account_language_set(*, user: User, language: str) -> User:
    """A person's own choice of language (from the header's switcher). Logged."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
        record(user, verb=AuditEvent.Verb.PERSON_CHANGED, actor=user, note="language")
    return user


@transaction.atomic
def account_password_save(*, form: SetPasswordForm, by_link: bool) -> User:
    """Save a valid password form: one's own change (PasswordChangeForm) or a password chosen
    through an e-mailed link (an invitation or a reset). Logged, with nothing of the password."""
    user: User = form.save()
    verb = AuditEvent.Verb.PASSWORD_SET if by_link else AuditEvent.Verb.PASSWORD_CHANGED
    record(user, verb=verb, actor=user)
    return user
