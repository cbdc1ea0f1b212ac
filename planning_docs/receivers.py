"""How planning_docs answers the apps below it: the plan of a newly accepted trainee, and the
hooks through which seminars and trainees show what only plans know (ecotown.core.hooks)."""

from django.db.models import Count, F, OuterRef, Q, Subquery

from notifications import hooks as notification_hooks
from planning_docs.models import Plan, PlanAssignment
from planning_docs.signals import plan_approved
from seminars import hooks as seminar_hooks
from seminars.models import Seminar, Session
from seminars.signals import attendance_changed
from trainees import hooks as trainee_hooks
from trainees.models import Enrolment
from trainees.signals import enrolment_accepted

LEAD = PlanAssignment.Role.LEAD
ADVISER = PlanAssignment.Role.ADVISER


def create_plan_on_acceptance(sender, *, enrolment, actor, **kwargs) -> None:
    from planning_docs.services import plan_create_for_enrolment

    plan_create_for_enrolment(enrolment=enrolment, actor=actor)


def seminars_reviewed_by(user):
    return Seminar.objects.filter(enrolments__plan__assignments__expert=user).values("pk")


def roster_annotations() -> dict:
    leads = PlanAssignment.objects.filter(plan__enrolment=OuterRef("pk"), role=LEAD)
    return {"plan_pk": F("plan__id"), "lead_id": Subquery(leads.values("expert_id")[:1])}


def expert_workload() -> dict:
    return {
        "leads": Count("plan_assignments", filter=Q(plan_assignments__role=LEAD)),
        "advises": Count("plan_assignments", filter=Q(plan_assignments__role=ADVISER)),
    }


def certificate_on_approval(sender, *, plan, actor, **kwargs) -> None:
    from planning_docs.pdf.certificate import certificate_issue_if_earned

    certificate_issue_if_earned(plan=plan, actor=actor)


def certificate_on_attendance(sender, *, session, trainee, **kwargs) -> None:
    from planning_docs.pdf.certificate import certificate_issue_if_earned

    plan = Plan.objects.filter(
        enrolment__seminar_id=session.seminar_id,
        enrolment__trainee=trainee,
        status=Plan.Status.APPROVED,
    ).first()
    if plan is not None:
        certificate_issue_if_earned(plan=plan, actor=None)


def announcement_audience(seminar_id: int, audience: str):
    """Trainees with a seat; experts who speak at the seminar or review one of its plans."""
    from django.contrib.auth import get_user_model

    trainees = Q(enrolments__seminar_id=seminar_id, enrolments__status__in=Enrolment.SEAT_HOLDING)
    experts = Q(talks__seminar_id=seminar_id) | Q(
        plan_assignments__plan__enrolment__seminar_id=seminar_id
    )
    chosen = {"trainees": trainees, "experts": experts}.get(audience, trainees | experts)
    ids = get_user_model().objects.filter(chosen).values("pk")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk")


def connect() -> None:
    notification_hooks.announcement_audience.register(announcement_audience)
    plan_approved.connect(
        certificate_on_approval, sender=Plan, dispatch_uid="planning_docs.certificate_on_approval"
    )
    attendance_changed.connect(
        certificate_on_attendance,
        sender=Session,
        dispatch_uid="planning_docs.certificate_on_attendance",
    )
    enrolment_accepted.connect(
        create_plan_on_acceptance, sender=Enrolment, dispatch_uid="planning_docs.plan_on_accept"
    )
    seminar_hooks.seminars_reviewed_by.register(seminars_reviewed_by)
    trainee_hooks.roster_annotations.register(roster_annotations)
    trainee_hooks.expert_workload.register(expert_workload)
