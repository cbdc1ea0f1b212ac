from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecotown.core.models import TimeStampedModel


class Comment(TimeStampedModel):
    """An expert's (or a reply's) remark on one section of a plan, anchored to a quote if any.

    Only thread starters carry a workflow state; replies belong to their thread. A comment is
    internal (experts and coordinators) until an expert releases it to the trainee.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADDRESSED = "addressed", _("Addressed")
        ACCEPTED = "accepted", _("Accepted")
        REOPENED = "reopened", _("Reopened")

    TRANSITIONS = {
        Status.OPEN: {Status.ADDRESSED},
        Status.ADDRESSED: {Status.ACCEPTED, Status.REOPENED},
        Status.ACCEPTED: {Status.REOPENED},
        Status.REOPENED: {Status.ADDRESSED},
    }
    UNRESOLVED = (Status.OPEN, Status.REOPENED)

    class Visibility(models.TextChoices):
        INTERNAL = "internal", _("Experts and coordinators only")
        RELEASED = "released", _("Released to the trainee")

    plan = models.ForeignKey(
        "planning_docs.Plan", on_delete=models.CASCADE, related_name="comments"
    )
    section_key = models.SlugField(_("section"), max_length=64)
    version = models.ForeignKey(
        "planning_docs.PlanVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text=_("The version the comment was made on."),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_comments"
    )
    body = models.TextField(_("comment"))
    quote = models.TextField(_("quoted passage"), blank=True)
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["plan", "section_key"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility="internal") | Q(released_at__isnull=False),
                name="released_comment_has_release_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_released(self) -> bool:
        return self.visibility == self.Visibility.RELEASED


class Review(models.Model):
    """An expert's (or coordinator's) decision on one submitted version."""

    class Decision(models.TextChoices):
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    plan = models.ForeignKey("planning_docs.Plan", on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(
        "planning_docs.PlanVersion", on_delete=models.PROTECT, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    decision = models.CharField(max_length=32, choices=Decision.choices)
    summary = models.TextField(_("summary"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["version"], name="one_decision_per_version")]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} on {self.version}"


class Criterion(models.Model):
    """One criterion of a plan template's review rubric, scored from 1 to `scale_max`."""

    template = models.ForeignKey(
        "planning_docs.PlanTemplate", on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.SlugField(_("key"), max_length=64)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="one_criterion_per_key"),
            models.CheckConstraint(
                condition=Q(scale_max__gte=2, scale_max__lte=10), name="criterion_scale_2_to_10"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scale(self) -> range:
        return range(1, self.scale_max + 1)


class Score(TimeStampedModel):
    """An assigned expert's score of one submitted version on one criterion. Internal: experts
    and coordinators read scores, trainees never do."""

    version = models.ForeignKey(
        "planning_docs.PlanVersion", on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        ordering = ["criterion__position", "expert_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "criterion", "expert"], name="one_score_per_expert_criterion"
            ),
            models.CheckConstraint(condition=Q(value__gte=1), name="score_at_least_one"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Suggestion(TimeStampedModel):
    """An expert's proposed replacement of a passage of one section. The trainee accepts it (it
    is applied to the current draft through the revision-guarded save) or rejects it with a
    reply."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    TRANSITIONS = {
        Status.PROPOSED: {Status.ACCEPTED, Status.REJECTED},
        Status.ACCEPTED: set(),
        Status.REJECTED: set(),
    }

    plan = models.ForeignKey(
        "planning_docs.Plan", on_delete=models.CASCADE, related_name="suggestions"
    )
    section_key = models.SlugField(_("section"), max_length=64)
    version = models.ForeignKey(
        "planning_docs.PlanVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="suggestions"
    )
    quote = models.TextField(_("passage"))
    replacement = models.TextField(_("suggested text"), blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    reply = models.TextField(_("reply"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["plan", "section_key"])]
        constraints = [
            models.CheckConstraint(condition=~Q(quote=""), name="suggestion_has_a_passage")
        ]

    def __str__(self) -> str:
        return f"{self.quote[:30]} -> {self.replacement[:30]}"
