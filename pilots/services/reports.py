"""Progress reports: saved as drafts, submitted once (then immutable), commented on; and a
coordinator's word on a pilot's status."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core import outbox, roles
from ecotown.core.guards import require_perm
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record, transition
from notifications.services import notify
from pilots.models import (
    CheckIn,
    PilotStatus,
    ProgressReport,
    ReportComment,
    ReportPdf,
    StatusOverride,
)
from pilots.progress import rows_from_version
from planning_docs.models import Plan


@dataclass
class ReportInput:
    """A report's content as a form cleaned it: rows in the shape ProgressReport stores."""

    indicators: list[dict] = field(default_factory=list)
    milestones: list[dict] = field(default_factory=list)
    financing: list[dict] = field(default_factory=list)
    worked: str = ""
    obstacles: str = ""
    help_requested: str = ""


def report_or_new(check_in: CheckIn) -> ProgressReport:
    """The check-in's report, or an unsaved draft holding the approved version's rows."""
    report: ProgressReport | None = getattr(check_in, "report", None)
    if report is not None:
        return report
    return ProgressReport(check_in=check_in, **rows_from_version(check_in.version))


def _lock(check_in: CheckIn) -> ProgressReport:
    CheckIn.objects.select_for_update().get(pk=check_in.pk)
    report = ProgressReport.objects.filter(check_in=check_in).first()
    if report is not None and report.is_submitted:
        raise ValidationError(_("This report is submitted already: it can no longer change."))
    return report or ProgressReport(check_in=check_in)


def _people_of(plan: Plan) -> list[User]:
    experts = [a.expert for a in plan.assignments.select_related("expert")]
    return [plan.enrolment.trainee, *experts, *roles.active_coordinators()]


@transaction.atomic
def report_save(
    *, check_in: CheckIn, actor: User, data: ReportInput, submit: bool = False
) -> ProgressReport:
    """Save the trainee's report of a check-in as a draft, or submit it.

    Side effects: the ProgressReport row (made on the first save) and an AuditEvent; on submit,
    the status move, the report's PDF queued (after commit, through the outbox) and a
    notification to the plan's experts and the coordinators. Refused (PermissionDenied, or
    ValidationError once submitted) with nothing changed."""
    require_perm(actor, "pilots.file_report", check_in, _("Only the pilot's trainee files it."))
    report = _lock(check_in)
    for name, value in vars(data).items():
        setattr(report, name, value)
    report.save()
    if not submit:
        record(report, verb=AuditEvent.Verb.REPORT_SAVED, actor=actor)
        return report
    report.submitted_at, report.submitted_by = timezone.now(), actor
    transition(
        report,
        to_status=ProgressReport.Status.SUBMITTED,
        actor=actor,
        verb=AuditEvent.Verb.REPORT_SUBMITTED,
        fields=["submitted_at", "submitted_by"],
    )
    pdf = ReportPdf.objects.create(report=report)
    outbox.task_send_on_commit("pilots.render_report_pdf", pdf.pk)
    plan = check_in.plan
    notify(
        recipients=[p for p in _people_of(plan) if p.pk != actor.pk],
        verb="report_submitted",
        context={"plan": plan, "report": report},
        url=reverse("pilots:report-detail", args=[report.pk]),
        plan=plan,
    )
    return report


@transaction.atomic
def report_comment_create(*, report: ProgressReport, author: User, body: str) -> ReportComment:
    """A comment on a submitted report. Side effects: the row, an AuditEvent on the report and a
    notification to the plan's trainee, experts and coordinators (not the author)."""
    require_perm(author, "pilots.comment_on_report", report, _("You may not comment here."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a comment first."))
    comment = ReportComment.objects.create(report=report, author=author, body=body)
    record(report, verb=AuditEvent.Verb.REPORT_COMMENTED, actor=author)
    plan = report.check_in.plan
    notify(
        recipients=[p for p in _people_of(plan) if p.pk != author.pk],
        verb="report_comment",
        context={"plan": plan, "report": report, "comment": comment},
        url=reverse("pilots:report-detail", args=[report.pk]),
        plan=plan,
    )
    return comment


@transaction.atomic
def pilot_status_override(
    *, plan: Plan, actor: User, status: str, reason: str, derived: str
) -> StatusOverride:
    """A coordinator sets the pilot's status by hand (or, with an empty status, hands it back to
    the rule), saying why. Side effects: a StatusOverride row and an AuditEvent on the plan
    (from the status derived by the rule to the one set)."""
    require_perm(actor, "pilots.override_status", plan, _("Only coordinators set a status."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the status is set by hand."))
    if status and status not in PilotStatus.values:
        raise ValidationError(_("Choose a status."))
    override = StatusOverride.objects.create(plan=plan, status=status, reason=reason, by=actor)
    record(
        plan,
        verb=AuditEvent.Verb.PILOT_STATUS_OVERRIDDEN,
        actor=actor,
        note=reason,
        from_status=derived,
        to_status=status or derived,
    )
    return override
