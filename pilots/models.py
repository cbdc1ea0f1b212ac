"""After the seminar: each approved plan's check-ins, the progress reports filed at them, the
reminders sent about them, comments on the reports and a coordinator's word on a pilot's status.

The rows of a report (indicators, milestones, financing) are copied from the approved version
when the report is drafted, so that a report reads the same whatever happens to the plan later.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecotown.core.models import TimeStampedModel
from ecotown.core.pictures import Picture, picture_checks

DEFAULT_MONTHS = [6, 12, 24]


class FollowUpSchedule(models.Model):
    """The months after a seminar's last day at which its pilots report. A seminar without a
    row follows DEFAULT_MONTHS. Kept here rather than on Seminar: check-ins are this app's idea,
    and seminars (a lower app) stays unaware of them."""

    seminar = models.OneToOneField(
        "seminars.Seminar", on_delete=models.CASCADE, related_name="follow_up_schedule"
    )
    months = models.JSONField(_("months after the seminar"), default=list)

    def __str__(self) -> str:
        return f"{self.seminar}: {self.months}"


class CheckIn(models.Model):
    """One progress report a pilot owes: `months` after its seminar ended, due on `due_on`."""

    plan = models.ForeignKey(
        "planning_docs.Plan", on_delete=models.CASCADE, related_name="check_ins"
    )
    # The approved version whose indicators, milestones and financing the report follows.
    version = models.ForeignKey(
        "planning_docs.PlanVersion", on_delete=models.PROTECT, related_name="check_ins"
    )
    months = models.PositiveSmallIntegerField(_("months after the seminar"))
    due_on = models.DateField(_("due on"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "months"], name="check_in_once_per_month")
        ]

    def __str__(self) -> str:
        return _("%(months)s-month report") % {"months": self.months}


class Reminder(models.Model):
    """A reminder sent about one check-in. One row per kind: a kind is never sent twice."""

    class Kind(models.TextChoices):
        DUE_14 = "due_14", _("due in 14 days")
        DUE_3 = "due_3", _("due in 3 days")
        OVERDUE = "overdue", _("overdue")

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["check_in", "sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["check_in", "kind"], name="reminder_sent_once")
        ]

    def __str__(self) -> str:
        return f"{self.check_in_id}: {self.kind}"


class ProgressReport(TimeStampedModel):
    """The report filed at a check-in: drafted, then submitted. The database refuses any change
    to a submitted report's content (migration 0002)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    TRANSITIONS = {Status.DRAFT: {Status.SUBMITTED}, Status.SUBMITTED: set()}

    check_in = models.OneToOneField(CheckIn, on_delete=models.PROTECT, related_name="report")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    # [{"indicator", "unit", "baseline", "target", "actual", "date", "source"}, ...]
    indicators = models.JSONField(default=list, blank=True)
    # [{"milestone", "start", "end", "state"}, ...]; state: one of MilestoneState or "".
    milestones = models.JSONField(default=list, blank=True)
    # [{"source", "currency", "planned", "secured"}, ...]: one row per source and currency.
    financing = models.JSONField(default=list, blank=True)
    worked = models.TextField(_("what worked"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    help_requested = models.TextField(_("help requested from Kitakyushu"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["check_in__due_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="submitted_report_has_date",
            )
        ]

    def __str__(self) -> str:
        return str(self.check_in)

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class MilestoneState(models.TextChoices):
    DONE = "done", _("Done")
    ON_TRACK = "on_track", _("On track")
    LATE = "late", _("Late")
    DROPPED = "dropped", _("Dropped")


class ReportComment(models.Model):
    """A comment on a submitted report by an assigned expert, a coordinator or the trainee."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author} on {self.report}"


class PilotStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    LATE = "late", _("Late")
    STALLED = "stalled", _("Stalled")
    COMPLETED = "completed", _("Completed")


class StatusOverride(models.Model):
    """A coordinator's word on a pilot's status, with the reason. The newest row counts; one
    with an empty status hands the pilot back to the rule (pilots.status)."""

    plan = models.ForeignKey(
        "planning_docs.Plan", on_delete=models.CASCADE, related_name="status_overrides"
    )
    status = models.CharField(_("status"), max_length=16, choices=PilotStatus.choices, blank=True)
    reason = models.TextField(_("reason"), max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "-at", "-id"]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.status or '-'}"


class PilotStanding(models.Model):
    """A pilot's status kept for counting every pilot of every year in one query (the
    coordinator's dashboard), refreshed whenever a check-in, report or override is saved or
    deleted (pilots.standing). The status moves with the calendar as well (late, then stalled),
    so what is kept is what the rule gives with nothing overdue, and the due date from which
    the oldest unreported check-in is overdue; the day's status follows from both."""

    plan = models.OneToOneField(
        "planning_docs.Plan",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="pilot_standing",
    )
    settled = models.CharField(max_length=16, choices=PilotStatus.choices)
    oldest_unfiled_due = models.DateField(null=True)
    override = models.CharField(max_length=16, choices=PilotStatus.choices, blank=True)

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.override or self.settled}"


def _report_pdf_upload_to(pdf, filename: str) -> str:
    return f"pdf/report/{pdf.report_id}-{pdf.sha256[:16]}.pdf"


class ReportPdf(models.Model):
    """The PDF of one submitted report, rendered once by a worker (pilots.tasks)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    report = models.OneToOneField(ProgressReport, on_delete=models.CASCADE, related_name="pdf")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to=_report_pdf_upload_to, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField(default=0)
    error = models.TextField(_("error"), blank=True)
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.report} ({self.get_status_display()})"


class ReportPhoto(Picture):
    """A photo of a progress report (the site, a plant at work), shown on the report page and in
    its PDF. Stored like a plan's figures: re-encoded, once under its content's hash, never
    overwritten. The database refuses to add or change one once its report is submitted
    (migration 0004), so the photos are frozen with the report."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="photos")

    class Meta:
        ordering = ["report", "created", "id"]
        constraints = picture_checks("report_photo")


def _programme_pdf_upload_to(report, filename: str) -> str:
    return f"pdf/programme/{report.year}-{report.language}-{report.sha256[:16]}.pdf"


class ProgrammeReport(models.Model):
    """The programme's yearly report for donors: every pilot of the seminars up to `year`, as
    they stand on the day it is rendered (pilots.programme_report). One row per request; the
    newest ready one of a year is the one people download."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    year = models.PositiveSmallIntegerField(_("year"))
    # The language it is written in, chosen by whoever asked for it.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to=_programme_pdf_upload_to, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField(default=0)
    pilots = models.PositiveIntegerField(_("pilots"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-queued_at", "-id"]
        constraints = [
            # Two coordinators asking at once get the one render, not two; another language
            # is another report.
            models.UniqueConstraint(
                fields=["year", "language"],
                condition=Q(status="queued"),
                name="one_queued_programme_report",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.language} ({self.get_status_display()})"


# The library, consent to show a plan and the alumni directory live in a module of their own;
# imported here so that Django registers them with this app.
from pilots.library_models import AlumniListing, LibraryEntry, PlanConsent  # noqa: E402

__all__ = [
    "DEFAULT_MONTHS",
    "AlumniListing",
    "CheckIn",
    "FollowUpSchedule",
    "LibraryEntry",
    "MilestoneState",
    "PilotStatus",
    "PlanConsent",
    "ProgrammeReport",
    "ProgressReport",
    "Reminder",
    "ReportComment",
    "ReportPdf",
    "ReportPhoto",
    "StatusOverride",
]
