"""PDF demo data (a step of seed_demo, after the reviews) and the sample plan text the
benchmark renders."""

from ecotown.core.demo import DemoContext
from planning_docs.models import Plan, PlanTemplate
from planning_docs.pdf import services as pdf_services
from planning_docs.versions import newest_version

PARAGRAPHS = [
    "The pilot builds on the national strategy for a circular economy and on the eco-town "
    "approach of Kitakyushu: industries that use one another's waste as raw material, a public "
    "research park, and a recycling zone planned with the people who live beside it.",
    "Three steps follow each other: a **feasibility study** with the municipality and the "
    "industrial park operator, an *ordinance* that sets the zone and its incentives, and the "
    "first recycling plant financed jointly by the national budget, a donor and private firms.",
    "Risks are named with their owners: land acquisition (municipality), the price of recovered "
    "materials (industry association), and the monitoring capacity of the environment bureau.",
]
FINANCING = [
    ("Feasibility study", "donor", "250000", 2027),
    ("Sorting and recycling plant", "national_budget", "1800000", 2028),
    ("Sorting and recycling plant", "private", "1200000", 2028),
    ("Composting line", "ppp", "600000", 2029),
    ("Training centre", "local_budget", "300000", 2029),
]
TIMELINE = [
    ("Feasibility study", "2027-01-15", "2027-09-30", "Municipality"),
    ("Eco-town ordinance", "2027-06-01", "2028-03-31", "Ministry"),
    ("Recycling plant built", "2028-04-01", "2029-06-30", "PPP company"),
    ("Operation and monitoring", "2029-07-01", "2030-12-31", "Environment bureau"),
]
INDICATORS = [
    ("Industrial waste recycled", "%", "12", "45", 2030),
    ("Landfilled waste", "t/year", "85000", "40000", 2030),
    ("Jobs in recycling", "people", "40", "400", 2030),
]


def sample_sections(template: PlanTemplate, local_text: str = "") -> list[dict]:
    """A complete plan in the shape of a version's sections, in the template's order."""
    rows = {
        "financing": [
            {"item": i, "source": s, "amount": a, "currency": "USD", "year": y}
            for i, s, a, y in FINANCING
        ],
        "timeline": [{"milestone": m, "start": s, "end": e, "owner": o} for m, s, e, o in TIMELINE],
        "indicators": [
            {"indicator": i, "unit": u, "baseline": b, "target": t, "year": y}
            for i, u, b, t, y in INDICATORS
        ],
    }
    sections = []
    for index, section in enumerate(template.sections.all()):
        body = "\n\n".join(PARAGRAPHS[(index + n) % len(PARAGRAPHS)] for n in range(3))
        if local_text and index % 3 == 0:
            body = f"{local_text}\n\n{body}"
        sections.append(
            {
                "key": section.key,
                "title": section.title,
                "kind": section.kind,
                "body": body,
                "rows": rows.get(section.kind, []),
            }
        )
    return sections


def _plan_of(username: str, ctx: DemoContext) -> Plan | None:
    user = ctx.users.get(username)
    return Plan.objects.filter(enrolment__trainee=user).first() if user else None


def seed(ctx: DemoContext) -> None:
    """trainee04's newest version rendered (its final render), else a render of its current
    text; and a draft render of trainee06's plan (right-to-left name). Queued on commit."""
    coordinator = ctx.users.get("unido")
    plan = _plan_of("trainee04", ctx)
    if plan is not None:
        version = newest_version(plan)
        if version is not None:
            pdf_services.pdf_queue_final_render(version=version, actor=coordinator)
        else:
            pdf_services.pdf_request_draft_render(plan=plan, actor=coordinator)
    other = _plan_of("trainee06", ctx)
    if other is not None:
        pdf_services.pdf_request_draft_render(plan=other, actor=coordinator)
