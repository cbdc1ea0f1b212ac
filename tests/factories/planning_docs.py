import factory

from planning_docs.models import Plan, PlanAssignment, PlanVersion
from planning_docs.services import default_template, plan_create_for_enrolment
from tests.factories.core import ExpertFactory
from tests.factories.trainees import AcceptedEnrolmentFactory


def make_plan(*, enrolment=None, lead=None, **fields) -> Plan:
    """A plan made the way the portal makes one (from the default template), with a lead expert."""
    enrolment = enrolment or AcceptedEnrolmentFactory()
    plan = plan_create_for_enrolment(enrolment=enrolment, actor=None)
    if fields:
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.save()
    PlanAssignment.objects.create(
        plan=plan, expert=lead or ExpertFactory(), role=PlanAssignment.Role.LEAD
    )
    return plan


class PlanVersionFactory(factory.django.DjangoModelFactory):
    """A frozen version with every section of the default template filled with a line of text."""

    class Meta:
        model = PlanVersion

    plan = factory.LazyFunction(make_plan)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda version: version.plan.title)
    sections = factory.LazyFunction(
        lambda: [
            {"key": s.key, "title": s.title, "kind": s.kind, "body": f"Text of {s.title}.",
             "rows": []}
            for s in default_template().sections.all()
        ]
    )  # fmt: skip
    content_hash = factory.Sequence(lambda n: f"{n:064x}")


def submitted_version(*, lead=None, number: int = 1, **plan_fields) -> PlanVersion:
    """A plan in `submitted` with its newest version, as a trainee's submission leaves it."""
    plan = make_plan(lead=lead, **plan_fields)
    version = PlanVersionFactory(plan=plan, number=number)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.SUBMITTED)
    plan.refresh_from_db()
    return version
