"""The scoring rubric: each assigned expert's scores of the version waiting for review."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from planning_docs.models import Plan, PlanTemplate, PlanVersion
from planning_docs.versions import newest_version
from reviews.models import Criterion, Score
from reviews.services.comments import _check


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
