"""Who may do what with a plan. Lists are scoped by selectors.plans_for_user, which agrees.

The plan predicates here are the only ones: the review and PDF rules build on them.
"""

import rules

from ecotown.core.rules import add_personal_perm, is_coordinator
from planning_docs.models import PlanAssignment, PlanCoauthor


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
def is_plan_coauthor(user, plan) -> bool:
    # An active co-author only: a removed one loses the plan on their next request. Read through
    # .all() as the assignments are, so that plan_for_user_or_404's prefetch serves the page.
    if plan is None or not user.is_authenticated:
        return False
    return any(
        c.user_id == user.pk and c.status == PlanCoauthor.Status.ACTIVE
        for c in plan.coauthors.all()
    )


@rules.predicate
def is_plan_editable(user, plan) -> bool:
    return plan is not None and plan.is_editable


# Those who write the plan: the trainee and their active co-authors.
is_plan_writer = is_plan_owner | is_plan_coauthor
may_read_plan = is_coordinator | is_plan_writer | is_plan_expert

rules.add_perm("planning_docs.view_plan", may_read_plan)
# Writing the sections (the page, the API, suggestions applied): trainee and co-authors.
add_personal_perm("planning_docs.change_plan", is_plan_writer & is_plan_editable)
# The plan's title and pilot site, submitting and choosing co-authors stay the trainee's.
add_personal_perm("planning_docs.change_plan_details", is_plan_owner & is_plan_editable)
add_personal_perm("planning_docs.submit_plan", is_plan_owner & is_plan_editable)
add_personal_perm("planning_docs.manage_coauthors", is_plan_owner)
rules.add_perm("planning_docs.manage_templates", is_coordinator)
# A trainee's own archive (their text, released comments, PDFs); coordinators for backups.
rules.add_perm("planning_docs.export_plan", is_plan_owner | is_coordinator)
rules.add_perm("planning_docs.assign_experts", is_coordinator)
