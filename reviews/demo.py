"""Demo reviews: comments in every state, released and internal; trainee03's plan sent back for
changes on version 1, trainee04's approved; trainee08's submission waiting past the target.
trainee05, 06 and 12 reviewed once and resubmitted."""

from ecotown.core.demo import DemoContext, scaled_username
from planning_docs import services as plan_services
from planning_docs.demo_plans import STAGES
from planning_docs.models import Plan, PlanAssignment
from reviews import services
from reviews.models import Comment


def _plan_of(ctx: DemoContext, username: str, copy: int) -> Plan | None:
    trainee = ctx.users[scaled_username(username, copy)]
    return Plan.objects.filter(
        enrolment__trainee=trainee, enrolment__seminar=ctx.seminars[copy]
    ).first()


def _lead(plan: Plan):
    return plan.assignments.get(role=PlanAssignment.Role.LEAD).expert


def _comment(plan, author, key, body, quote=""):
    return services.comment_create(
        plan=plan, author=author, section_key=key, body=body, quote=quote
    )


def _quote_from(plan: Plan, key: str, words: int = 6) -> str:
    from reviews.anchors import plain_text

    return " ".join(plain_text(plan.drafts.get(section__key=key).body).split()[:words])


def _revise(plan: Plan, *, lead, actor) -> None:
    """A second round: the lead expert asks for changes, the trainee sharpens two sections."""
    services.review_request_changes(
        plan=plan,
        version=plan.versions.latest("number"),
        actor=lead,
        summary="Quantify the targets and the risks: add the audit method and a permit risk.",
    )
    for key, extra in (
        (
            "baseline-and-problem",
            "\n\nA waste audit in the first quarter will confirm these "
            "figures by sampling 200 loads.",
        ),
        ("risks", "\n| Permits are delayed | medium | medium | a joint permit desk at the city |"),
    ):
        draft = plan.drafts.select_related("section").get(section__key=key)
        plan_services.section_save(
            draft=draft, body=draft.body + extra, revision=draft.revision, actor=actor
        )
    plan.refresh_from_db()
    plan_services.plan_submit(plan=plan, actor=actor)


def _second_rounds(ctx: DemoContext, copy: int) -> None:
    """The plans whose story has two versions get their first review round here."""
    for username, stage in STAGES.items():
        plan = _plan_of(ctx, username, copy)
        if stage != "two_versions" or plan is None or plan.status != Plan.Status.SUBMITTED:
            continue
        if plan.reviews.exists():
            continue
        _revise(plan, lead=_lead(plan), actor=plan.enrolment.trainee)


def seed(ctx: DemoContext) -> None:
    for copy in range(ctx.scale):
        _second_rounds(ctx, copy)
        plans = {
            name: _plan_of(ctx, name, copy) for name in ("trainee02", "trainee03", "trainee04")
        }
        two, three, four = plans["trainee02"], plans["trainee03"], plans["trainee04"]
        if any(plan is None or plan.status != Plan.Status.SUBMITTED for plan in plans.values()):
            continue  # already reviewed by an earlier run, or the plans are not there
        assert two is not None and three is not None and four is not None
        if Comment.objects.filter(plan__in=plans.values()).exists():
            continue
        _seed_comments(three, two)
        services.review_request_changes(
            plan=three,
            version=three.versions.get(number=1),
            actor=_lead(three),
            summary="A solid start. Please quantify the baseline, cost the sorting plant and "
            "answer the comments on the financing plan and the legal framework.",
            release=False,  # the demo keeps one internal note to show
        )
        services.review_approve(
            plan=four,
            version=four.versions.get(number=1),
            actor=_lead(four),
            summary="Approved: a clear pilot tied to national policy, with realistic financing.",
        )


def _seed_comments(three: Plan, two: Plan) -> None:
    lead, trainee = _lead(three), three.enrolment.trainee
    released = _comment(
        three,
        lead,
        "financing-plan",
        "Which share of the plant is financed by the donor, and for how many years?",
    )
    services.comment_release(comment=released, actor=lead)
    addressed = _comment(
        three,
        lead,
        "legal-framework",
        "Name the rule that makes producers pay for collection.",
        quote=_quote_from(three, "legal-framework"),
    )
    services.comment_release(comment=addressed, actor=lead)
    services.comment_mark_addressed(
        comment=addressed,
        actor=trainee,
        reply="Added the E-Waste (Management) Rules, 2022 and their EPR targets.",
    )
    _comment(three, lead, "risks", "Internal: the risk table underestimates permit delays.")

    lead2, trainee2 = _lead(two), two.enrolment.trainee
    accepted = _comment(two, lead2, "baseline-and-problem", "Give the 2024 tonnage per district.")
    services.comment_release(comment=accepted, actor=lead2)
    services.comment_mark_addressed(comment=accepted, actor=trainee2, reply="Table added.")
    services.comment_accept(comment=accepted, actor=lead2)
    reopened = _comment(two, lead2, "monitoring-indicators", "Add a target year to each indicator.")
    services.comment_release(comment=reopened, actor=lead2)
    services.comment_mark_addressed(comment=reopened, actor=trainee2)
    services.comment_reopen(comment=reopened, actor=lead2)
