"""Suggested rewordings: proposed by an expert, applied or declined by the trainee."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import check_transition, record, transition
from notifications.services import notify
from planning_docs import services as plan_services
from planning_docs.models import Plan
from planning_docs.versions import newest_version
from reviews.models import Suggestion
from reviews.services.comments import (
    MAX_COMMENT_LENGTH,
    MAX_QUOTE_LENGTH,
    _check,
    plan_path,
    section_titles,
)


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
