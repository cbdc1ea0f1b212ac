"""Demo library and showcase: three approved pilots (trainee04's, approved by reviews.demo, and
trainee10's and trainee12's, approved here by their lead experts), each with a sector, its
trainee's consent to show it to later trainees and to the public, and a coordinator's approval
of its public summary."""

from decimal import Decimal

from ecotown.core.demo import DemoContext, scaled_username
from pilots.showcase import plan_consent_set, showcase_decide
from planning_docs.models import Plan, PlanAssignment, Sector
from reviews.services import review_approve

SHOWCASED = {
    "trainee04": (
        Sector.VEHICLES,
        "An end-of-life vehicle dismantling line in the Ziya Circular Economy Industrial Park, "
        "Tianjin, recovering steel, aluminium and catalysts under the national zero-waste city "
        "programme, with the park's plants using each other's by-products.",
    ),
    "trainee10": (
        Sector.VEHICLES,
        "A licensed depollution and dismantling centre for end-of-life vehicles, replacing open "
        "yards where oil and coolant reach the soil, with a deregistration rule that sends old "
        "cars to it.",
    ),
    "trainee12": (
        Sector.PLASTICS,
        "Plastic recovery at the Dandora dumpsite in Nairobi: sorting and washing lines run with "
        "the waste pickers' groups, and recycled pellets sold to local manufacturers under the "
        "Sustainable Waste Management Act.",
    ),
}
APPROVED_HERE = ("trainee10", "trainee12")
# Where the pilots approved here are, for the portfolio's and the public pages' maps
# (trainee04's point is set by pilots.demo).
POINTS = {
    "trainee10": (Decimal("-25.95000"), Decimal("32.45000")),  # Matola industrial zone
    "trainee12": (Decimal("-1.25000"), Decimal("36.90000")),  # Dandora, Nairobi
}


def _approve(plan: Plan) -> None:
    lead = plan.assignments.get(role=PlanAssignment.Role.LEAD).expert
    review_approve(
        plan=plan,
        version=plan.versions.order_by("-number")[0],
        actor=lead,
        summary="Approved: a realistic first step, tied to national policy.",
    )
    plan.refresh_from_db()


def seed(ctx: DemoContext) -> None:
    coordinator = ctx.users.get("unido")
    for copy in range(ctx.scale):
        for username, (sector, summary) in SHOWCASED.items():
            trainee = ctx.users.get(scaled_username(username, copy))
            if trainee is None:
                continue
            plan = Plan.objects.filter(enrolment__trainee=trainee).first()
            if plan is None or hasattr(plan, "consent"):
                continue  # not there, or seeded by an earlier run
            if username in APPROVED_HERE and plan.status == Plan.Status.SUBMITTED:
                _approve(plan)
            if plan.status != Plan.Status.APPROVED:
                continue
            plan.sector = sector
            if username in POINTS and not plan.has_pilot_point:
                plan.pilot_latitude, plan.pilot_longitude = POINTS[username]
            plan.save(update_fields=["sector", "pilot_latitude", "pilot_longitude", "updated_at"])
            plan_consent_set(
                plan=plan, actor=trainee, show_to_trainees=True, public=True, summary=summary
            )
            if coordinator is not None:
                showcase_decide(plan=plan, actor=coordinator, approve=True)
