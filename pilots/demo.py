"""Demo pilots: trainee04's approved plan (approved by reviews.demo, which scheduled its
check-ins) has its 6-month report submitted, on track, and its 12-month check-in next due."""

from decimal import Decimal

from ecotown.core.demo import DemoContext, scaled_username
from pilots import demo_past, showcase_demo
from pilots.models import CheckIn, MilestoneState, ProgressReport
from pilots.progress import rows_from_version
from pilots.services import ReportInput, report_save
from planning_docs.models import Plan

# A third of the way from baseline to target at 6 of 24 months: ahead of the expected 25 %.
SHARE_REACHED = Decimal("0.3")
STATES = (MilestoneState.DONE, MilestoneState.ON_TRACK)


def _six_month_report(check_in: CheckIn) -> ReportInput:
    rows = rows_from_version(check_in.version)
    due = check_in.due_on.isoformat()
    for row in rows["indicators"]:
        baseline, target = Decimal(row["baseline"]), Decimal(row["target"])
        actual = baseline + (target - baseline) * SHARE_REACHED
        row |= {"actual": format(actual.normalize(), "f"), "date": due}
        row["source"] = "Municipal waste department, monthly weighbridge records"
    for i, row in enumerate(rows["milestones"]):
        row["state"] = STATES[min(i, 1)]
    for row in rows["financing"]:
        row["secured"] = format((Decimal(row["planned"]) / 2).normalize(), "f")
    return ReportInput(
        **rows,
        worked="The national decree passed on time, and two recyclers joined the sorting pilot.",
        obstacles="Collection trucks arrived three months late; customs clearance was slow.",
        help_requested="A visit by the Kitakyushu Eco-Town Centre's sorting engineers.",
    )


# Where trainee04's pilot is: Tianjin's Ziya circular-economy park.
TIANJIN = {"pilot_latitude": Decimal("38.85000"), "pilot_longitude": Decimal("116.95000")}


def seed(ctx: DemoContext) -> None:
    demo_past.seed(ctx)
    for copy in range(ctx.scale):
        trainee = ctx.users.get(scaled_username("trainee04", copy))
        if trainee is None:
            continue
        plan = Plan.objects.filter(enrolment__trainee=trainee, status=Plan.Status.APPROVED).first()
        if plan is None:
            continue
        Plan.objects.filter(pk=plan.pk, pilot_latitude=None).update(sector="vehicles", **TIANJIN)
        first = plan.check_ins.order_by("due_on").first()
        if first is None or ProgressReport.objects.filter(check_in=first).exists():
            continue  # not scheduled, or seeded by an earlier run
        report_save(check_in=first, actor=trainee, data=_six_month_report(first), submit=True)
    showcase_demo.seed(ctx)
