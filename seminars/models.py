import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ecotown.core.models import TimeStampedModel, validate_time_zone
from seminars.schedule_models import (  # noqa: F401 - models of this app, in their own module
    Place,
    ScheduleVersion,
    SiteVisit,
    TimePreference,
)


class Track(models.TextChoices):
    LEGAL = "legal", _("Legal framework")
    POLICY = "policy", _("Policy development")
    FINANCING = "financing", _("Financing")
    TECHNOLOGY = "technology", _("Technology and recycling")
    SITE_VISIT = "site_visit", _("Site visit")
    PLAN_CLINIC = "plan_clinic", _("Plan clinic")
    OTHER = "other", _("Other")


class Seminar(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        NOMINATIONS_OPEN = "nominations_open", _("Nominations open")
        IN_SESSION = "in_session", _("In session")
        CLOSED = "closed", _("Closed")

    TRANSITIONS = {
        Status.PLANNED: {Status.NOMINATIONS_OPEN},
        Status.NOMINATIONS_OPEN: {Status.PLANNED, Status.IN_SESSION},
        Status.IN_SESSION: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue_city = models.CharField(_("city"), max_length=100, default="Kitakyushu")
    venue_country = CountryField(_("country"), default="JP")
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Tokyo", validators=[validate_time_zone]
    )
    capacity = models.PositiveSmallIntegerField(_("seats"), default=12)
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance needed for the certificate (%)"),
        default=80,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the sessions a trainee attends to earn the certificate."),
    )
    country_seat_limit = models.PositiveSmallIntegerField(
        _("seats per country"),
        default=2,
        help_text=_("The roster warns before one country holds more seats than this."),
    )
    review_target_days = models.PositiveSmallIntegerField(
        _("review target (working days)"), default=5
    )
    plan_deadline = models.DateTimeField(_("plan deadline"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.PLANNED
    )
    plan_template = models.ForeignKey(
        "planning_docs.PlanTemplate",
        verbose_name=_("plan template"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seminars",
    )

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="seminar_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="seminar_has_a_seat"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class Session(TimeStampedModel):
    """One entry of a seminar's timetable."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    track = models.CharField(_("track"), max_length=32, choices=Track.choices, default=Track.OTHER)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("speakers"), blank=True, related_name="talks"
    )
    description = models.TextField(_("description"), blank=True)
    # Stable across edits so calendar apps update the event instead of adding a second one.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(TimeStampedModel):
    """The secret in a person's calendar-subscription URL.

    Calendar apps cannot sign in, so the URL itself is the credential. Revoking replaces the token:
    the old URL then matches nothing and answers 404.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"


# Materials and attendance of the seminar week. Kept at the end of the module, apart from the
# timetable's own models.
class Material(TimeStampedModel):
    """A file attached to a session (slides, a reading), stored once under its content's hash."""

    class Kind(models.TextChoices):
        SLIDES = "slides", _("Slides")
        READING = "reading", _("Reading")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SLIDES)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), max_length=200)
    # The name it is downloaded under (derived from the title, with the checked type's suffix).
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["session__starts_at", "session_id", "created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """A trainee was present at a session: checked in with the room's code, or marked by a
    coordinator on the roll call. One row per trainee and session; absence is no row."""

    class Method(models.TextChoices):
        CODE = "code", _("Checked in with the room's code")
        ROLL_CALL = "roll_call", _("Marked on the roll call")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances"
    )
    method = models.CharField(_("how"), max_length=16, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["session__starts_at", "trainee_id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "trainee"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.trainee_id} @ {self.session_id}"
