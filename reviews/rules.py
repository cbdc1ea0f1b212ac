import rules

from ecotown.core.rules import is_coordinator
from planning_docs.models import PlanAssignment


def _plan_of(obj):
    return getattr(obj, "plan", obj)


@rules.predicate
def is_plan_owner(user, obj) -> bool:
    plan = _plan_of(obj)
    return plan is not None and plan.enrolment.trainee_id == user.pk


@rules.predicate
def is_plan_expert(user, obj) -> bool:
    plan = _plan_of(obj)
    return plan is not None and any(a.expert_id == user.pk for a in plan.assignments.all())


@rules.predicate
def is_lead_expert(user, obj) -> bool:
    plan = _plan_of(obj)
    return plan is not None and any(
        a.expert_id == user.pk and a.role == PlanAssignment.Role.LEAD
        for a in plan.assignments.all()
    )


@rules.predicate
def is_released(user, comment) -> bool:
    return comment.is_released


reviewer = is_coordinator | is_plan_expert

rules.add_perm("reviews.comment_on_plan", reviewer)
rules.add_perm("reviews.reply_to_comment", reviewer | (is_plan_owner & is_released))
rules.add_perm("reviews.release_comment", reviewer)
rules.add_perm("reviews.address_comment", is_plan_owner & is_released)
rules.add_perm("reviews.accept_comment", reviewer)
rules.add_perm("reviews.reopen_comment", reviewer)
rules.add_perm("reviews.request_changes", reviewer)
rules.add_perm("reviews.approve_plan", is_coordinator | is_lead_expert)
rules.add_perm("reviews.reopen_plan", is_coordinator)
