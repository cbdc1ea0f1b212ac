from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ecotown.core.models import TimeStampedModel
from seminars.models import Track
from trainees.regions import REGION_LABELS, region_of


class TraineeProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trainee_profile"
    )
    country = CountryField(_("country"))
    organisation = models.CharField(_("organisation or ministry"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def region_label(self) -> str:
        return str(REGION_LABELS[region_of(self.country.code)])


class ExpertProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    fields = models.JSONField(
        _("fields"),
        default=list,
        blank=True,
        help_text=_("Tracks this expert teaches and reviews."),
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)

    def field_labels(self) -> list[str]:
        return [Track(value).label for value in self.fields if value in Track.values]


class Enrolment(TimeStampedModel):
    """A trainee's place (or hope of one) in a seminar."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        OFFERED = "offered", _("Seat offered")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Offer expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Completed")

    TRANSITIONS = {
        Status.NOMINATED: {Status.ACCEPTED, Status.WAITLISTED},
        Status.WAITLISTED: {Status.OFFERED, Status.WITHDRAWN},
        Status.OFFERED: {Status.ACCEPTED, Status.DECLINED, Status.EXPIRED},
        Status.ACCEPTED: {Status.WITHDRAWN, Status.COMPLETED},
        Status.DECLINED: set(),
        Status.EXPIRED: set(),
        Status.WITHDRAWN: set(),
        Status.COMPLETED: set(),
    }
    # Statuses that hold one of the seminar's seats (an offer reserves the freed seat).
    SEAT_HOLDING = (Status.ACCEPTED, Status.OFFERED, Status.COMPLETED)

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    seminar = models.ForeignKey(
        "seminars.Seminar", on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.NOMINATED
    )
    nominated_by = models.CharField(_("nominated by"), max_length=200, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["seminar", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "seminar"], name="one_enrolment_per_seminar"
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="offer_has_expiry",
            ),
        ]
        indexes = [
            # The periodic expiry task looks for open offers past their time.
            models.Index(fields=["status", "offer_expires_at"], name="enrolment_offer_due"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} @ {self.seminar}"
