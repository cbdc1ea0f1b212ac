from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Notification(models.Model):
    """Something a person should know, shown in the portal and sent by e-mail (now or in a digest).

    Subject and body are rendered once, when the event happens, in the recipient's time zone, so
    the portal list and the e-mail say exactly the same thing.

    A notification has a recipient (a person with an account: it is in their portal list) or only
    an e-mail address (someone who cannot sign in yet, such as an invitee: e-mail only, and its
    body, which may carry a one-time link, is not kept once sent).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    verb = models.CharField(max_length=32)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("message"))
    url = models.CharField(max_length=300, blank=True)
    plan = models.ForeignKey(
        "planning_docs.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | ~models.Q(email=""),
                name="notification_has_recipient_or_email",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class Announcement(models.Model):
    """A coordinator's message to a seminar's trainees, experts or both. It waits in the outbox
    until a coordinator (a second one, or the author on reading it again) confirms it; then a
    worker sends it exactly once: into each person's notifications and by e-mail."""

    class Audience(models.TextChoices):
        TRAINEES = "trainees", _("Trainees")
        EXPERTS = "experts", _("Experts")
        EVERYONE = "everyone", _("Trainees and experts")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        QUEUED = "queued", _("Confirmed, being sent")
        SENT = "sent", _("Sent")
        WITHDRAWN = "withdrawn", pgettext_lazy("announcement", "Withdrawn")

    TRANSITIONS = {
        Status.PENDING: {Status.QUEUED, Status.WITHDRAWN},
        Status.QUEUED: {Status.SENT},
        Status.SENT: set(),
        Status.WITHDRAWN: set(),
    }

    seminar = models.ForeignKey(
        "seminars.Seminar",
        verbose_name=_("seminar"),
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    audience = models.CharField(_("to"), max_length=16, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject
