"""Who may do what with a pilot, its check-ins and reports. Built on the plan's predicates: those
who may read the plan read its pilot; strangers never learn it exists (selectors agree)."""

import rules

from ecotown.core.rules import add_personal_perm, is_coordinator, is_expert, is_trainee
from planning_docs.models import Plan
from planning_docs.rules import is_plan_expert, is_plan_owner, may_read_plan


@rules.predicate
def owns_the_pilot(user, check_in) -> bool:
    return is_plan_owner(user, check_in.plan)


@rules.predicate
def is_open_for_filing(user, check_in) -> bool:
    report = getattr(check_in, "report", None)
    approved = check_in.plan.status == Plan.Status.APPROVED
    return approved and (report is None or not report.is_submitted)


@rules.predicate
def reads_the_report(user, report) -> bool:
    return bool(may_read_plan(user, report.check_in.plan))


@rules.predicate
def follows_the_report(user, report) -> bool:
    plan = report.check_in.plan
    return bool(is_coordinator(user) or is_plan_expert(user, plan) or is_plan_owner(user, plan))


@rules.predicate
def is_report_submitted(user, report) -> bool:
    return report.is_submitted


rules.add_perm("pilots.view_pilot", may_read_plan)
rules.add_perm("pilots.list_pilots", is_coordinator)
rules.add_perm("pilots.override_status", is_coordinator)
add_personal_perm("pilots.file_report", owns_the_pilot & is_open_for_filing)
rules.add_perm("pilots.view_report", reads_the_report)
rules.add_perm("pilots.comment_on_report", follows_the_report & is_report_submitted)


# The library, the public showcase and the alumni directory (pilots.library, .showcase, .alumni).
@rules.predicate
def reads_in_library(user, plan) -> bool:
    from pilots.library import may_read_in_library

    return may_read_in_library(user, plan)


@rules.predicate
def is_alumnus(user) -> bool:
    from pilots.alumni import is_alumnus as alumnus

    return alumnus(user)


reads_the_library = is_coordinator | is_expert | is_trainee
rules.add_perm("pilots.view_library", reads_the_library)
rules.add_perm("pilots.read_in_library", reads_in_library)
add_personal_perm("pilots.change_consent", is_plan_owner)
rules.add_perm("pilots.approve_showcase", is_coordinator)
rules.add_perm("pilots.view_alumni", reads_the_library)
add_personal_perm("pilots.join_alumni", is_trainee & is_alumnus)
# The portfolio across seminars and years, its exports and the programme report for donors.
rules.add_perm("pilots.view_portfolio", is_coordinator)
