"""What the reading view shows: the version waiting for review with its comment threads, the
changes since this person's last review, the scores and the decision."""

from django.http import QueryDict
from django.urls import reverse

from planning_docs.diff import attachments_diff
from planning_docs.models import Plan
from planning_docs.versions import newest_version
from reviews import forms, selectors
from reviews.models import Comment
from reviews.reading import STATE_LABELS, reading_sections, state_of


def reading_url(plan: Plan, state: str = "") -> str:
    """The reading view's address, with its state filter: where its forms lead back to."""
    url = reverse("reviews:review", args=[plan.pk])
    if not state:
        return url
    query = QueryDict(mutable=True)
    query["state"] = state
    return f"{url}?{query.urlencode()}"


def review_context(
    user, plan: Plan, *, decision_form=None, refused: str = "", state: str | None = None
) -> dict:
    state = state_of(state)
    newest = newest_version(plan)
    reviews = list(selectors.reviews_of_plan(plan))  # newest first (Review's ordering)
    last = selectors.last_reviewed_version(user, plan, among=reviews)
    since = last if last is not None and newest is not None and last.pk != newest.pk else None
    # The reading view is for experts and coordinators, who read every comment: the same threads
    # give the sections and the count of this person's internal ones.
    plan_threads = selectors.threads_for_user(user, plan)
    sections = (
        reading_sections(plan, newest, since, state, plan_threads) if newest is not None else []
    )
    diffs = [s.diff for s in sections if s.diff is not None]
    threads = [t for s in sections for t in s.all_threads]
    if decision_form is None and newest is not None:
        decision_form = forms.DecisionForm(initial={"version": newest.number})
    return {
        "plan": plan,
        "newest": newest,
        "since": since,
        "sections": sections,
        "changed": diffs,
        "folded": [s for s in sections if s.folded],
        "threads": threads,
        "state": state,
        "filters": [(key, label, reading_url(plan, key)) for key, label in STATE_LABELS.items()],
        "here": reading_url(plan, state),
        "attachment_changes": attachments_diff(since.attachments, newest.attachments)
        if since and newest
        else [],
        "addressed": [t for t in threads if t.status == Comment.Status.ADDRESSED],
        "reviews": reviews,
        "own_internal": selectors.internal_count_among(plan_threads, user),
        "scores": selectors.score_sheet(user, newest) if newest else None,
        "can_comment": user.has_perm("reviews.comment_on_plan", plan),
        # Each section's forms post here: reversed once, not once per section.
        "comment_create_url": reverse("reviews:comment-create", args=[plan.pk]),
        "suggestion_create_url": reverse("reviews:suggestion-create", args=[plan.pk]),
        "can_suggest": user.has_perm("reviews.suggest_rewording", plan),
        "can_score": newest is not None
        and plan.status == Plan.Status.SUBMITTED
        and user.has_perm("reviews.score_plan", plan),
        "can_decide": plan.status == Plan.Status.SUBMITTED and newest is not None,
        "can_approve": user.has_perm("reviews.approve_plan", plan),
        "decision_form": decision_form,
        "refused": refused,
    }
