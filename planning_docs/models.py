from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ecotown.core.models import TimeStampedModel
from ecotown.core.pictures import Picture, picture_checks
from planning_docs.pilot_point import check_pilot_point


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


class Sector(models.TextChoices):
    """What a pilot recycles or saves: the programme's portfolio and library sort pilots by it."""

    E_WASTE = "e_waste", _("E-waste")
    VEHICLES = "vehicles", _("End-of-life vehicles")
    SYMBIOSIS = "symbiosis", _("Industrial symbiosis")
    COMPOSTING = "composting", _("Composting and organic waste")
    PLASTICS = "plastics", _("Plastics")
    CONSTRUCTION = "construction", _("Construction and demolition waste")
    WASTEWATER = "wastewater", _("Wastewater and sludge")
    ENERGY = "energy", _("Waste to energy")
    OTHER = "other", _("Other")


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
    # The document's own language: its section titles and the PDF's words (contents, figure,
    # page x of y, sign-off) follow it, whatever language its readers use the portal in.
    language = models.CharField(
        _("language of the document"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Section titles and the PDF's headings are written in this language."),
    )
    # Where the pilot is, for the programme's map: checked to lie in pilot_country when entered
    # (PlanDetailsForm, through ecotown.core.world). Five decimals: about a metre.
    pilot_latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    pilot_longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
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
        constraints = [
            models.CheckConstraint(
                condition=Q(pilot_latitude__isnull=True, pilot_longitude__isnull=True)
                | Q(
                    pilot_latitude__gte=-90,
                    pilot_latitude__lte=90,
                    pilot_longitude__gte=-180,
                    pilot_longitude__lte=180,
                ),
                name="plan_pilot_point_whole_and_on_earth",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # The trainee's form and the admin both land here (ModelForm runs the model's clean).
        check_pilot_point(str(self.pilot_country or ""), self.pilot_latitude, self.pilot_longitude)

    @property
    def has_pilot_point(self) -> bool:
        return self.pilot_latitude is not None and self.pilot_longitude is not None

    @property
    def pilot_point_text(self) -> str:
        """ "-1.25000, 36.90000": latitude and longitude as maps write them in every language
        (a decimal comma would make the pair unreadable); shown left to right."""
        if not self.has_pilot_point:
            return ""
        return f"{self.pilot_latitude}, {self.pilot_longitude}"

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


class PlanCoauthor(TimeStampedModel):
    """A colleague the trainee invited to write their plan: invited (a one-time link is out),
    active (writes sections and answers released comments), removed (the invitation revoked or
    the person taken off the plan; what they wrote stays theirs)."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Co-author")
        REMOVED = "removed", _("Removed")

    TRANSITIONS = {
        Status.INVITED: {Status.ACTIVE, Status.REMOVED},
        Status.ACTIVE: {Status.REMOVED},
        Status.REMOVED: set(),
    }
    # Invitations out and co-authors together: a plan is the trainee's, with a few colleagues.
    LIMIT = 3
    OPEN = (Status.INVITED, Status.ACTIVE)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="coauthors")
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="coauthorships",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INVITED
    )
    # sha256 of the link's secret: the link itself is only in the e-mail. Emptied once used.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    invited_at = models.DateTimeField(_("invited"))
    expires_at = models.DateTimeField(_("link expires"))
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    # The first save of a section: from then on the person is a contributor of the plan.
    contributed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "invited_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "plan",
                condition=Q(status__in=["invited", "active"]),
                name="coauthor_invited_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(user__isnull=False),
                name="coauthor_active_has_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_status_display()}) on {self.plan}"


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
    # The figures the text shows and the annexes, as they were: {"figures": [...],
    # "annexes": [...]}, each with its id, sha256, storage name and words
    # (versions.snapshot_attachments).
    attachments = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Who wrote it, frozen with the text: [{"id", "name", "role": "owner" | "coauthor"}, ...],
    # the trainee first (versions.snapshot_contributors). Null for versions older than
    # co-authors; nullable so that adding it never rebuilds the table (and its immutability
    # trigger) on SQLite.
    contributors = models.JSONField(null=True, blank=True)
    # The document's language, frozen with the text (Plan.language); null for versions older
    # than document languages, which are English. Nullable for the same reason as contributors.
    language = models.CharField(max_length=8, null=True, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    @property
    def document_language(self) -> str:
        return self.language or "en"


class Figure(Picture):
    """A picture of a plan, shown where the text names it (`![](figure:<id>)`). The versions
    that showed a replaced picture keep its file's name."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="figures")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "created", "id"]
        constraints = picture_checks("figure")

    @property
    def reference(self) -> str:
        """What the text holds where the figure goes."""
        return f"![](figure:{self.pk})"


class Annex(models.Model):
    """A PDF appended to the plan (a letter of intent, a permit), stored once under its hash."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="annexes")
    title = models.CharField(_("title"), max_length=250)
    file = models.FileField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    pages = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "created", "id"]
        verbose_name_plural = _("annexes")

    def __str__(self) -> str:
        return self.title


def _pdf_upload_to(render, filename: str) -> str:
    return f"pdf/{render.kind}/{render.content_hash[:2]}/{render.content_hash}.pdf"


class PdfRender(models.Model):
    """One rendered PDF of one exact content: a plan version (final), a snapshot of the current
    text (draft), a certificate, or a seminar's compendium. The same content is rendered once."""

    class Kind(models.TextChoices):
        FINAL = "final", _("Approved plan")
        DRAFT = "draft", _("Draft")
        CERTIFICATE = "certificate", _("Certificate of completion")
        COMPENDIUM = "compendium", _("Seminar compendium")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    TRANSITIONS = {
        Status.QUEUED: {Status.RENDERING, Status.FAILED},
        # rendering -> rendering: a task redelivered after its worker died takes the render over;
        # rendering -> queued: a transient error, waiting for its retry.
        Status.RENDERING: {Status.READY, Status.FAILED, Status.QUEUED, Status.RENDERING},
        Status.READY: set(),
        Status.FAILED: {Status.QUEUED},
    }

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="pdf_renders"
    )
    version = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="pdf_renders"
    )
    seminar = models.ForeignKey(
        "seminars.Seminar",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pdf_renders",
    )
    # Hash of everything the document shows; with `kind`, the identity of a render.
    content_hash = models.CharField(max_length=64)
    # The sections of a draft snapshot, or the member render ids of a compendium.
    content = models.JSONField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to=_pdf_upload_to, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The Celery task rendering it: a redelivery of that task (same id) may take the render over,
    # a duplicate message (another id) leaves it alone.
    task_id = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "content_hash"], name="pdf_render_once"),
            models.CheckConstraint(
                condition=(Q(kind="compendium") & Q(seminar__isnull=False))
                | (~Q(kind="compendium") & Q(plan__isnull=False)),
                name="pdf_render_has_subject",
            ),
            models.CheckConstraint(
                condition=~Q(kind="final") | Q(version__isnull=False),
                name="pdf_final_has_version",
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | ~Q(file=""), name="pdf_ready_has_file"
            ),
        ]
        indexes = [models.Index(fields=["status", "started_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.content_hash[:12]} ({self.get_status_display()})"

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)
