import zoneinfo
from typing import Any

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from ecotown.core.names import display_name, full_name


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field) -> Any:
        # Django's own builds a dict of every choice on each call, hashing each lazy label and so
        # translating all of them; a list of 50 plans paid that 50 times. Compare values instead.
        value = getattr(self, field.attname)
        for choice, label in field.flatchoices:
            if choice == value:
                return force_str(label, strings_only=True)
        return force_str(value, strings_only=True)


class User(AbstractUser):
    """A person who signs in. Roles are groups (see ecotown.core.roles)."""

    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Tokyo",
        validators=[validate_time_zone],
        help_text=_("Dates and times are shown to you in this zone."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The portal, its e-mails and notifications speak to you in this language."),
    )
    email_digest = models.BooleanField(
        _("daily digest"),
        default=False,
        help_text=_("Send me one e-mail a day instead of one e-mail per event."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return display_name(self)

    def get_full_name(self) -> str:
        return full_name(self)

    def has_perm(self, perm: str, obj: models.Model | None = None) -> bool:
        from ecotown.core.rules import PERSONAL_PERMISSIONS  # rules import roles, not models

        if perm in PERSONAL_PERMISSIONS:
            return self.is_active and bool(rules.has_perm(perm, self, obj))
        return super().has_perm(perm, obj)


class AuditEvent(models.Model):
    """Who did what to which object, and when (a status move or another write). Written only by
    services, through ecotown.core.workflow."""

    class Verb(models.TextChoices):
        """Every action the log knows, in one place: a free string never reaches it."""

        # Seminars and their timetable
        SEMINAR_CREATED = "seminar_created", _("seminar created")
        SEMINAR_CHANGED = "seminar_changed", _("seminar changed")
        OPEN_NOMINATIONS = "open_nominations", _("nominations opened")
        REOPEN_PLANNING = "reopen_planning", _("back to planning")
        START = "start", _("seminar started")
        CLOSE = "close", _("seminar closed")
        SESSION_ADDED = "session_added", _("session added")
        SESSION_CHANGED = "session_changed", _("session changed")
        SESSION_REMOVED = "session_removed", _("session removed")
        COPIED = "copied", _("timetable copied")
        SCHEDULE_PUBLISHED = "schedule_published", _("timetable published")
        PLACE_ADDED = "place_added", _("place added")
        PLACE_CHANGED = "place_changed", _("place changed")
        PLACE_REMOVED = "place_removed", _("place removed")
        # People and seats
        PERSON_CHANGED = "person_changed", _("person's details changed")
        NOMINATE = "nominate", _("nominated")
        ACCEPT = "accept", _("accepted")
        WAITLIST = "waitlist", _("waitlisted")
        WITHDRAW = "withdraw", _("withdrawn")
        COMPLETE = "complete", _("completed")
        OFFER = "offer", _("seat offered")
        OFFER_ACCEPTED = "offer_accepted", _("seat offer accepted")
        OFFER_DECLINED = "offer_declined", _("seat offer declined")
        OFFER_EXPIRED = "offer_expired", _("seat offer expired")
        INVITATION_RESENT = "invitation_resent", _("invitation resent")
        PERSON_CREATED = "person_created", _("account created and invited")
        EMAIL_CHANGED = "email_changed", _("e-mail address changed")
        PASSWORD_CHANGED = "password_changed", _("password changed")
        PASSWORD_SET = "password_set", _("password set through an e-mailed link")
        CALENDAR_FEED_RESET = "calendar_feed_reset", _("personal calendar feed address renewed")
        # Plans and their templates
        TEMPLATE_CREATED = "template_created", _("template created")
        TEMPLATE_CHANGED = "template_changed", _("template changed")
        PLAN_CREATED = "plan_created", _("plan created")
        PLAN_DETAILS_CHANGED = "plan_details_changed", _("plan details changed")
        # At most one per person, section and SECTION_SAVE_COALESCE: autosaves come in bursts.
        SECTION_SAVED = "section_saved", _("section edited")
        EXPERTS_ASSIGNED = "experts_assigned", _("experts assigned")
        SUBMIT = "submit", _("submitted")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        APPROVED = "approved", _("approved")
        REOPENED = "reopened", _("reopened")
        COAUTHOR_INVITED = "coauthor_invited", _("co-author invited")
        COAUTHOR_INVITATION_RESENT = "coauthor_invitation_resent", _("co-author invitation resent")
        COAUTHOR_INVITATION_REVOKED = (
            "coauthor_invitation_revoked",
            _("co-author invitation revoked"),
        )
        COAUTHOR_JOINED = "coauthor_joined", _("co-author joined")
        COAUTHOR_REMOVED = "coauthor_removed", _("co-author removed")
        FIGURE_ADDED = "figure_added", _("figure added")
        FIGURE_CHANGED = "figure_changed", _("figure changed")
        FIGURE_REPLACED = "figure_replaced", _("figure replaced")
        FIGURE_REMOVED = "figure_removed", _("figure removed")
        ANNEX_ADDED = "annex_added", _("annex added")
        ANNEX_REMOVED = "annex_removed", _("annex removed")
        # Review
        COMMENT_CREATED = "comment_created", _("comment written")
        COMMENT_REPLIED = "comment_replied", _("reply written")
        COMMENT_RELEASED = "comment_released", _("comment released")
        COMMENT_ADDRESSED = "comment_addressed", _("comment addressed")
        COMMENT_ACCEPTED = "comment_accepted", _("comment accepted")
        COMMENT_REOPENED = "comment_reopened", _("comment reopened")
        SCORES_RECORDED = "scores_recorded", _("scores recorded")
        SUGGESTION_MADE = "suggestion_made", _("rewording suggested")
        SUGGESTION_ACCEPTED = "suggestion_accepted", _("suggestion accepted")
        SUGGESTION_REJECTED = "suggestion_rejected", _("suggestion rejected")
        # PDF renders
        PDF_REQUESTED = "pdf_requested", _("PDF asked for")
        PDF_RETRY = "pdf_retry", _("PDF asked for again")
        PDF_RENDER_STARTED = "pdf_render_started", _("PDF render started")
        PDF_RENDER_RESTARTED = "pdf_render_restarted", _("PDF render restarted")
        PDF_RENDER_RETRY = "pdf_render_retry", _("PDF render to be retried")
        PDF_RENDER_READY = "pdf_render_ready", _("PDF ready")
        PDF_RENDER_FAILED = "pdf_render_failed", _("PDF render failed")
        # Access to the REST API
        API_TOKEN_CREATED = "api_token_created", _("API token created")
        API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
        PDF_RENDER_SUPERSEDED = "pdf_render_superseded", _("PDF replaced by a newer request")
        PDF_RENDER_REQUEUED = (
            "pdf_render_requeued",
            _("PDF render queued again: its worker stopped"),
        )
        PDF_RESEND = "pdf_resend", _("PDF render sent to the workers again")
        # Pilots after the seminar
        CHECK_INS_SCHEDULED = "check_ins_scheduled", _("check-ins scheduled")
        CHECK_IN_REMINDED = "check_in_reminded", _("check-in reminder sent")
        REPORT_SAVED = "report_saved", _("progress report saved")
        REPORT_SUBMITTED = "report_submitted", _("progress report submitted")
        REPORT_COMMENTED = "report_commented", _("progress report commented on")
        REPORT_PDF_READY = "report_pdf_ready", _("progress report PDF ready")
        REPORT_PDF_FAILED = "report_pdf_failed", _("progress report PDF failed")
        PILOT_STATUS_OVERRIDDEN = "pilot_status_overridden", _("pilot status set by hand")
        REPORT_PHOTO_ADDED = "report_photo_added", _("photo added to a progress report")
        REPORT_PHOTO_REMOVED = "report_photo_removed", _("photo taken off a progress report")
        # The library, the public showcase and the alumni directory
        LIBRARY_ENTRY_INDEXED = "library_entry_indexed", _("plan indexed in the library")
        PLAN_CONSENT_CHANGED = "plan_consent_changed", _("consent to show the plan changed")
        SHOWCASE_APPROVED = "showcase_approved", _("public summary approved")
        SHOWCASE_WITHDRAWN = "showcase_withdrawn", _("public summary withdrawn")
        ALUMNI_LISTING_CHANGED = "alumni_listing_changed", _("alumni directory entry changed")
        PROGRAMME_REPORT_REQUESTED = (
            "programme_report_requested",
            _("programme report requested"),
        )
        PROGRAMME_REPORT_READY = "programme_report_ready", _("programme report PDF ready")
        PROGRAMME_REPORT_FAILED = "programme_report_failed", _("programme report PDF failed")
        # Accounts and their sign-in
        SSO_ACCOUNT_CREATED = (
            "sso_account_created",
            _("account created at a sign-in through the organisation"),
        )
        MFA_ENABLED = "mfa_enabled", _("two-factor sign-in turned on")
        MFA_DISABLED = "mfa_disabled", _("two-factor sign-in turned off")
        MFA_RECOVERY_CODE_USED = "mfa_recovery_code_used", _("recovery code used to sign in")
        MFA_RECOVERY_CODES_RENEWED = "mfa_recovery_codes_renewed", _("new recovery codes made")
        MFA_RESET = "mfa_reset", _("two-factor sign-in reset by an administrator")
        MFA_DEVICE_REMOVED = (
            "mfa_device_removed",
            _("two-factor device removed by an administrator"),
        )
        MFA_DEVICE_CHANGED = (
            "mfa_device_changed",
            _("two-factor device added or changed by an administrator"),
        )
        # Privacy
        PERSON_DATA_EXPORTED = "person_data_exported", _("person's data exported")
        PERSON_ERASED = "person_erased", _("person erased on request")
        PRIVACY_NOTICE_ACCEPTED = "privacy_notice_accepted", _("privacy notice accepted")
        RETENTION_ACCOUNT_DEACTIVATED = (
            "retention_account_deactivated",
            _("account closed after years without a sign-in (retention policy)"),
        )
        # The seminar week (materials, attendance, travel, announcements, certificates)
        MATERIAL_ADDED = "material_added", _("session material added")
        MATERIAL_REMOVED = "material_removed", _("session material removed")
        CHECKED_IN = "checked_in", _("checked in with the room's code")
        ATTENDANCE_MARKED = "attendance_marked", _("marked present on the roll call")
        ATTENDANCE_UNMARKED = "attendance_unmarked", _("presence taken back on the roll call")
        CERTIFICATE_BY_EXCEPTION = (
            "certificate_by_exception",
            _("certificate issued by exception"),
        )
        TRAVEL_SAVED = "travel_saved", _("travel details saved")
        TRAVEL_DELETED = "travel_deleted", _("travel details deleted (retention policy)")
        VISA_LETTER_REQUESTED = "visa_letter_requested", _("visa invitation letter requested")
        ANNOUNCEMENT_WRITTEN = "announcement_written", _("announcement written")
        ANNOUNCEMENT_CONFIRMED = "announcement_confirmed", _("announcement confirmed for sending")
        ANNOUNCEMENT_CANCELLED = "announcement_cancelled", _("announcement withdrawn")
        ANNOUNCEMENT_SENT = "announcement_sent", _("announcement sent")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    # Checked against Verb when written (workflow.record), not as database choices: a new verb
    # needs no migration.
    verb = models.CharField(_("action"), max_length=64)
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.verb}: {self.from_status} -> {self.to_status}"

    @property
    def verb_label(self) -> str:
        return str(self.Verb(self.verb).label) if self.verb in self.Verb.values else self.verb


class PrivacyAcceptance(models.Model):
    """One person's acceptance of one version of the privacy notice, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_acceptances"
    )
    version = models.CharField(_("notice version"), max_length=32)
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="privacy_accepted_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.version}"


class OutboxTask(models.Model):
    """A Celery task that a write asked for, recorded in the write's own transaction (a
    transactional outbox). It is sent to the broker once the transaction commits, or by the
    periodic sweep (ecotown.core.outbox) if the broker was away then. Sent rows are deleted: a row
    is work the broker does not have yet."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    # Celery's sending options (queue, priority, countdown): JSON values only.
    options = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
