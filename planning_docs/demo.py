"""Demo plans for trainee01-12 in the states the workflow has so far, made through the services.

Runs after trainees/demo.py (which creates each accepted trainee's plan and lead expert). Only
plans nobody has touched yet are written, so running seed_demo again changes nothing.
"""

from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta
from unittest import mock

from django.utils import timezone

from ecotown.core.demo import DemoContext, scaled_username
from planning_docs import demo_attachments
from planning_docs.demo_plans import PLANS, STAGES
from planning_docs.models import Plan, PlanAssignment, PlanCoauthor, SectionDraft, TemplateSection
from planning_docs.services import plan_assign_experts, plan_submit, section_save
from trainees.demo import lead_expert_of

Kind = TemplateSection.Kind

# Submissions that have waited a while, so that the turnaround view has something to show.
WAITED_DAYS = {"trainee08": 10, "trainee10": 3}  # 10 days: past 5 working days, any weekday


def _days_ago(days: int) -> AbstractContextManager[object]:
    """The demo's clock, turned back: a submission made `days` ago is recorded then, because
    the audit log (which the turnaround reads) cannot be rewritten afterwards."""
    if not days:
        return nullcontext()
    return mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() - timedelta(days=days)
    )


# Amounts per currency unit: a pilot of a few million US dollars in each local currency.
RATE = {"USD": 1, "INR": 83, "CNY": 7, "KES": 130}


def _prose(key: str, f: dict) -> str:
    quote = f"\n\n{f['quote']}" if f.get("quote") else ""
    texts = {
        "national-policy-context": (
            f"## Where the pilot fits\n\nThe pilot puts into practice {f['policy']}, and "
            f"contributes to {f['strategy']}. It is the first step of a national strategy: "
            f"what works in {f['region']} is meant to be copied by other cities.{quote}\n\n"
            "The ministry of environment owns the legal side; the ministry of industry the "
            "incentives for firms; the city the land, permits and collection."
        ),
        "baseline-and-problem": (
            f"{f['baseline']}\n\n**The problem:** valuable materials are lost, and pollution "
            "grows with the economy. Like Kitakyushu in the 1960s, the city must decouple its "
            "growth from pollution, starting from a baseline that can be measured again."
        ),
        "pilot-site-and-scope": (
            f"The pilot is at **{f['site']}** ({f['region']}). It covers {f['theme']} only: "
            f"{f['chain']}.\n\n- In scope: collection, processing and the sale of recovered "
            "materials\n- Out of scope: mixed household waste and hazardous medical waste"
        ),
        "legal-framework": (
            f"The pilot relies on {f['policy']}.\n\n| Gap | Remedy | Owner |\n|---|---|---|\n"
            "| No licence category for recyclers | Ministerial order | Environment ministry |\n"
            "| No landfill fee for recyclable loads | City bylaw | City council |"
        ),
        "policy-instruments": (
            "1. **Landfill fees** that rise each year, so that recycling becomes cheaper.\n"
            "2. **Extended producer responsibility**: producers finance collection.\n"
            "3. **Green public procurement** of recycled products by the city.\n"
            "4. *Tax holidays* for the first recyclers in the zone."
        ),
        "institutions-and-stakeholders": (
            f"Partners: {f['partners']}.\n\nFollowing the Kitakyushu model, local government, "
            "industry, universities and the public meet in one **eco-town council** every "
            "quarter; residents and informal workers have seats on it."
        ),
        "technologies-and-recycling-chains": (
            f"The recycling chain: {f['chain']}. We prefer proven, affordable technology "
            "matched to local waste, and plan the site so that one plant's waste becomes "
            "another's input."
        ),
        "financing-plan": (
            "The national and local budgets pay for land and the first equipment; a donor "
            "grant covers training; private operators invest through a public-private "
            "partnership and run the plants after the pilot from gate fees and material sales."
        ),
        "implementation-timeline": "Legal steps come first, then procurement and construction.",
        "monitoring-indicators": "Measured each year by the city and the university.",
        "risks": (
            "| Risk | Likelihood | Impact | Response |\n|---|---|---|---|\n"
            "| Prices of recovered materials fall | medium | high | long-term offtake contracts |\n"
            "| A partner withdraws | low | high | the eco-town council finds a replacement |\n"
            "| Informal workers lose income | medium | medium | jobs and training in the plants |"
        ),
        "transboundary-waste-and-basel": (
            "Recovered fractions that cannot be processed at home are exported only with prior "
            "informed consent under the **Basel Convention**, to facilities with environmentally "
            "sound management; customs and the environment agency check every shipment."
        ),
    }
    return texts[key]


def _rows(kind: str, f: dict) -> list[dict]:
    c, rate, year = f["currency"], RATE[f["currency"]], f["start"]
    if kind == Kind.FINANCING:
        items = [
            ("Land preparation and buildings", "local_budget", 600_000),
            ("Processing equipment", "national_budget", 1_400_000),
            ("Training and the eco-town council", "donor", 250_000),
            ("Operation of the plant", "ppp", 900_000),
            ("Collection vehicles", "private", 350_000),
        ]
        return [
            {
                "item": item,
                "source": source,
                "amount": str(amount * rate),
                "currency": c,
                "year": year + (index % 2),
            }
            for index, (item, source, amount) in enumerate(items)
        ]
    if kind == Kind.TIMELINE:
        steps = [
            ("Legal amendments adopted", "01-01", "06-30", 0, "Environment ministry"),
            ("Procurement of equipment", "04-01", "12-31", 0, "City procurement office"),
            ("Construction of the plant", "01-01", "12-31", 1, "PPP operator"),
            ("Start of operation", "01-01", "06-30", 2, "PPP operator"),
            ("Evaluation and national roll-out plan", "07-01", "12-31", 2, "University"),
        ]
        return [
            {"milestone": m, "start": f"{year + y}-{s}", "end": f"{year + y}-{e}", "owner": o}
            for m, s, e, y, o in steps
        ]
    return [
        {
            "indicator": "Material recycled",
            "unit": "t/year",
            "baseline": "2000",
            "target": "25000",
            "year": year + 3,
        },
        {
            "indicator": "Waste diverted from landfill",
            "unit": "%",
            "baseline": "5",
            "target": "40",
            "year": year + 3,
        },
        {
            "indicator": "Jobs created, formal",
            "unit": "jobs",
            "baseline": "0",
            "target": "180",
            "year": year + 3,
        },
    ]


def _write(plan: Plan, facts: dict, *, upto: int, actor) -> None:
    drafts = plan.drafts.select_related("section").order_by("section__position")
    for draft in list(drafts)[:upto]:
        kind = draft.section.kind
        rows = _rows(kind, facts) if kind != Kind.PROSE else None
        body = _prose(draft.section.key, facts)
        section_save(draft=draft, body=body, rows=rows, revision=draft.revision, actor=actor)


# A colleague from the trainee's ministry who writes one section of her plan before it is
# submitted, so that the plan shows "last edited by" them and the PDF's cover names them.
COAUTHORS = {"trainee02": ("coauthor02", "institutions-and-stakeholders")}
COAUTHOR_ADDITION = (
    "\n\n**The ministry's part:** its waste division chairs a monthly steering committee of the "
    "city, UCG and the waste pickers' association, and publishes the tonnes composted each quarter."
)


def _coauthor_writes(plan: Plan, coauthor, key: str) -> None:
    # Joined as an accepted invitation leaves a co-author: no e-mail goes to a demo address.
    now = timezone.now()
    PlanCoauthor.objects.get_or_create(
        plan=plan,
        user=coauthor,
        defaults={
            "email": coauthor.email,
            "invited_by": plan.enrolment.trainee,
            "status": PlanCoauthor.Status.ACTIVE,
            "invited_at": now,
            "expires_at": now,
            "joined_at": now,
        },
    )
    draft = plan.drafts.select_related("section").get(section__key=key)
    body = draft.body + COAUTHOR_ADDITION
    section_save(draft=draft, body=body, revision=draft.revision, actor=coauthor)


def _seed_plan(
    plan: Plan,
    facts: dict,
    stage: str,
    *,
    lead,
    coauthor=None,
    key="",
    figures: bool = False,
    waited: int = 0,
) -> None:
    trainee = plan.enrolment.trainee
    plan.title, plan.pilot_site, plan.pilot_region = facts["title"], facts["site"], facts["region"]
    plan.save(update_fields=["title", "pilot_site", "pilot_region", "updated_at"])
    upto = {"started": 2, "half": 6}.get(stage, 12)
    _write(plan, facts, upto=upto, actor=trainee)
    if coauthor is not None:
        _coauthor_writes(plan, coauthor, key)
    if figures:
        demo_attachments.attach(plan, actor=trainee)
    if stage in ("submitted", "two_versions"):
        # A second version comes after a review round: reviews/demo.py asks for the changes.
        with _days_ago(waited):
            plan_submit(plan=plan, actor=trainee)


def seed(ctx: DemoContext) -> None:
    for copy in range(ctx.scale):
        for username, facts in PLANS.items():
            trainee = ctx.users[scaled_username(username, copy)]
            plan = Plan.objects.filter(
                enrolment__trainee=trainee, enrolment__seminar=ctx.seminars[copy]
            ).first()
            if plan is None:
                continue
            if not plan.assignments.exists():
                lead = ctx.users[scaled_username(lead_expert_of(username), copy)]
                plan_assign_experts(plan=plan, lead=lead, advisers=[], actor=ctx.users["unido"])
            untouched = not SectionDraft.objects.filter(plan=plan, revision__gt=0).exists()
            if not untouched or plan.versions.exists():
                continue
            lead = plan.assignments.get(role=PlanAssignment.Role.LEAD).expert
            colleague, key = COAUTHORS.get(username, ("", ""))
            coauthor = ctx.users[scaled_username(colleague, copy)] if colleague else None
            # trainee04's plan (approved, with its PDF) shows a site map, a process flow and a
            # letter of intent.
            _seed_plan(
                plan,
                facts,
                STAGES[username],
                lead=lead,
                coauthor=coauthor,
                key=key,
                figures=username == "trainee04",
                waited=WAITED_DAYS.get(username, 0),
            )
