"""How planning_docs answers the apps below it: the plan of a newly accepted trainee, and the
hooks through which seminars and trainees show what only plans know (ecotown.core.hooks)."""

from django.db.models import Count, F, OuterRef, Q, Subquery

from planning_docs.models import PlanAssignment
from seminars import hooks as seminar_hooks
from seminars.models import Seminar
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


def connect() -> None:
    enrolment_accepted.connect(
        create_plan_on_acceptance, sender=Enrolment, dispatch_uid="planning_docs.plan_on_accept"
    )
    seminar_hooks.seminars_reviewed_by.register(seminars_reviewed_by)
    trainee_hooks.roster_annotations.register(roster_annotations)
    trainee_hooks.expert_workload.register(expert_workload)
