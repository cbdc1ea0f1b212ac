from django.db import transaction

from ecotown.core.models import User
from planning_docs.models import Plan, PlanTemplate, SectionDraft
from trainees.models import Enrolment

DEFAULT_TEMPLATE_NAME = "Eco-town pilot project plan"


def default_template() -> PlanTemplate:
    return PlanTemplate.objects.get(name=DEFAULT_TEMPLATE_NAME)


@transaction.atomic
def plan_create_for_enrolment(*, enrolment: Enrolment, actor: User | None) -> Plan:
    """The plan of an accepted enrolment, from its seminar's template (the default if none).

    Idempotent: a second call returns the existing plan. Creates one empty SectionDraft per
    template section, so that every later save is an update guarded by its revision.
    """
    existing = Plan.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    template = enrolment.seminar.plan_template or default_template()
    profile = getattr(enrolment.trainee, "trainee_profile", None)
    plan = Plan.objects.create(
        enrolment=enrolment,
        template=template,
        title=f"Pilot eco-town plan: {enrolment.trainee}",
        pilot_country=profile.country if profile else "",
    )
    SectionDraft.objects.bulk_create(
        SectionDraft(plan=plan, section=section, updated_by=actor)
        for section in template.sections.all()
    )
    return plan
