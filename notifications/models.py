from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
