"""Comments, their threads and states, and the experts' decisions on submitted versions."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core import roles
from ecotown.core.models import User
from ecotown.core.workflow import transition
from notifications.services import notify
from planning_docs.models import Plan, PlanVersion
from planning_docs.pdf.services import pdf_queue_final_render
from planning_docs.versions import newest_version
from reviews.anchors import fold_space, locate, plain_text
from reviews.models import Comment, Review

MAX_COMMENT_LENGTH = 5000


def plan_path(plan: Plan, section_key: str | None = None) -> str:
    """Where a notification about the plan (or one of its sections) takes its reader."""
    if section_key:
        return reverse("planning_docs:section-edit", args=[plan.pk, section_key])
    return reverse("planning_docs:plan-detail", args=[plan.pk])


def _experts_of(plan: Plan) -> list[User]:
    return [assignment.expert for assignment in plan.assignments.select_related("expert")]


def _coordinators() -> list[User]:
    return list(get_user_model().objects.filter(groups__name=roles.COORDINATOR, is_active=True))


def _check(user: User, permission: str, obj) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("You may not do this on this plan."))


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a comment first."))
    if len(body) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            _("A comment may have at most %(max)d characters.") % {"max": MAX_COMMENT_LENGTH}
        )
    return body


@transaction.atomic
def comment_create(
    *,
    plan: Plan,
    author: User,
    body: str,
    section_key: str = "",
    quote: str = "",
    parent: Comment | None = None,
) -> Comment:
    """A new thread on a section (optionally on a passage quoted from its text), or a reply.

    The quote's position in the section's text as readers see it is stored, so the anchor can be
    found again after edits. A trainee's reply is visible at once and tells the plan's experts;
    an expert's or a coordinator's comment stays internal until released.
    """
    body = _clean_body(body)
    quote_start = None
    if parent is not None:
        if parent.plan_id != plan.pk or parent.parent_id is not None:
            raise ValidationError(_("Reply to a thread of this plan."))
        _check(author, "reviews.reply_to_comment", parent)
        section_key, quote = parent.section_key, ""
    else:
        _check(author, "reviews.comment_on_plan", plan)
        draft = plan.drafts.filter(section__key=section_key).first()
        if draft is None:
            raise ValidationError(_("This plan has no section %(key)s.") % {"key": section_key})
        quote = fold_space(quote)[:2000]
        if quote:
            quote_start = locate(quote, plain_text(draft.body)).start
            if quote_start is None:
                raise ValidationError(_("Select the passage in the section's own text."))
    by_trainee = plan.enrolment.trainee_id == author.pk
    comment = Comment.objects.create(
        plan=plan,
        section_key=section_key,
        version=newest_version(plan),
        parent=parent,
        author=author,
        body=body,
        quote=quote,
        quote_start=quote_start,
        visibility=Comment.Visibility.RELEASED if by_trainee else Comment.Visibility.INTERNAL,
        released_at=timezone.now() if by_trainee else None,
    )
    if by_trainee:
        notify(
            recipients=_experts_of(plan),
            verb="comment_reply",
            context={"plan": plan, "comment": comment},
            url=plan_path(plan, section_key),
            plan=plan,
        )
    return comment


@transaction.atomic
def comment_release(*, comment: Comment, actor: User) -> Comment:
    """Show an internal comment (or reply) to the trainee, and tell them."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    _check(actor, "reviews.release_comment", comment)
    if comment.is_released:
        return comment
    comment.visibility = Comment.Visibility.RELEASED
    comment.released_at = timezone.now()
    comment.save(update_fields=["visibility", "released_at", "updated_at"])
    plan = comment.plan
    notify(
        recipients=[plan.enrolment.trainee],
        verb="comment_released" if comment.parent_id is None else "comment_reply",
        context={"plan": plan, "comment": comment},
        url=plan_path(plan, comment.section_key),
        plan=plan,
    )
    return comment


def _move_comment(*, comment: Comment, actor: User, permission: str, to: str, verb: str):
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    _check(actor, permission, locked)
    if locked.parent_id is not None:
        raise ValidationError(_("Replies have no state of their own; act on the thread."))
    transition(locked, to_status=to, actor=actor, verb=verb)
    return locked


@transaction.atomic
def comment_mark_addressed(*, comment: Comment, actor: User, reply: str = "") -> Comment:
    """The trainee says a released comment is dealt with, optionally replying how."""
    locked = _move_comment(
        comment=comment,
        actor=actor,
        permission="reviews.address_comment",
        to=Comment.Status.ADDRESSED,
        verb="comment_addressed",
    )
    if reply.strip():
        comment_create(plan=locked.plan, author=actor, body=reply, parent=locked)
    else:
        notify(
            recipients=_experts_of(locked.plan),
            verb="comment_addressed",
            context={"plan": locked.plan, "comment": locked},
            url=plan_path(locked.plan, locked.section_key),
            plan=locked.plan,
        )
    return locked


@transaction.atomic
def comment_accept(*, comment: Comment, actor: User) -> Comment:
    return _move_comment(
        comment=comment,
        actor=actor,
        permission="reviews.accept_comment",
        to=Comment.Status.ACCEPTED,
        verb="comment_accepted",
    )


@transaction.atomic
def comment_reopen(*, comment: Comment, actor: User) -> Comment:
    locked = _move_comment(
        comment=comment,
        actor=actor,
        permission="reviews.reopen_comment",
        to=Comment.Status.REOPENED,
        verb="comment_reopened",
    )
    if locked.is_released:
        notify(
            recipients=[locked.plan.enrolment.trainee],
            verb="comment_reopened",
            context={"plan": locked.plan, "comment": locked},
            url=plan_path(locked.plan, locked.section_key),
            plan=locked.plan,
        )
    return locked


def _lock_for_decision(plan: Plan, version: PlanVersion) -> Plan:
    locked = Plan.objects.select_for_update().select_related("enrolment__trainee").get(pk=plan.pk)
    if locked.status != Plan.Status.SUBMITTED:
        # Approved plans go back only through a coordinator's reopen, never a second decision.
        raise ValidationError(_("Only a submitted plan waits for a decision."))
    newest = newest_version(locked)
    if newest is None or version.pk != newest.pk:
        raise ValidationError(
            _("Version %(n)s is not the newest version: decide on the version submitted now.")
            % {"n": version.number}
        )
    return locked


def _decide(*, plan, version, actor, summary, decision, to_status, permission, verb) -> Review:
    _check(actor, permission, plan)
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError(_("Write a summary of your decision for the trainee."))
    locked = _lock_for_decision(plan, version)
    transition(locked, to_status=to_status, actor=actor, verb=verb, note=summary)
    review = Review.objects.create(
        plan=locked, version=version, reviewer=actor, decision=decision, summary=summary
    )
    notify(
        recipients=[locked.enrolment.trainee, *_coordinators()],
        verb="plan_decision",
        context={"plan": locked, "review": review},
        url=plan_path(locked),
        plan=locked,
    )
    return review


@transaction.atomic
def plan_request_changes(*, plan: Plan, version: PlanVersion, actor: User, summary: str) -> Review:
    """Send the newest submitted version back to the trainee, with a summary (and notify)."""
    return _decide(
        plan=plan,
        version=version,
        actor=actor,
        summary=summary,
        decision=Review.Decision.CHANGES_REQUESTED,
        to_status=Plan.Status.CHANGES_REQUESTED,
        permission="reviews.request_changes",
        verb="changes_requested",
    )


@transaction.atomic
def plan_approve(*, plan: Plan, version: PlanVersion, actor: User, summary: str) -> Review:
    """Approve the newest submitted version (lead expert or coordinator), notify, and queue the
    final PDF of that version (after commit)."""
    review = _decide(
        plan=plan,
        version=version,
        actor=actor,
        summary=summary,
        decision=Review.Decision.APPROVED,
        to_status=Plan.Status.APPROVED,
        permission="reviews.approve_plan",
        verb="approved",
    )
    pdf_queue_final_render(version=version, actor=actor)
    return review


@transaction.atomic
def plan_reopen(*, plan: Plan, actor: User, reason: str) -> Plan:
    """A coordinator sends an approved plan back for changes."""
    _check(actor, "reviews.reopen_plan", plan)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the plan is reopened."))
    locked = Plan.objects.select_for_update().select_related("enrolment__trainee").get(pk=plan.pk)
    transition(
        locked, to_status=Plan.Status.CHANGES_REQUESTED, actor=actor, verb="reopened", note=reason
    )
    notify(
        recipients=[locked.enrolment.trainee, *_experts_of(locked)],
        verb="plan_reopened",
        context={"plan": locked, "reason": reason, "actor": actor},
        url=plan_path(locked),
        plan=locked,
    )
    return locked
