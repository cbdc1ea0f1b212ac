from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ecotown.core import roles
from ecotown.core.models import User
from ecotown.core.prepared import PreparedQuery, prepared
from planning_docs.models import Plan, PlanVersion
from planning_docs.selectors import plan_for_user_or_404
from reviews.models import Comment, Criterion, Review, Score, Suggestion


def sees_released_only(user: User) -> bool:
    """Trainees and co-authors read released comments only; experts and coordinators all."""
    return roles.role_of(user) in (roles.TRAINEE, roles.COAUTHOR)


def comments_for_user(user: User, plan: Plan) -> QuerySet[Comment]:
    """Every comment on the plan that this user may read: trainees and co-authors see released
    ones only."""
    comments = Comment.objects.filter(plan=plan).select_related("author")
    if sees_released_only(user):
        return comments.filter(visibility=Comment.Visibility.RELEASED)
    return comments


def _comments_query(released_only: bool, of_section: bool) -> PreparedQuery:
    def build(plan_id: int, section_key: str = "") -> QuerySet[Comment]:
        comments = Comment.objects.filter(plan_id=plan_id).select_related("author")
        if released_only:
            comments = comments.filter(visibility=Comment.Visibility.RELEASED)
        return comments.filter(section_key=section_key) if of_section else comments

    build.__qualname__ = f"comments(released_only={released_only}, of_section={of_section})"
    return PreparedQuery(build, (int, str) if of_section else (int,))


# comments_for_user, prepared for the pages that show threads: (released only, of a section)
_COMMENTS = {
    (released_only, of_section): _comments_query(released_only, of_section)
    for released_only in (False, True)
    for of_section in (False, True)
}


def threads_for_user(user: User, plan: Plan, section_key: str | None = None) -> list[Comment]:
    """Thread starters, each with its visible replies as `visible_replies` (oldest first).

    One query for starters and replies alike, sorted into threads here: a reply carries its
    thread's section key, and a reply whose starter this reader may not see is left out.
    """
    released_only = sees_released_only(user)
    query = _COMMENTS[released_only, section_key is not None]
    visible = query(plan.pk) if section_key is None else query(plan.pk, section_key)
    threads: list[Comment] = []
    replies: dict[int, list[Comment]] = defaultdict(list)
    for comment in visible:  # in Comment's order: oldest first
        if comment.parent_id is None:
            threads.append(comment)
        else:
            replies[comment.parent_id].append(comment)
    for thread in threads:
        own = replies.get(thread.pk, [])
        for reply in own:
            reply.parent = thread
        # Read by the templates and internal_count_among, as a prefetch's to_attr would be.
        setattr(thread, "visible_replies", own)  # noqa: B010
    return threads


def internal_count_among(threads: list[Comment], user: User) -> int:
    """internal_comment_count read from threads already loaded for a reader who sees every
    comment (an expert or a coordinator), for no query more."""
    return sum(
        1
        for thread in threads
        for comment in (thread, *getattr(thread, "visible_replies", []))
        if comment.author_id == user.pk and comment.visibility == Comment.Visibility.INTERNAL
    )


def _unresolved_keys_query(released_only: bool) -> PreparedQuery:
    def build(plan_id: int) -> QuerySet:
        threads = Comment.objects.filter(
            plan_id=plan_id, parent__isnull=True, status__in=Comment.UNRESOLVED
        )
        if released_only:
            threads = threads.filter(visibility=Comment.Visibility.RELEASED)
        return threads.values_list("section_key", flat=True)

    build.__qualname__ = f"unresolved_keys(released_only={released_only})"
    return PreparedQuery(build, (int,))


# The section keys of unresolved threads a reader sees: (released only)
_UNRESOLVED_KEYS = {released: _unresolved_keys_query(released) for released in (False, True)}


def unresolved_counts_by_section(user: User, plan: Plan) -> dict[str, int]:
    released_only = sees_released_only(user)
    counts: dict[str, int] = defaultdict(int)
    for key in _UNRESOLVED_KEYS[released_only](plan.pk):
        counts[key] += 1
    return dict(counts)


def last_reviewed_version(
    user: User, plan: Plan, among: list[Review] | None = None
) -> PlanVersion | None:
    """The newest version this person decided on (for "changes since your last review");
    `among` (the plan's reviews, newest first, as reviews_of_plan gives them) spares a query."""
    if among is not None:
        return next((r.version for r in among if r.reviewer_id == user.pk), None)
    review = Review.objects.filter(plan=plan, reviewer=user).select_related("version").first()
    return review.version if review else None


@prepared(int)
def _reviews_of_plan(plan_id: int) -> QuerySet[Review]:
    return Review.objects.filter(plan_id=plan_id).select_related("reviewer", "version")


def reviews_of_plan(plan: Plan) -> list[Review]:
    """The plan's decisions, newest first (Review's ordering)."""
    return _reviews_of_plan(plan.pk)


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


# Experts disagree on a criterion when their scores lie this far apart or more.
DISAGREEMENT = 2


@dataclass(frozen=True)
class CriterionRow:
    criterion: Criterion
    values: list[int | None]  # one per expert of the sheet, in its order

    @property
    def spread(self) -> int:
        given = [value for value in self.values if value is not None]
        return max(given) - min(given) if len(given) > 1 else 0

    @property
    def disagree(self) -> bool:
        return self.spread >= DISAGREEMENT


@dataclass(frozen=True)
class ScoreSheet:
    """Every assigned expert's scores of one version, criterion by criterion."""

    experts: list[User]
    rows: list[CriterionRow]
    mine: dict[str, int]  # the reader's own scores, by criterion key

    @property
    def disagree(self) -> bool:
        return any(row.disagree for row in self.rows)


@prepared(int)
def _criteria_of_template(template_id: int) -> QuerySet[Criterion]:
    return Criterion.objects.filter(template_id=template_id)


@prepared(int)
def _scores_of_version(version_id: int) -> QuerySet[Score]:
    return Score.objects.filter(version_id=version_id).select_related("expert")


def score_sheet(user: User, version: PlanVersion) -> ScoreSheet | None:
    """The version's scores for an expert or coordinator of the plan; None for anyone else
    (scores are internal) or when the template has no rubric."""
    plan = version.plan
    if not user.has_perm("reviews.view_scores", plan):
        return None
    criteria = _criteria_of_template(plan.template_id)
    if not criteria:
        return None
    scores = _scores_of_version(version.pk)
    experts = sorted({s.expert for s in scores}, key=lambda e: (e != user, str(e)))
    given = {(s.criterion_id, s.expert_id): s.value for s in scores}
    rows = [
        CriterionRow(criterion=c, values=[given.get((c.pk, e.pk)) for e in experts])
        for c in criteria
    ]
    mine = {c.key: given[(c.pk, user.pk)] for c in criteria if (c.pk, user.pk) in given}
    return ScoreSheet(experts=experts, rows=rows, mine=mine)


def suggestion_for_user_or_404(user: User, pk: int) -> Suggestion:
    """A suggestion on a plan the user may see (suggestions are visible to all who see it)."""
    plan_id = Suggestion.objects.filter(pk=pk).values_list("plan_id", flat=True).first()
    if plan_id is None:
        raise Http404
    plan = plan_for_user_or_404(user, plan_id)
    suggestion: Suggestion = get_object_or_404(Suggestion, pk=pk)
    suggestion.plan = plan
    return suggestion


@prepared(int, str)
def _suggestions_of_section(plan_id: int, section_key: str) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(plan_id=plan_id, section_key=section_key).select_related(
        "author"
    )


@prepared(int)
def _suggestions_of_plan(plan_id: int) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(plan_id=plan_id).select_related("author")


def suggestions_of_section(plan: Plan, section_key: str) -> list[Suggestion]:
    return _suggestions_of_section(plan.pk, section_key)


def suggestions_of_plan(plan: Plan) -> list[Suggestion]:
    """Every suggestion on the plan, oldest first (suggestions are visible to all who see it)."""
    return _suggestions_of_plan(plan.pk)
