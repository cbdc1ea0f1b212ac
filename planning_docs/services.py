from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core.models import User
from ecotown.core.workflow import check_transition, transition
from notifications.services import notify
from planning_docs.completion import is_filled
from planning_docs.models import Plan, PlanTemplate, PlanVersion, SectionDraft, TemplateSection
from planning_docs.structured import clean_rows
from planning_docs.versions import snapshot_sections, version_content_hash
from trainees.models import Enrolment

DEFAULT_TEMPLATE_NAME = "Eco-town pilot project plan"
MAX_BODY_CHARS = 100_000


class PlanLocked(Exception):
    """The plan is not a draft and no changes were requested: nothing may be edited."""


class StaleRevision(Exception):
    """The save was based on an older revision; `current` is the draft as it is now."""

    def __init__(self, current: SectionDraft):
        super().__init__(f"revision {current.revision} is newer")
        self.current = current


class PlanIncomplete(Exception):
    """Required sections are empty; `missing` holds their titles in template order."""

    def __init__(self, missing: list[str]):
        super().__init__(", ".join(missing))
        self.missing = missing


def default_template() -> PlanTemplate:
    return PlanTemplate.objects.get(name=DEFAULT_TEMPLATE_NAME)


@transaction.atomic
def plan_create_for_enrolment(*, enrolment: Enrolment, actor: User | None) -> Plan:
    """The plan of an accepted enrolment, from its seminar's template (the default if none).

    Idempotent: a second call returns the existing plan. Creates one empty SectionDraft per
    template section, so that every later save is an update guarded by its revision.
    """
    existing = Plan.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    template = enrolment.seminar.plan_template or default_template()
    profile = getattr(enrolment.trainee, "trainee_profile", None)
    plan = Plan.objects.create(
        enrolment=enrolment,
        template=template,
        title=f"Pilot eco-town plan: {enrolment.trainee}",
        pilot_country=profile.country if profile else "",
    )
    SectionDraft.objects.bulk_create(
        SectionDraft(plan=plan, section=section, updated_by=actor)
        for section in template.sections.all()
    )
    return plan


@transaction.atomic
def section_save(
    *, draft: SectionDraft, body: str, revision: int, actor: User, rows: list | None = None
) -> SectionDraft:
    """Save one section's text (and rows, when given) if `revision` is still the current one.

    Locks the plan row first, so a save never slips past a submission, then updates the draft
    only `WHERE revision = <given>`: of two saves from the same revision exactly one wins, the
    other raises StaleRevision with the draft as it now is and changes nothing. Raises PlanLocked
    when the plan is not editable and ValidationError for rows or text that cannot be kept.
    """
    plan = Plan.objects.select_for_update().get(pk=draft.plan_id)
    if not plan.is_editable:
        raise PlanLocked(
            _("This plan is submitted: editing is locked until changes are requested.")
        )
    if len(body) > MAX_BODY_CHARS:
        raise ValidationError(
            _("The text is too long (%(max)d characters at most).") % {"max": MAX_BODY_CHARS}
        )
    changes = {
        "body": body,
        "revision": F("revision") + 1,
        "updated_by": actor,
        "updated_at": timezone.now(),
    }
    if rows is not None:
        changes["rows"] = clean_rows(draft.section.kind, rows)
    updated = SectionDraft.objects.filter(pk=draft.pk, revision=revision).update(**changes)
    current = SectionDraft.objects.select_related("section").get(pk=draft.pk)
    if not updated:
        raise StaleRevision(current)
    return current


@transaction.atomic
def plan_submit(*, plan: Plan, actor: User) -> PlanVersion:
    """Freeze the drafts as the next PlanVersion and move the plan to submitted.

    Side effects: one PlanVersion (number, snapshot, content hash, who), the status change and its
    AuditEvent, and a notification (e-mailed after commit) to each of the plan's experts.
    Refused (TransitionNotAllowed, PlanIncomplete) with nothing changed when the plan is not a
    draft or changes-requested, or when a required section is empty.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_transition(plan, Plan.Status.SUBMITTED)
    drafts = plan.drafts.select_related("section").order_by("section__position")
    missing = [
        d.section.title
        for d in drafts
        if d.section.required and not is_filled(d.section.kind, d.body, d.rows)
    ]
    if missing:
        raise PlanIncomplete(missing)
    sections = snapshot_sections(plan)
    number = (plan.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        title=plan.title,
        sections=sections,
        content_hash=version_content_hash(title=plan.title, sections=sections),
        created_by=actor,
    )
    transition(plan, to_status=Plan.Status.SUBMITTED, actor=actor, verb="submit", note=f"v{number}")
    notify(
        recipients=[a.expert for a in plan.assignments.select_related("expert")],
        verb="plan_submitted",
        context={"plan": plan, "version": version},
        url=reverse("planning_docs:plan-detail", args=[plan.pk]),
        plan=plan,
    )
    return version


@transaction.atomic
def template_section_add(*, section: TemplateSection) -> TemplateSection:
    """Add a section to a template and give every plan on that template an empty draft of it."""
    section.save()
    plans = Plan.objects.filter(template=section.template)
    SectionDraft.objects.bulk_create(
        [SectionDraft(plan=plan, section=section) for plan in plans], ignore_conflicts=True
    )
    return section


@transaction.atomic
def template_copy(*, template: PlanTemplate, name: str) -> PlanTemplate:
    """A new template with the same sections, for a seminar that wants to adapt the default."""
    copy = PlanTemplate.objects.create(name=name, description=template.description)
    TemplateSection.objects.bulk_create(
        TemplateSection(
            template=copy,
            position=s.position,
            key=s.key,
            title=s.title,
            guidance=s.guidance,
            word_limit=s.word_limit,
            required=s.required,
            kind=s.kind,
        )
        for s in template.sections.all()
    )
    return copy
