from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ecotown.core.models import TimeStampedModel


class PlanTemplate(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TemplateSection(models.Model):
    class Kind(models.TextChoices):
        PROSE = "prose", _("Text")
        FINANCING = "financing", _("Financing table")
        TIMELINE = "timeline", _("Timeline")
        INDICATORS = "indicators", _("Indicators table")

    template = models.ForeignKey(PlanTemplate, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.SlugField(_("key"), max_length=64)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    word_limit = models.PositiveIntegerField(_("word limit"), default=800)
    required = models.BooleanField(_("required"), default=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PROSE)

    class Meta:
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="section_key_unique"),
            models.UniqueConstraint(
                fields=["template", "position"], name="section_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Plan(TimeStampedModel):
    """A trainee's planning document: one per accepted enrolment."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.CHANGES_REQUESTED, Status.APPROVED},
        Status.CHANGES_REQUESTED: {Status.SUBMITTED},
        Status.APPROVED: {Status.CHANGES_REQUESTED},
    }
    EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)

    enrolment = models.OneToOneField(
        "trainees.Enrolment", on_delete=models.PROTECT, related_name="plan"
    )
    template = models.ForeignKey(PlanTemplate, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(_("title"), max_length=250)
    pilot_site = models.CharField(_("pilot site"), max_length=200, blank=True)
    pilot_region = models.CharField(_("city or region"), max_length=200, blank=True)
    pilot_country = CountryField(_("country"), blank=True)
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.DRAFT
    )
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="PlanAssignment",
        related_name="reviewed_plans",
        blank=True,
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class PlanAssignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead expert")
        ADVISER = "adviser", _("Adviser")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_assignments"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.ADVISER)
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "expert"], name="expert_once_per_plan"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(role="lead"), name="one_lead_per_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} ({self.get_role_display()}) on {self.plan}"


class SectionDraft(models.Model):
    """The live text of one section. `revision` rises on every save; a stale save is refused."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="drafts")
    section = models.ForeignKey(TemplateSection, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("text"), blank=True)
    # Rows of a structured section (financing, timeline, indicators); empty for prose.
    rows = models.JSONField(default=list, blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["plan", "section__position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "section"], name="one_draft_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.plan} / {self.section}"


class PlanVersion(models.Model):
    """An immutable snapshot of every section, frozen on submission."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=250)
    # [{"key", "title", "kind", "body", "rows"}, ...] in template order.
    sections = models.JSONField()
    content_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"
