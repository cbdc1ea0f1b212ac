"""Decisions on the version waiting for review: the Review, the plan's move (planning_docs), the
reviewer's internal comments released with it, and one message."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ecotown.core.models import User
from notifications.services import notify
from planning_docs import services as plan_services
from planning_docs.models import Plan, PlanVersion
from reviews.models import Review
from reviews.services.comments import (
    _check,
    _coordinators,
    _mark_released,
    _own_internal,
    comments_by_section,
    plan_path,
)


def _decide(
    *,
    plan: Plan,
    version: PlanVersion,
    actor: User,
    summary: str,
    decision: str,
    move: Callable[..., Plan],
    permission: str,
    release: bool,
) -> Review:
    _check(actor, permission, plan)
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError(_("Write a summary of your decision for the trainee."))
    locked = move(plan=plan, version=version, actor=actor, note=summary)
    review = Review.objects.create(
        plan=locked, version=version, reviewer=actor, decision=decision, summary=summary
    )
    released = _own_internal(locked, actor) if release else []
    _mark_released(released, actor)
    # One message per person for the decision: the released comments travel inside it.
    notify(
        recipients=[locked.enrolment.trainee, *_coordinators()],
        verb="plan_decision",
        context={
            "plan": locked,
            "review": review,
            "by_section": comments_by_section(locked, released),
        },
        url=plan_path(locked),
        plan=locked,
    )
    return review


@transaction.atomic
def review_request_changes(
    *, plan: Plan, version: PlanVersion, actor: User, summary: str, release: bool = True
) -> Review:
    """An expert sends the newest submitted version back, with a summary for the trainee.

    Side effects: the plan's move (planning_docs.services.plan_request_changes), the Review, the
    actor's internal comments released (unless `release` is false), and one notification to the
    trainee and the coordinators that lists those comments by section."""
    return _decide(
        plan=plan,
        version=version,
        actor=actor,
        summary=summary,
        decision=Review.Decision.CHANGES_REQUESTED,
        move=plan_services.plan_request_changes,
        permission="reviews.request_changes",
        release=release,
    )


@transaction.atomic
def review_approve(
    *, plan: Plan, version: PlanVersion, actor: User, summary: str, release: bool = True
) -> Review:
    """The lead expert or a coordinator approves the newest submitted version.

    Side effects: the plan's move (planning_docs.services.plan_approve, which queues the final
    PDF), the Review, the actor's internal comments released (unless `release` is false), and
    one notification to the trainee and the coordinators that lists them by section."""
    return _decide(
        plan=plan,
        version=version,
        actor=actor,
        summary=summary,
        decision=Review.Decision.APPROVED,
        move=plan_services.plan_approve,
        permission="reviews.approve_plan",
        release=release,
    )


@transaction.atomic
def review_reopen(*, plan: Plan, actor: User, reason: str) -> Plan:
    """A coordinator sends an approved plan back for changes (planning_docs.services.plan_reopen,
    which notifies the trainee and the experts)."""
    _check(actor, "reviews.reopen_plan", plan)
    return plan_services.plan_reopen(plan=plan, actor=actor, reason=reason)
