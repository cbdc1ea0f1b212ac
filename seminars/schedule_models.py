"""Places, site-visit details, published timetable versions and the time display preference.

Kept apart from models.py (which imports them) so that the timetable's models stay on one
screen; they refer to Seminar and Session by name, never by import, to avoid a cycle.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from ecotown.core.models import TimeStampedModel


def place_key(name: str) -> str:
    """The name as compared for sameness: 'Room  31' and 'room 31' are one place."""
    return " ".join(name.split()).casefold()


class Place(TimeStampedModel):
    """A room or a site where sessions happen, shared by every seminar (a room booked by one
    seminar is booked for all)."""

    class Kind(models.TextChoices):
        ROOM = "room", _("Room")
        SITE = "site", _("Site")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.ROOM)
    address = models.CharField(_("address"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats, if known.")
    )
    map_url = models.URLField(_("map link"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="place_name_unique_ci",
                violation_error_message=_("A place of that name exists already."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_coordinates_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class SiteVisit(TimeStampedModel):
    """What a trainee needs to find a site visit: who hosts it, where to meet, when the bus
    leaves, what to bring and whom to call."""

    session = models.OneToOneField(
        "seminars.Session", on_delete=models.CASCADE, related_name="site_visit"
    )
    host = models.CharField(_("host organisation"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    meeting_point = models.CharField(_("meeting point"), max_length=300, blank=True)
    departs_at = models.DateTimeField(_("departure"), null=True, blank=True)
    transport = models.CharField(_("transport"), max_length=200, blank=True)
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    def __str__(self) -> str:
        return self.host


class ScheduleVersion(models.Model):
    """One publication of a seminar's timetable: numbered, frozen, with what changed since the
    previous one. Written only by seminars.schedule.schedule_publish."""

    seminar = models.ForeignKey(
        "seminars.Seminar", on_delete=models.CASCADE, related_name="schedule_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    # {uid: {title, track, starts_at, ends_at, place, speakers}}: the timetable as published.
    snapshot = models.JSONField(default=dict)
    # [{kind, uid, title, ...}]: see seminars.schedule.CHANGE_KINDS.
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["seminar", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["seminar", "number"], name="schedule_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.seminar} v{self.number}"


class TimePreference(models.Model):
    """Whether a person wants their home time beside the seminar's local time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_preference"
    )
    show_home_time = models.BooleanField(_("show my home time beside"), default=False)

    def __str__(self) -> str:
        return f"time preference of {self.user}"
