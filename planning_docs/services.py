from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.forms import ModelForm
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core import roles
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import check_transition, record, record_unless_recent, transition
from notifications.services import notify
from planning_docs.completion import missing_sections
from planning_docs.models import (
    Plan,
    PlanAssignment,
    PlanCoauthor,
    PlanTemplate,
    PlanVersion,
    SectionDraft,
    TemplateSection,
)
from planning_docs.signals import plan_approved, template_copied
from planning_docs.structured import clean_rows
from planning_docs.versions import (
    newest_version,
    snapshot_attachments,
    snapshot_contributors,
    snapshot_sections,
    version_content_hash,
)
from trainees.models import Enrolment

DEFAULT_TEMPLATE_NAME = "Eco-town pilot project plan"
MAX_BODY_CHARS = 100_000
# The editor autosaves every few seconds: the log keeps one "section edited" per person and
# section in this span (the first of the burst), not one row per keystroke pause. The text
# itself is never logged; the drafts and the versions hold it.
SECTION_SAVE_COALESCE = timedelta(minutes=5)


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
    template section, so that every later save is an update guarded by its revision. Logged.
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
    record(plan, verb=AuditEvent.Verb.PLAN_CREATED, actor=actor, note=template.name)
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
    Logged on the plan with the section's key, once per person and section in
    SECTION_SAVE_COALESCE (one conditional INSERT per save).
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
    current = SectionDraft.objects.select_related("section", "updated_by").get(pk=draft.pk)
    if not updated:
        raise StaleRevision(current)
    # A co-author's first save makes them a contributor (the PDF's cover names them).
    PlanCoauthor.objects.filter(
        plan=plan, user=actor, status=PlanCoauthor.Status.ACTIVE, contributed_at__isnull=True
    ).update(contributed_at=timezone.now())
    record_unless_recent(
        plan,
        verb=AuditEvent.Verb.SECTION_SAVED,
        actor=actor,
        note=current.section.key,
        within=SECTION_SAVE_COALESCE,
    )
    return current


@transaction.atomic
def plan_details_save(*, plan: Plan, form: "ModelForm[Plan]", actor: User) -> Plan:
    """Save the plan's title and pilot site from a valid PlanDetailsForm, under the plan's lock
    (refused with PlanLocked once submitted). Logged with the fields that changed."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if not locked.is_editable:
        raise PlanLocked(
            _("This plan is submitted: editing is locked until changes are requested.")
        )
    form.save()  # its instance is `plan`, the values already checked and set on it
    record(
        locked,
        verb=AuditEvent.Verb.PLAN_DETAILS_CHANGED,
        actor=actor,
        note=", ".join(form.changed_data),
    )
    return locked


@transaction.atomic
def plan_submit(*, plan: Plan, actor: User) -> PlanVersion:
    """Freeze the drafts as the next PlanVersion and move the plan to submitted.

    Side effects: one PlanVersion (number, snapshot with the figures and annexes it shows,
    content hash, who), the status change and its
    AuditEvent, and a notification (e-mailed after commit) to each of the plan's experts.
    Refused (TransitionNotAllowed, PlanIncomplete) with nothing changed when the plan is not a
    draft or changes-requested, or when a required section is empty.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_transition(plan, Plan.Status.SUBMITTED)
    drafts = plan.drafts.select_related("section").order_by("section__position")
    missing = [progress.title for progress in missing_sections(drafts)]
    if missing:
        raise PlanIncomplete(missing)
    sections = snapshot_sections(plan)
    attachments = snapshot_attachments(plan, sections)
    number = (plan.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        title=plan.title,
        sections=sections,
        attachments=attachments,
        content_hash=version_content_hash(
            title=plan.title, sections=sections, attachments=attachments, language=plan.language
        ),
        created_by=actor,
        contributors=snapshot_contributors(plan),
        language=plan.language,
    )
    transition(
        plan,
        to_status=Plan.Status.SUBMITTED,
        actor=actor,
        verb=AuditEvent.Verb.SUBMIT,
        note=f"v{number}",
    )
    notify(
        recipients=[a.expert for a in plan.assignments.select_related("expert")],
        verb="plan_submitted",
        context={"plan": plan, "version": version},
        url=reverse("planning_docs:plan-detail", args=[plan.pk]),
        plan=plan,
    )
    return version


@transaction.atomic
def template_save(*, form: "ModelForm[PlanTemplate]", actor: User | None) -> PlanTemplate:
    """Create or change a plan template from a valid form. Logged."""
    created = form.instance.pk is None
    template: PlanTemplate = form.save()
    verb = AuditEvent.Verb.TEMPLATE_CREATED if created else AuditEvent.Verb.TEMPLATE_CHANGED
    record(template, verb=verb, actor=actor, note=", ".join(form.changed_data))
    return template


@transaction.atomic
def template_section_save(
    *, form: "ModelForm[TemplateSection]", actor: User | None
) -> TemplateSection:
    """Add a section to a template (every plan on it gets an empty draft of it) or change one,
    from a valid TemplateSectionForm. Logged on the template."""
    section: TemplateSection = form.save(commit=False)
    created = section.pk is None
    section.save()
    if created:
        plans = Plan.objects.filter(template=section.template)
        SectionDraft.objects.bulk_create(
            [SectionDraft(plan=plan, section=section) for plan in plans], ignore_conflicts=True
        )
    note = _("section %(key)s %(what)s") % {
        "key": section.key,
        "what": _("added") if created else _("changed"),
    }
    record(section.template, verb=AuditEvent.Verb.TEMPLATE_CHANGED, actor=actor, note=note)
    return section


@transaction.atomic
def template_section_delete(*, section: TemplateSection, actor: User | None) -> None:
    """Delete a section no plan has used (ProtectedError, nothing changed, otherwise). Logged."""
    template = section.template
    key = section.key
    section.delete()
    note = _("section %(key)s deleted") % {"key": key}
    record(template, verb=AuditEvent.Verb.TEMPLATE_CHANGED, actor=actor, note=note)


@transaction.atomic
def template_copy(*, template: PlanTemplate, name: str, actor: User | None = None) -> PlanTemplate:
    """A new template with the same sections, for a seminar that wants to adapt the default.
    Logged on the copy; template_copied lets the apps above copy their parts (the rubric)."""
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
    note = _("Copied from %(name)s") % {"name": template.name}
    record(copy, verb=AuditEvent.Verb.TEMPLATE_CREATED, actor=actor, note=note)
    template_copied.send(sender=PlanTemplate, template=template, copy=copy)
    return copy


# --- Decisions on a submitted version, and reopening ------------------------------------------
# Who may decide is the review's rule (reviews/rules.py); these are the plan's own moves, called
# by the review services.


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


@transaction.atomic
def plan_request_changes(*, plan: Plan, version: PlanVersion, actor: User, note: str) -> Plan:
    """Send the newest submitted version back to the trainee: editing opens again.

    Side effects: the status move and its AuditEvent (with `note`). Refused (ValidationError,
    nothing changed) unless the plan is submitted and `version` is its newest."""
    locked = _lock_for_decision(plan, version)
    transition(
        locked,
        to_status=Plan.Status.CHANGES_REQUESTED,
        actor=actor,
        verb=AuditEvent.Verb.CHANGES_REQUESTED,
        note=note,
    )
    return locked


@transaction.atomic
def plan_approve(*, plan: Plan, version: PlanVersion, actor: User, note: str) -> Plan:
    """Approve the newest submitted version: the plan is final.

    Side effects: the status move and its AuditEvent, and the final PDF of that version queued
    (rendered by a worker after commit). Refused as plan_request_changes is."""
    from planning_docs.pdf.services import pdf_queue_final_render

    locked = _lock_for_decision(plan, version)
    transition(
        locked,
        to_status=Plan.Status.APPROVED,
        actor=actor,
        verb=AuditEvent.Verb.APPROVED,
        note=note,
    )
    pdf_queue_final_render(version=version, actor=actor)
    plan_approved.send(sender=Plan, plan=locked, version=version, actor=actor)
    return locked


@transaction.atomic
def plan_reopen(*, plan: Plan, actor: User, reason: str) -> Plan:
    """Send an approved plan back for changes (a coordinator's move), with the reason.

    Side effects: the status move and its AuditEvent, and a notification to the trainee and the
    plan's experts. Refused (ValidationError) without a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the plan is reopened."))
    locked = Plan.objects.select_for_update().select_related("enrolment__trainee").get(pk=plan.pk)
    transition(
        locked,
        to_status=Plan.Status.CHANGES_REQUESTED,
        actor=actor,
        verb=AuditEvent.Verb.REOPENED,
        note=reason,
    )
    notify(
        recipients=[locked.enrolment.trainee, *plan_experts(locked)],
        verb="plan_reopened",
        context={"plan": locked, "reason": reason, "actor": actor},
        url=reverse("planning_docs:plan-detail", args=[locked.pk]),
        plan=locked,
    )
    return locked


def plan_experts(plan: Plan) -> list[User]:
    return [assignment.expert for assignment in plan.assignments.select_related("expert")]


# --- Expert assignment ------------------------------------------------------------------------


def _is_expert(user: User) -> bool:
    return roles.EXPERT in roles.group_names(user)


@transaction.atomic
def plan_assign_experts(
    *, plan: Plan, lead: User, advisers: list[User], actor: User | None
) -> Plan:
    """Give a plan exactly one lead expert and the given advisers; others are unassigned.

    Locks the plan row so that two coordinators assigning at once end with one consistent set.
    Side effects: PlanAssignment rows, an AuditEvent on the plan naming the new experts.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    adviser_ids = {adviser.pk for adviser in advisers}
    if lead.pk in adviser_ids:
        raise ValidationError(_("The lead expert cannot also be an adviser of the same plan."))
    if not all(_is_expert(person) for person in [lead, *advisers]):
        raise ValidationError(_("Only experts can lead or advise a plan."))
    wanted = {lead.pk: PlanAssignment.Role.LEAD} | dict.fromkeys(
        adviser_ids, PlanAssignment.Role.ADVISER
    )
    current = {a.expert_id: a.role for a in plan.assignments.all()}
    # Rows whose role changes are removed first, so a new lead never meets the old one (the
    # one-lead constraint is checked per statement).
    plan.assignments.exclude(
        expert_id__in=[pk for pk, role in wanted.items() if current.get(pk) == role]
    ).delete()
    PlanAssignment.objects.bulk_create(
        PlanAssignment(plan=plan, expert_id=pk, role=role)
        for pk, role in wanted.items()
        if current.get(pk) != role
    )
    names = ", ".join(str(adviser) for adviser in advisers) or "-"
    record(
        plan,
        verb=AuditEvent.Verb.EXPERTS_ASSIGNED,
        actor=actor,
        note=f"lead: {lead}; advisers: {names}",
    )
    return plan
