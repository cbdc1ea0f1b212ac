"""The library of approved plans, each trainee's consent to show theirs, and the alumni directory.

Registered with the pilots app through pilots.models (which imports them)."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LibraryEntry(models.Model):
    """The searchable text of a plan's approved version, made when the plan is approved.

    `search_vector` is filled on PostgreSQL (GIN-indexed, migration 0004); on SQLite the text is
    mirrored into an FTS5 table by triggers instead (the same migration). pilots.library_search
    reads whichever the connection has."""

    plan = models.OneToOneField(
        "planning_docs.Plan", on_delete=models.CASCADE, related_name="library_entry"
    )
    version = models.ForeignKey(
        "planning_docs.PlanVersion", on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("text"))
    # The "technologies and recycling chains" section alone: the technology filter reads it.
    technology = models.TextField(_("technology"), blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        verbose_name_plural = _("library entries")

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.version_id}"


class PlanConsent(models.Model):
    """What the trainee lets others see of their approved plan, and a coordinator's approval of
    the public summary. A plan without a row consents to nothing."""

    plan = models.OneToOneField(
        "planning_docs.Plan", on_delete=models.CASCADE, related_name="consent"
    )
    show_to_trainees = models.BooleanField(_("show my plan to later trainees"), default=False)
    public = models.BooleanField(_("show its summary to the public"), default=False)
    summary = models.TextField(_("public summary"), max_length=2000, blank=True)
    # Set by a coordinator; cleared whenever the trainee withdraws or changes the summary.
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True) | (Q(public=True) & ~Q(summary="")),
                name="showcase_needs_public_consent",
            )
        ]

    def __str__(self) -> str:
        return f"consent of plan {self.plan_id}"

    @property
    def is_showcased(self) -> bool:
        return self.public and self.approved_at is not None


class AlumniListing(models.Model):
    """A former trainee's entry in the alumni directory: listed only while `listed` is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alumni_listing"
    )
    listed = models.BooleanField(_("list me in the alumni directory"), default=False)
    note = models.CharField(
        _("what I work on now"),
        max_length=300,
        blank=True,
        help_text=_("A line for other alumni: your current work, the cooperation you look for."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return f"alumni entry of {self.user_id}"
