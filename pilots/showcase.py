"""Consent to show an approved plan, and the public showcase: a trainee consents (to later
trainees reading it in the library; to its summary being public), a coordinator approves the
public summary, and only then does it appear under /public/. Withdrawing consent, or changing
the summary, takes it off at once and needs a coordinator's approval again."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core.guards import require_perm
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from pilots.models import PlanConsent
from pilots.selectors import with_follow_up
from planning_docs.models import Plan


def consent_of(plan: Plan) -> PlanConsent:
    """The plan's consent, or an unsaved one consenting to nothing."""
    consent: PlanConsent | None = getattr(plan, "consent", None)
    return consent if consent is not None else PlanConsent(plan=plan)


def _note(consent: PlanConsent) -> str:
    return f"library: {consent.show_to_trainees}, public: {consent.public}"


@transaction.atomic
def plan_consent_set(
    *, plan: Plan, actor: User, show_to_trainees: bool, public: bool, summary: str
) -> PlanConsent:
    """The trainee's choices for their plan. Side effects: the PlanConsent row, an AuditEvent on
    the plan; a coordinator's approval is cleared when public consent is withdrawn or the
    summary changes (with a SHOWCASE_WITHDRAWN event if it was public). Refused
    (PermissionDenied, or ValidationError with nothing changed) for anyone but the trainee, or
    public consent without a summary."""
    require_perm(actor, "pilots.change_consent", plan, _("Only the plan's trainee decides."))
    summary = (summary or "").strip()
    if public and not summary:
        raise ValidationError(_("Write the summary the public may read, or keep it private."))
    consent = PlanConsent.objects.select_for_update().filter(plan=plan).first()
    consent = consent or PlanConsent(plan=plan)
    was_showcased = consent.is_showcased
    if not public or summary != consent.summary:
        consent.approved_at, consent.approved_by = None, None
    consent.show_to_trainees, consent.public, consent.summary = show_to_trainees, public, summary
    consent.save()
    record(plan, verb=AuditEvent.Verb.PLAN_CONSENT_CHANGED, actor=actor, note=_note(consent))
    if was_showcased and not consent.is_showcased:
        record(plan, verb=AuditEvent.Verb.SHOWCASE_WITHDRAWN, actor=actor, note="by the trainee")
    return consent


@transaction.atomic
def showcase_decide(*, plan: Plan, actor: User, approve: bool) -> PlanConsent:
    """A coordinator approves the public summary of an approved plan whose trainee consented, or
    takes it off the showcase. Side effects: the approval on the PlanConsent row, an AuditEvent
    on the plan. Refused (PermissionDenied, or ValidationError with nothing changed) for
    non-coordinators, without the trainee's public consent, or for a plan not approved."""
    require_perm(actor, "pilots.approve_showcase", plan, _("Only coordinators approve it."))
    consent = PlanConsent.objects.select_for_update().filter(plan=plan).first()
    if approve:
        if consent is None or not consent.public or not consent.summary:
            raise ValidationError(_("The trainee has not consented to a public summary."))
        if plan.status != Plan.Status.APPROVED:
            raise ValidationError(_("Only an approved plan is shown to the public."))
        consent.approved_at, consent.approved_by = timezone.now(), actor
        consent.save(update_fields=["approved_at", "approved_by", "updated_at"])
        record(plan, verb=AuditEvent.Verb.SHOWCASE_APPROVED, actor=actor)
        return consent
    if consent is None or consent.approved_at is None:
        raise ValidationError(_("The summary is not on the public showcase."))
    consent.approved_at, consent.approved_by = None, None
    consent.save(update_fields=["approved_at", "approved_by", "updated_at"])
    record(plan, verb=AuditEvent.Verb.SHOWCASE_WITHDRAWN, actor=actor, note="by a coordinator")
    return consent


def showcased_plans() -> QuerySet[Plan]:
    """What the public sees: approved plans with the trainee's public consent and a
    coordinator's approval, with what the pages show."""
    plans = Plan.objects.filter(
        status=Plan.Status.APPROVED,
        consent__public=True,
        consent__approved_at__isnull=False,
    ).exclude(consent__summary="")
    plans = plans.select_related("consent", "enrolment__seminar", "enrolment__trainee")
    return with_follow_up(plans).order_by("-enrolment__seminar__start_date", "title", "pk")


def showcased_plan_or_404(pk: int) -> Plan:
    return get_object_or_404(showcased_plans(), pk=pk)
