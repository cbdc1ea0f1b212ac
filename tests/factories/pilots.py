from pilots.models import CheckIn, ProgressReport
from pilots.progress import rows_from_version
from pilots.services import ReportInput, report_save
from planning_docs.models import Plan
from planning_docs.services import plan_approve
from tests.factories.planning_docs import submitted_version


def approved_plan(**plan_fields) -> Plan:
    """A filled plan, submitted and approved by its lead expert through the real services: its
    check-ins are scheduled (6, 12 and 24 months after the seminar's last day)."""
    version = submitted_version(**plan_fields)
    plan = version.plan
    lead = plan.assignments.get().expert
    plan_approve(plan=plan, version=version, actor=lead, note="Approved.")
    plan.refresh_from_db()
    return plan


def filled_input(check_in: CheckIn, *, share: str = "0.5", state: str = "on_track") -> ReportInput:
    """A complete report of `check_in`: every indicator `share` of the way to its target."""
    from decimal import Decimal

    rows = rows_from_version(check_in.version)
    for row in rows["indicators"]:
        baseline, target = Decimal(row["baseline"]), Decimal(row["target"])
        actual = baseline + (target - baseline) * Decimal(share)
        row |= {"actual": format(actual, "f"), "date": "2027-05-01", "source": "Survey"}
    for row in rows["milestones"]:
        row["state"] = state
    for row in rows["financing"]:
        row["secured"] = row["planned"]
    return ReportInput(**rows, worked="Decree", obstacles="Trucks", help_requested="Visit")


def submitted_report(check_in: CheckIn, **kwargs) -> ProgressReport:
    trainee = check_in.plan.enrolment.trainee
    return report_save(
        check_in=check_in, actor=trainee, data=filled_input(check_in, **kwargs), submit=True
    )
