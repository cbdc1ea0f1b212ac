from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ecotown.core.models import TimeStampedModel
from seminars.models import Track
from trainees.regions import region_label


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
        return region_label(self.country.code)


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
    # Statuses of the trainees who attend the seminar: an open offer holds a seat but is not
    # yet a person in the room.
    ATTENDING = (Status.ACCEPTED, Status.COMPLETED)

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


# Travel to the seminar. Personal data kept only as long as needed: deleted by the retention
# policy (trainees.travel.travel_retention) a set number of days after the seminar ends.
class TravelDetails(TimeStampedModel):
    """How a trainee with a seat comes to the seminar and what they need there. Seen by the
    trainee and coordinators only."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="travel")
    arrival_at = models.DateTimeField(_("arrival"), null=True, blank=True)
    arrival_flight = models.CharField(_("arrival flight"), max_length=20, blank=True)
    departure_at = models.DateTimeField(_("departure"), null=True, blank=True)
    departure_flight = models.CharField(_("departure flight"), max_length=20, blank=True)
    passport_nationality = CountryField(_("passport nationality"), blank=True)
    passport_expiry = models.DateField(_("passport expiry"), null=True, blank=True)
    accommodation_needs = models.TextField(_("accommodation needs"), blank=True)
    dietary_needs = models.TextField(_("dietary needs"), blank=True)

    class Meta:
        verbose_name_plural = _("travel details")
        constraints = [
            models.CheckConstraint(
                condition=Q(departure_at__isnull=True)
                | Q(arrival_at__isnull=True)
                | Q(departure_at__gt=models.F("arrival_at")),
                name="travel_departs_after_arrival",
            )
        ]

    def __str__(self) -> str:
        return f"travel of {self.enrolment}"


def _visa_letter_upload_to(letter, filename: str) -> str:
    return f"visa-letters/{letter.reference}.pdf"


class VisaLetter(models.Model):
    """A visa invitation letter for a trainee, signed by the coordinator who asked for it and
    rendered by a worker (ecotown.core.pdf)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    TRANSITIONS = {
        Status.QUEUED: {Status.READY, Status.FAILED},
        Status.READY: set(),
        Status.FAILED: set(),
    }

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="visa_letters")
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    # What the letter says, frozen when it is asked for: a later edit does not change a letter.
    content = models.JSONField(default=dict)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("file"), upload_to=_visa_letter_upload_to, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.reference
