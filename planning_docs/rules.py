"""Who may do what with a plan. Lists are scoped by selectors.plans_for_user, which agrees.

The plan predicates here are the only ones: the review and PDF rules build on them.
"""

import rules

from ecotown.core.rules import add_personal_perm, is_coordinator
from planning_docs.models import PlanAssignment


@rules.predicate
def is_plan_owner(user, plan) -> bool:
    return plan is not None and user.is_authenticated and plan.enrolment.trainee_id == user.pk


@rules.predicate
def is_plan_expert(user, plan) -> bool:
    # Reads the assignments through .all() so that a prefetch serves every check of a page.
    if plan is None or not user.is_authenticated:
        return False
    return any(a.expert_id == user.pk for a in plan.assignments.all())


@rules.predicate
def is_lead_expert(user, plan) -> bool:
    if plan is None or not user.is_authenticated:
        return False
    return any(
        a.expert_id == user.pk and a.role == PlanAssignment.Role.LEAD
        for a in plan.assignments.all()
    )


@rules.predicate
def is_plan_editable(user, plan) -> bool:
    return plan is not None and plan.is_editable


may_read_plan = is_coordinator | is_plan_owner | is_plan_expert

rules.add_perm("planning_docs.view_plan", may_read_plan)
add_personal_perm("planning_docs.change_plan", is_plan_owner & is_plan_editable)
add_personal_perm("planning_docs.submit_plan", is_plan_owner & is_plan_editable)
rules.add_perm("planning_docs.manage_templates", is_coordinator)
# A trainee's own archive (their text, released comments, PDFs); coordinators for backups.
rules.add_perm("planning_docs.export_plan", is_plan_owner | is_coordinator)
rules.add_perm("planning_docs.assign_experts", is_coordinator)
