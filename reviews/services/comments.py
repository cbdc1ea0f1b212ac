"""Comments: threads on a section or a quoted passage, their states, and their release to the
trainee (one at a time, or all at once in one message)."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core import roles
from ecotown.core.guards import require_perm
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record, transition
from notifications.services import notify
from planning_docs import services as plan_services
from planning_docs.models import Plan
from planning_docs.rules import is_plan_writer
from planning_docs.selectors import plan_writers
from planning_docs.versions import newest_version
from reviews.anchors import fold_space, locate, plain_text
from reviews.models import Comment

MAX_COMMENT_LENGTH = 5000
# A quoted passage is a sentence or a paragraph: longer selections keep their first characters.
MAX_QUOTE_LENGTH = 2000


def plan_path(plan: Plan, section_key: str | None = None) -> str:
    """Where a notification about the plan (or one of its sections) takes its reader."""
    if section_key:
        return reverse("planning_docs:section-edit", args=[plan.pk, section_key])
    return reverse("planning_docs:plan-detail", args=[plan.pk])


def _coordinators() -> list[User]:
    return list(get_user_model().objects.filter(groups__name=roles.COORDINATOR, is_active=True))


def _check(user: User, permission: str, obj: Plan | Comment) -> None:
    require_perm(user, permission, obj, _("You may not do this on this plan."))


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
    found again after edits. A reply of the trainee or a co-author is visible at once and tells
    the plan's experts; an expert's or a coordinator's comment stays internal until released.
    Logged on the comment (a reply: on the reply) with its section's key.
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
        quote = fold_space(quote)[:MAX_QUOTE_LENGTH]
        if quote:
            quote_start = locate(quote, plain_text(draft.body)).start
            if quote_start is None:
                raise ValidationError(_("Select the passage in the section's own text."))
    by_trainee = is_plan_writer(author, plan)  # the trainee or a co-author
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
    verb = AuditEvent.Verb.COMMENT_CREATED if parent is None else AuditEvent.Verb.COMMENT_REPLIED
    record(comment, verb=verb, actor=author, note=section_key)
    if by_trainee:
        notify(
            recipients=plan_services.plan_experts(plan),
            verb="comment_reply",
            context={"plan": plan, "comment": comment},
            url=plan_path(plan, section_key),
            plan=plan,
        )
    return comment


def section_titles(plan: Plan) -> dict[str, str]:
    """Section key -> title, in the template's order (dicts keep it)."""
    sections = plan.template.sections.order_by("position").values_list("key", "title")
    return dict(sections)


def comments_by_section(plan: Plan, comments: Iterable[Comment]) -> list[tuple[str, list[Comment]]]:
    """(section title, its comments) in the template's order, comments oldest first."""
    titles = section_titles(plan)
    grouped: dict[str, list[Comment]] = {key: [] for key in titles}
    for comment in sorted(comments, key=lambda c: (c.created_at, c.pk)):
        grouped.setdefault(comment.section_key, []).append(comment)
    return [(titles.get(key, key), found) for key, found in grouped.items() if found]


def _mark_released(comments: list[Comment], actor: User) -> None:
    now = timezone.now()
    for comment in comments:
        comment.visibility = Comment.Visibility.RELEASED
        comment.released_at = now
        comment.save(update_fields=["visibility", "released_at", "updated_at"])
        record(comment, verb=AuditEvent.Verb.COMMENT_RELEASED, actor=actor)


def _own_internal(plan: Plan, actor: User) -> list[Comment]:
    """The actor's internal comments and replies on the plan, locked: each is released once."""
    return list(
        Comment.objects.select_for_update()
        .filter(plan=plan, author=actor, visibility=Comment.Visibility.INTERNAL)
        .order_by("created_at", "id")
    )


@transaction.atomic
def comment_release(*, comment: Comment, actor: User) -> Comment:
    """Show one internal comment (or reply) to the trainee, and tell them (and the plan's
    co-authors) which section it is on. Logged."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    _check(actor, "reviews.release_comment", comment)
    if comment.is_released:
        return comment
    _mark_released([comment], actor)
    plan = comment.plan
    notify(
        recipients=plan_writers(plan),
        verb="comment_released" if comment.parent_id is None else "comment_reply",
        context={
            "plan": plan,
            "comment": comment,
            "section": section_titles(plan).get(comment.section_key, comment.section_key),
        },
        url=plan_path(plan, comment.section_key),
        plan=plan,
    )
    return comment


@transaction.atomic
def comments_release_all(*, plan: Plan, actor: User) -> list[Comment]:
    """Release every internal comment and reply the actor wrote on the plan, with one
    notification to the trainee (and each co-author) listing them by section. Nothing internal:
    nothing sent."""
    _check(actor, "reviews.comment_on_plan", plan)
    comments = _own_internal(plan, actor)
    if not comments:
        return []
    _mark_released(comments, actor)
    notify(
        recipients=plan_writers(plan),
        verb="comments_released",
        context={
            "plan": plan,
            "actor": actor,
            "count": len(comments),
            "by_section": comments_by_section(plan, comments),
        },
        url=plan_path(plan),
        plan=plan,
    )
    return comments


def _move_comment(*, comment: Comment, actor: User, permission: str, to: str, verb: str) -> Comment:
    locked: Comment = Comment.objects.select_for_update().get(pk=comment.pk)
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
        verb=AuditEvent.Verb.COMMENT_ADDRESSED,
    )
    if reply.strip():
        comment_create(plan=locked.plan, author=actor, body=reply, parent=locked)
    else:
        notify(
            recipients=plan_services.plan_experts(locked.plan),
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
        verb=AuditEvent.Verb.COMMENT_ACCEPTED,
    )


@transaction.atomic
def comment_reopen(*, comment: Comment, actor: User) -> Comment:
    locked = _move_comment(
        comment=comment,
        actor=actor,
        permission="reviews.reopen_comment",
        to=Comment.Status.REOPENED,
        verb=AuditEvent.Verb.COMMENT_REOPENED,
    )
    if locked.is_released:
        notify(
            recipients=plan_writers(locked.plan),
            verb="comment_reopened",
            context={"plan": locked.plan, "comment": locked},
            url=plan_path(locked.plan, locked.section_key),
            plan=locked.plan,
        )
    return locked
