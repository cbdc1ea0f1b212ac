from collections import defaultdict

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ecotown.core import roles
from ecotown.core.models import User
from planning_docs.models import Plan, PlanVersion
from planning_docs.selectors import plan_for_user_or_404
from reviews.models import Comment, Review


def comments_for_user(user: User, plan: Plan) -> QuerySet[Comment]:
    """Every comment on the plan that this user may read: trainees see released ones only."""
    comments = Comment.objects.filter(plan=plan).select_related("author")
    if roles.role_of(user) == roles.TRAINEE:
        return comments.filter(visibility=Comment.Visibility.RELEASED)
    return comments


def threads_for_user(user: User, plan: Plan, section_key: str | None = None) -> list[Comment]:
    """Thread starters with their visible replies prefetched as `visible_replies`."""
    visible = comments_for_user(user, plan)
    threads = visible.filter(parent__isnull=True).prefetch_related(
        Prefetch(
            "replies", queryset=visible.filter(parent__isnull=False), to_attr="visible_replies"
        )
    )
    if section_key is not None:
        threads = threads.filter(section_key=section_key)
    return list(threads)


def unresolved_counts_by_section(user: User, plan: Plan) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for key in (
        comments_for_user(user, plan)
        .filter(parent__isnull=True, status__in=Comment.UNRESOLVED)
        .values_list("section_key", flat=True)
    ):
        counts[key] += 1
    return dict(counts)


def last_reviewed_version(user: User, plan: Plan) -> PlanVersion | None:
    """The newest version this person decided on (for "changes since your last review")."""
    review = Review.objects.filter(plan=plan, reviewer=user).select_related("version").first()
    return review.version if review else None


def reviews_of_plan(plan: Plan) -> QuerySet[Review]:
    return Review.objects.filter(plan=plan).select_related("reviewer", "version")


def comment_for_user_or_404(user: User, pk: int) -> Comment:
    """A comment the user may read, with its plan (read through the user's own plans): a plan
    they may not see, or an internal note to a trainee, is 404."""
    plan_id = Comment.objects.filter(pk=pk).values_list("plan_id", flat=True).first()
    if plan_id is None:
        raise Http404
    plan = plan_for_user_or_404(user, plan_id)
    comment = get_object_or_404(comments_for_user(user, plan), pk=pk)
    comment.plan = plan
    return comment


def internal_comment_count(user: User, plan: Plan) -> int:
    """How many of this person's comments on the plan the trainee cannot read yet."""
    return Comment.objects.filter(
        plan=plan, author=user, visibility=Comment.Visibility.INTERNAL
    ).count()
