"""Comments, their threads and states, and the experts' decisions on submitted versions."""

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core import roles
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import check_transition, record, transition
from notifications.services import notify
from planning_docs import services as plan_services
from planning_docs.models import Plan, PlanTemplate, PlanVersion
from planning_docs.versions import newest_version
from reviews.anchors import fold_space, locate, plain_text
from reviews.models import Comment, Criterion, Review, Score, Suggestion

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
        quote = fold_space(quote)[:MAX_QUOTE_LENGTH]
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
    """Show one internal comment (or reply) to the trainee, and tell them which section it is on.
    Logged."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    _check(actor, "reviews.release_comment", comment)
    if comment.is_released:
        return comment
    _mark_released([comment], actor)
    plan = comment.plan
    notify(
        recipients=[plan.enrolment.trainee],
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
    notification to the trainee listing them by section. Nothing internal: nothing sent."""
    _check(actor, "reviews.comment_on_plan", plan)
    comments = _own_internal(plan, actor)
    if not comments:
        return []
    _mark_released(comments, actor)
    notify(
        recipients=[plan.enrolment.trainee],
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
            recipients=[locked.plan.enrolment.trainee],
            verb="comment_reopened",
            context={"plan": locked.plan, "comment": locked},
            url=plan_path(locked.plan, locked.section_key),
            plan=locked.plan,
        )
    return locked


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


@transaction.atomic
def scores_record(*, version: PlanVersion, actor: User, values: dict[str, int]) -> list[Score]:
    """The actor's scores of a submitted version, one per criterion of its template's rubric
    (criterion key -> value). Recording again replaces the actor's earlier scores of it.

    Refused (PermissionDenied, ValidationError) with nothing stored unless the actor is one of
    the plan's experts, the version is the plan's newest and submitted, and every criterion has
    a score within its scale. Logged."""
    plan = Plan.objects.select_for_update().get(pk=version.plan_id)
    _check(actor, "reviews.score_plan", plan)
    newest = newest_version(plan)
    if plan.status != Plan.Status.SUBMITTED or newest is None or newest.pk != version.pk:
        raise ValidationError(_("Only the version waiting for review is scored."))
    criteria = list(Criterion.objects.filter(template_id=plan.template_id))
    if not criteria:
        raise ValidationError(_("This plan's template has no scoring rubric."))
    problems = [
        _("%(criterion)s: give a score from 1 to %(max)d.")
        % {"criterion": c.title, "max": c.scale_max}
        for c in criteria
        if not isinstance(values.get(c.key), int) or not 1 <= values[c.key] <= c.scale_max
    ]
    if problems:
        raise ValidationError(problems)
    scores = [
        Score.objects.update_or_create(
            version=version, criterion=c, expert=actor, defaults={"value": values[c.key]}
        )[0]
        for c in criteria
    ]
    note = ", ".join(f"{c.key}={values[c.key]}" for c in criteria)
    record(version, verb=AuditEvent.Verb.SCORES_RECORDED, actor=actor, note=note)
    return scores


def rubric_copy(
    sender: object, *, template: PlanTemplate, copy: PlanTemplate, **kwargs: object
) -> None:
    """A copied template keeps its review rubric (receiver of planning_docs' template_copied)."""
    Criterion.objects.bulk_create(
        Criterion(
            template=copy,
            position=c.position,
            key=c.key,
            title=c.title,
            guidance=c.guidance,
            scale_max=c.scale_max,
        )
        for c in Criterion.objects.filter(template=template)
    )


# --- Suggestions ----------------------------------------------------------------------------


def suggestion_applicable(suggestion: Suggestion, body: str) -> bool:
    """Whether the suggested passage still stands, once, in the section's text."""
    return body.count(suggestion.quote) == 1


@transaction.atomic
def suggestion_create(
    *, plan: Plan, author: User, section_key: str, quote: str, replacement: str
) -> Suggestion:
    """An expert proposes `replacement` for a passage of one section's current text.

    Refused (ValidationError) unless the passage stands exactly once in the section's text as
    written (a passage across formatting cannot be replaced word for word). Logged."""
    _check(author, "reviews.suggest_rewording", plan)
    draft = plan.drafts.filter(section__key=section_key).first()
    if draft is None:
        raise ValidationError(_("This plan has no section %(key)s.") % {"key": section_key})
    quote = (quote or "").strip()[:MAX_QUOTE_LENGTH]
    if not quote:
        raise ValidationError(_("Select the passage you suggest rewording."))
    if len(replacement) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            _("A suggestion may have at most %(max)d characters.") % {"max": MAX_COMMENT_LENGTH}
        )
    if draft.body.count(quote) != 1:
        raise ValidationError(
            _(
                "Select a passage that appears once in the text and has no formatting inside "
                "it; or write a comment instead."
            )
        )
    suggestion = Suggestion.objects.create(
        plan=plan,
        section_key=section_key,
        version=newest_version(plan),
        author=author,
        quote=quote,
        replacement=replacement,
    )
    record(suggestion, verb=AuditEvent.Verb.SUGGESTION_MADE, actor=author, note=section_key)
    return suggestion


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, actor: User, revision: int) -> Suggestion:
    """Apply a suggestion to the current draft through the revision-guarded save.

    Raises StaleRevision (nothing changed) when the section was saved since `revision`, and
    ValidationError when the passage no longer stands once in the text. Side effects: the
    section saved, the suggestion accepted and logged, its author told."""
    locked: Suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    plan = locked.plan
    _check(actor, "reviews.answer_suggestion", plan)
    check_transition(locked, Suggestion.Status.ACCEPTED)
    draft = plan.drafts.select_related("section").get(section__key=locked.section_key)
    if draft.revision != revision:
        raise plan_services.StaleRevision(draft)
    if not suggestion_applicable(locked, draft.body):
        raise ValidationError(_("The text has changed: this suggestion can no longer be applied."))
    plan_services.section_save(
        draft=draft,
        body=draft.body.replace(locked.quote, locked.replacement, 1),
        revision=revision,
        actor=actor,
    )
    transition(
        locked,
        to_status=Suggestion.Status.ACCEPTED,
        actor=actor,
        verb=AuditEvent.Verb.SUGGESTION_ACCEPTED,
    )
    _tell_suggestion_author(locked)
    return locked


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, actor: User, reply: str) -> Suggestion:
    """Decline a suggestion, saying why (required). Logged; its author is told."""
    locked: Suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _check(actor, "reviews.answer_suggestion", locked.plan)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError(_("Say why you keep your own text."))
    locked.reply = reply[:MAX_COMMENT_LENGTH]
    transition(
        locked,
        to_status=Suggestion.Status.REJECTED,
        actor=actor,
        verb=AuditEvent.Verb.SUGGESTION_REJECTED,
        fields=["reply"],
    )
    _tell_suggestion_author(locked)
    return locked


def _tell_suggestion_author(suggestion: Suggestion) -> None:
    plan = suggestion.plan
    notify(
        recipients=[suggestion.author],
        verb="suggestion_answered",
        context={
            "plan": plan,
            "suggestion": suggestion,
            "section": section_titles(plan).get(suggestion.section_key, suggestion.section_key),
        },
        url=plan_path(plan, suggestion.section_key),
        plan=plan,
    )
