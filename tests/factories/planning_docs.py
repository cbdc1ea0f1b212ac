import factory

from planning_docs.models import Plan, PlanAssignment, PlanVersion
from planning_docs.services import default_template, plan_create_for_enrolment, plan_submit
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
            {
                "key": s.key,
                "title": s.title,
                "kind": s.kind,
                "body": f"Text of {s.title}.",
                "rows": [],
            }
            for s in default_template().sections.all()
        ]
    )
    content_hash = factory.Sequence(lambda n: f"{n:064x}")


SAMPLE_ROWS = {
    "financing": [
        {
            "item": "Sorting line",
            "source": "national_budget",
            "amount": "250000",
            "currency": "USD",
            "year": 2027,
        },
        {
            "item": "Collection trucks",
            "source": "donor",
            "amount": "120000.50",
            "currency": "USD",
            "year": 2028,
        },
    ],
    "timeline": [
        {
            "milestone": "Decree adopted",
            "start": "2027-01-01",
            "end": "2027-06-30",
            "owner": "Ministry",
        },
        {"milestone": "Plant operating", "start": "2027-07-01", "end": "2028-12-31", "owner": ""},
    ],
    "indicators": [
        {
            "indicator": "Waste recycled",
            "unit": "t/year",
            "baseline": "1200",
            "target": "5000",
            "year": 2030,
        },
    ],
}


def fill_plan(plan: Plan, *, skip: tuple[str, ...] = ()) -> Plan:
    """Write every section of a plan (except the keys in `skip`) straight into its drafts."""
    for draft in plan.drafts.select_related("section"):
        if draft.section.key in skip:
            continue
        kind = draft.section.kind
        draft.body = f"Text of {draft.section.title}."
        draft.rows = SAMPLE_ROWS[kind] if kind != "prose" else []
        draft.revision += 1
        draft.save()
    return plan


def attach_figure_and_annex(plan: Plan) -> None:
    """One figure, shown in the pilot site section, and one annex, added by the plan's trainee
    through the services (files go to the storage: point MEDIA_ROOT at a temporary folder)."""
    from planning_docs.attachments import annex_add, figure_add
    from planning_docs.demo_attachments import process_flow_png, text_pdf

    trainee = plan.enrolment.trainee
    figure = figure_add(
        plan=plan,
        content=process_flow_png(),
        name="flow.png",
        declared_type="image/png",
        caption="Process flow",
        alt="Four steps joined by arrows",
        actor=trainee,
    )
    draft = plan.drafts.get(section__key="pilot-site-and-scope")
    draft.body = f"{draft.body}\n\n{figure.reference}\n"
    draft.revision += 1
    draft.save()
    annex_add(plan=plan, content=text_pdf(["Letter of intent"]), title="Letter", actor=trainee)


def submitted_version(*, lead=None, attachments: bool = False, **plan_fields) -> PlanVersion:
    """A filled plan submitted by its trainee through the real service: version 1, submitted;
    with `attachments`, showing a figure and with an annex."""
    plan = fill_plan(make_plan(lead=lead, **plan_fields))
    if attachments:
        attach_figure_and_annex(plan)
    version = plan_submit(plan=plan, actor=plan.enrolment.trainee)
    plan.refresh_from_db()
    return version


def add_coauthor(plan: Plan, user=None, *, contributed: bool = False):
    """An active co-author of `plan` (a new user in the co-author group unless `user` is given),
    as an accepted invitation leaves one."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from ecotown.core import roles
    from planning_docs.models import PlanCoauthor
    from tests.factories.core import UserFactory

    user = user or UserFactory(role=roles.COAUTHOR)
    user.groups.add(Group.objects.get_or_create(name=roles.COAUTHOR)[0])
    now = timezone.now()
    PlanCoauthor.objects.create(
        plan=plan,
        email=user.email,
        user=user,
        invited_by=plan.enrolment.trainee,
        status=PlanCoauthor.Status.ACTIVE,
        invited_at=now,
        expires_at=now,
        joined_at=now,
        contributed_at=now if contributed else None,
    )
    return user
