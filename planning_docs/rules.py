"""Who may do what with a plan. Lists are scoped by selectors.plans_for_user, which agrees."""

import rules

from ecotown.core.rules import is_coordinator


@rules.predicate
def is_plan_owner(user, plan) -> bool:
    return plan is not None and user.is_authenticated and plan.enrolment.trainee_id == user.pk


@rules.predicate
def is_plan_expert(user, plan) -> bool:
    if plan is None or not user.is_authenticated:
        return False
    return plan.assignments.filter(expert=user).exists()


@rules.predicate
def is_plan_editable(user, plan) -> bool:
    return plan is not None and plan.is_editable


rules.add_perm("planning_docs.view_plan", is_coordinator | is_plan_owner | is_plan_expert)
rules.add_perm("planning_docs.change_plan", is_plan_owner & is_plan_editable)
rules.add_perm("planning_docs.submit_plan", is_plan_owner & is_plan_editable)
rules.add_perm("planning_docs.manage_templates", is_coordinator)
