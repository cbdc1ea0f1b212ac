from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from ecotown.core import roles
from ecotown.core.models import User
from ecotown.core.prepared import PreparedQuery, prefetched, prepared
from planning_docs import hooks
from planning_docs.models import (
    Plan,
    PlanAssignment,
    PlanCoauthor,
    PlanTemplate,
    PlanVersion,
    SectionDraft,
)
from planning_docs.rules import may_read_plan
from seminars.models import Seminar

# The plan list's orders by the experts' scores; plans not scored yet come last either way.
SCORE_ORDERS = {
    "score-high": F("score_mean").desc(nulls_last=True),
    "score-low": F("score_mean").asc(nulls_last=True),
}


def _plans_with_people() -> QuerySet[Plan]:
    return Plan.objects.select_related("enrolment__trainee", "enrolment__seminar")


def plans_for_user(user: User) -> QuerySet[Plan]:
    """A trainee sees their own plan and those they co-author; a co-author the plans they write
    in; an expert the plans assigned to them; coordinators all."""
    role = roles.role_of(user)
    if role == roles.COORDINATOR:
        return _plans_with_people()
    if role == roles.EXPERT:
        return plans_for_expert_id(user.pk)
    if role in (roles.TRAINEE, roles.COAUTHOR):
        return _written_by(user.pk)
    return Plan.objects.none()


def plans_for_expert_id(expert_id: int) -> QuerySet[Plan]:
    """plans_for_user of the expert with this id."""
    # A subquery, not a join: no DISTINCT over every column of the plan and its people.
    assigned = PlanAssignment.objects.filter(expert=expert_id).values("plan_id")
    return _plans_with_people().filter(pk__in=assigned)


def _written_by(user_id: int) -> QuerySet[Plan]:
    # A subquery, not a join: a join would repeat the trainee's plan per co-author row.
    coauthored = PlanCoauthor.objects.filter(user=user_id, status=PlanCoauthor.Status.ACTIVE)
    return _plans_with_people().filter(
        Q(enrolment__trainee=user_id) | Q(pk__in=coauthored.values("plan_id"))
    )


@prepared(int)
def _plans_written_by(user_id: int) -> QuerySet[Plan]:
    return _written_by(user_id).order_by("-enrolment__seminar__start_date", "title")


@prepared(int)
def _plans_assigned_to(expert_id: int) -> QuerySet[Plan]:
    return plans_for_expert_id(expert_id).order_by("status", "title")


def plans_written_by(user: User) -> list[Plan]:
    """plans_for_user of a trainee or co-author, the newest seminar's first."""
    return _plans_written_by(user.pk)


def plans_assigned_to(expert: User) -> list[Plan]:
    """plans_for_user of an expert, by status, then title."""
    return _plans_assigned_to(expert.pk)


def _readable_or_404(user: User, found: list[Plan]) -> Plan:
    """The plan found by its key, if the user may read it, else 404 (strangers never learn it
    exists).

    The plan is found by its key alone and then asked the rule (planning_docs.rules, which
    plans_for_user agrees with), reading the assignments and co-authors it comes with: a
    plain lookup costs a page a third of what the role's filter would.
    """
    if not found or not may_read_plan(user, found[0]):
        raise Http404
    return found[0]


@prepared(int)
def _plan_by_key(pk: int) -> QuerySet[Plan]:
    return _plans_with_people().filter(pk=pk)


@prepared(int)
def _assignments_of(plan_id: int) -> QuerySet[PlanAssignment]:
    return PlanAssignment.objects.filter(plan_id=plan_id).order_by("pk")


@prepared(int)
def _coauthors_of(plan_id: int) -> QuerySet[PlanCoauthor]:
    return PlanCoauthor.objects.filter(plan_id=plan_id).order_by("invited_at", "pk")


@prepared(int)
def _assignments_with_experts_of(plan_id: int) -> QuerySet[PlanAssignment]:
    assignments = PlanAssignment.objects.filter(plan_id=plan_id).select_related("expert")
    return assignments.order_by("-role", "pk")


@prepared(int)
def _coauthors_with_people_of(plan_id: int) -> QuerySet[PlanCoauthor]:
    coauthors = PlanCoauthor.objects.filter(plan_id=plan_id).select_related("user")
    return coauthors.order_by("invited_at", "pk")


def _plan_with(pk: int, assignments: PreparedQuery, coauthors: PreparedQuery) -> list[Plan]:
    """The plan with this key (or none) with its assignments and co-authors, as a prefetch
    would leave them: three prepared queries."""
    found: list[Plan] = _plan_by_key(pk)
    for plan in found:
        prefetched(plan, "assignments", assignments(plan.pk))
        prefetched(plan, "coauthors", coauthors(plan.pk))
    return found


def plan_for_user_or_404(user: User, pk: int) -> Plan:
    """One plan the user may see, else 404. The assignments and co-authors come with it:
    every permission check of the request reads them without a query."""
    return _readable_or_404(user, _plan_with(pk, _assignments_of, _coauthors_of))


def plan_with_people_for_user_or_404(user: User, pk: int) -> Plan:
    """plan_for_user_or_404 for the plan's own page, which names its experts (leads first) and
    co-authors: they come with their people, for no query more."""
    found = _plan_with(pk, _assignments_with_experts_of, _coauthors_with_people_of)
    return _readable_or_404(user, found)


def plan_coauthors(plan: Plan) -> list[PlanCoauthor]:
    """Every invitation and co-author of the plan, the open ones first, with their people."""
    rows = plan.coauthors.select_related("user", "invited_by").order_by("invited_at", "pk")
    return sorted(rows, key=lambda row: row.status == PlanCoauthor.Status.REMOVED)


def plan_writers(plan: Plan) -> list[User]:
    """Those who write the plan and hear of what concerns its text: the trainee, then the
    active co-authors."""
    return [plan.enrolment.trainee, *(c.user for c in active_coauthors(plan) if c.user)]


def active_coauthors(plan: Plan, *, prefetched: bool = False) -> list[PlanCoauthor]:
    """The plan's co-authors now, by when they joined. `prefetched` reads them from
    plan_with_people_for_user_or_404's prefetch: for the plan's page, not a service that has
    just changed them."""
    if prefetched:
        rows = [c for c in plan.coauthors.all() if c.status == PlanCoauthor.Status.ACTIVE]
        return sorted(rows, key=lambda c: (c.joined_at or c.invited_at, c.pk))
    return list(
        plan.coauthors.filter(status=PlanCoauthor.Status.ACTIVE)
        .select_related("user")
        .order_by("joined_at", "pk")
    )


def plan_list_for_user(
    user: User,
    *,
    seminar: Seminar | None = None,
    status: str = "",
    country: str = "",
    with_scores: bool = False,
    order: str = "",
    disagree: bool = False,
) -> QuerySet[Plan]:
    """The plan list: scoped by plans_for_user, filtered, with lead experts and version counts.

    `with_scores` (coordinators) adds the experts' scores of each newest version (`score_mean`,
    `scores_disagree`), which `order` ("score-high", "score-low") and `disagree` then use."""
    plans = plans_for_user(user).prefetch_related(
        Prefetch(
            "assignments",
            queryset=PlanAssignment.objects.select_related("expert").order_by("-role"),
        )
    )
    if seminar:
        plans = plans.filter(enrolment__seminar=seminar)
    if status:
        plans = plans.filter(status=status)
    if country:
        plans = plans.filter(pilot_country=country)
    # A subquery, not Count() over a join: with no GROUP BY on the list, the paginator's count
    # leaves the unused annotations (this one and the scores) out of its query.
    versions = PlanVersion.objects.filter(plan=OuterRef("pk")).values("plan")
    plans = plans.annotate(
        version_count=Coalesce(Subquery(versions.annotate(n=Count("pk")).values("n")), 0)
    )
    by_seminar = ("enrolment__seminar__start_date", "enrolment__trainee__last_name", "title")
    if not with_scores:
        return plans.order_by(*by_seminar)
    plans = plans.annotate(**hooks.plan_list_scores())
    if disagree:
        # Q over the hook's annotation, which the type checker cannot see.
        plans = plans.filter(Q(scores_disagree=True))
    if order in SCORE_ORDERS:
        return plans.order_by(SCORE_ORDERS[order], *by_seminar)
    return plans.order_by(*by_seminar)


def _drafts_query(*related: str) -> PreparedQuery:
    def build(plan_id: int) -> QuerySet[SectionDraft]:
        drafts = SectionDraft.objects.filter(plan_id=plan_id).select_related(*related)
        return drafts.order_by("section__position")

    build.__qualname__ = f"drafts({', '.join(related)})"
    return PreparedQuery(build, (int,))


# A plan's drafts in template order, by whether they come with their last author.
_DRAFTS = {
    True: _drafts_query("section", "updated_by"),
    False: _drafts_query("section"),
}


@prepared(int, str)
def _draft(plan_id: int, key: str) -> QuerySet[SectionDraft]:
    return SectionDraft.objects.filter(plan_id=plan_id, section__key=key).select_related(
        "section", "updated_by"
    )


def _of_plan(plan: Plan, rows: list) -> list:
    """Rows read by the plan's id, each knowing its plan, as rows read through it would."""
    for row in rows:
        row.plan = plan
    return rows


def plan_drafts(plan: Plan, *, with_authors: bool = True) -> list[SectionDraft]:
    """The plan's drafts in template order (SectionDraft's), each with its section and (unless
    a panel only counts progress) its last author."""
    return _of_plan(plan, _DRAFTS[with_authors](plan.pk))


def plan_draft(plan: Plan, key: str) -> SectionDraft | None:
    found = _of_plan(plan, _draft(plan.pk, key))
    return found[0] if found else None


def plan_versions(plan: Plan) -> QuerySet[PlanVersion]:
    return plan.versions.select_related("created_by").order_by("-number")


@prepared(int)
def _version_headers(plan_id: int) -> QuerySet[PlanVersion]:
    return (
        PlanVersion.objects.filter(plan_id=plan_id)
        .select_related("created_by")
        .order_by("-number")
        .defer("sections", "attachments", "contributors")
    )


def version_headers(plan: Plan) -> list[PlanVersion]:
    """plan_versions for a list of them: number, hash, when and by whom, without the frozen
    text, figures and contributors, which grow with every version."""
    return _of_plan(plan, _version_headers(plan.pk))


def templates_for_coordinators() -> QuerySet[PlanTemplate]:
    return PlanTemplate.objects.annotate(
        section_count=Count("sections", distinct=True), plan_count=Count("plans", distinct=True)
    ).order_by("name")
