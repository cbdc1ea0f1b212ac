import rules

from ecotown.core.rules import add_personal_perm, is_coordinator
from planning_docs.rules import (
    is_lead_expert,
    is_plan_editable,
    is_plan_expert,
    is_plan_owner,
    is_plan_writer,
)


@rules.predicate
def owns_the_commented_plan(user, comment) -> bool:
    return is_plan_owner(user, comment.plan)


@rules.predicate
def writes_the_commented_plan(user, comment) -> bool:
    """The plan's trainee or one of its active co-authors."""
    return is_plan_writer(user, comment.plan)


@rules.predicate
def reviews_the_commented_plan(user, comment) -> bool:
    return is_plan_expert(user, comment.plan)


@rules.predicate
def is_released(user, comment) -> bool:
    return comment.is_released


# On a plan
plan_reviewer = is_coordinator | is_plan_expert
rules.add_perm("reviews.comment_on_plan", plan_reviewer)
rules.add_perm("reviews.request_changes", plan_reviewer)
rules.add_perm("reviews.approve_plan", is_coordinator | is_lead_expert)
rules.add_perm("reviews.reopen_plan", is_coordinator)
# The trainee answers suggestions on their plan while they may edit it.
rules.add_perm("reviews.suggest_rewording", plan_reviewer)
add_personal_perm("reviews.answer_suggestion", is_plan_owner & is_plan_editable)
# Each assigned expert scores; scores stay with the experts and the coordinators.
add_personal_perm("reviews.score_plan", is_plan_expert)
rules.add_perm("reviews.view_scores", plan_reviewer)

# On a comment
comment_reviewer = is_coordinator | reviews_the_commented_plan
# Co-authors answer released comments as the trainee does; marking one addressed stays the
# trainee's.
rules.add_perm(
    "reviews.reply_to_comment", comment_reviewer | (writes_the_commented_plan & is_released)
)
rules.add_perm("reviews.release_comment", comment_reviewer)
add_personal_perm("reviews.address_comment", owns_the_commented_plan & is_released)
rules.add_perm("reviews.accept_comment", comment_reviewer)
rules.add_perm("reviews.reopen_comment", comment_reviewer)
