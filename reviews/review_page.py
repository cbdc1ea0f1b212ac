"""What the review desk shows: the changes since this person's last review, and the decision."""

from planning_docs.diff import attachments_diff, versions_diff
from planning_docs.models import Plan
from planning_docs.versions import newest_version
from reviews import forms, selectors
from reviews.models import Comment


def review_context(user, plan: Plan, *, decision_form=None, refused: str = "") -> dict:
    newest = newest_version(plan)
    last = selectors.last_reviewed_version(user, plan)
    since = last if last is not None and newest is not None and last.pk != newest.pk else None
    diffs = versions_diff(since.sections, newest.sections) if since and newest else []
    threads = selectors.threads_for_user(user, plan)
    if decision_form is None and newest is not None:
        decision_form = forms.DecisionForm(initial={"version": newest.number})
    return {
        "plan": plan,
        "newest": newest,
        "since": since,
        "diffs": diffs,
        "changed": [d for d in diffs if d.changed],
        "attachment_changes": attachments_diff(since.attachments, newest.attachments)
        if since and newest
        else [],
        "addressed": [t for t in threads if t.status == Comment.Status.ADDRESSED],
        "unresolved": [t for t in threads if t.status in Comment.UNRESOLVED],
        "reviews": list(selectors.reviews_of_plan(plan)),
        "own_internal": selectors.internal_comment_count(user, plan),
        "scores": selectors.score_sheet(user, newest) if newest else None,
        "can_score": newest is not None
        and plan.status == Plan.Status.SUBMITTED
        and user.has_perm("reviews.score_plan", plan),
        "can_decide": plan.status == Plan.Status.SUBMITTED and newest is not None,
        "can_approve": user.has_perm("reviews.approve_plan", plan),
        "decision_form": decision_form,
        "refused": refused,
    }
