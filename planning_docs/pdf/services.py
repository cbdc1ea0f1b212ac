"""Every write around PDFs: asking for a render, running one, failing one, sweeping stuck ones.

A render is identified by its kind and the hash of exactly what it shows: asking twice for the
same content returns the same row, and a ready or running row is never rendered again.
"""

import hashlib
import logging
from datetime import datetime, timedelta
from types import ModuleType
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core import outbox
from ecotown.core.models import AuditEvent, User
from ecotown.core.names import display_name, person
from ecotown.core.workflow import TransitionNotAllowed, check_transition, record, transition
from planning_docs.models import PdfRender, Plan, PlanVersion
from planning_docs.pdf import document, selectors
from planning_docs.pdf.attachments import plan_document_pdf
from planning_docs.versions import (
    content_hash,
    newest_version,
    snapshot_attachments,
    snapshot_contributors,
    snapshot_sections,
    text_of,
)
from seminars.models import Seminar

logger = logging.getLogger(__name__)


def _pdf() -> ModuleType:
    """The PDF module, imported on first use: web processes never load WeasyPrint."""
    from ecotown.core import pdf

    return pdf


# A task that dies with its worker is redelivered; after this many starts the render gives up.
MAX_ATTEMPTS = 3
# How far past the hard time limit a render may sit in "rendering" before the sweeper decides its
# worker died: it queues the render again (or fails it after MAX_ATTEMPTS).
STUCK_GRACE = timedelta(seconds=60)
# A queued render untouched this long lost its message (a broker flush): send it again.
REQUEUE_AFTER = timedelta(minutes=30)
# A person may send a queued render's message again ("try again") once it has waited this long.
RESEND_AFTER = timedelta(minutes=1)


# A person's draft renders waiting or running at once. Asking again for the same plan replaces
# the waiting one (coalescing); past this, a request is refused until one of them is done.
DRAFTS_PENDING_PER_PERSON = 3

# Message priorities. On Redis, 0 is served first and 9 last (kombu keeps one list per step and
# workers pop them in order): approvals, certificates and compendiums never wait behind drafts.
# The file-system broker of the embedded default has no priorities: one worker, one person.
PRIORITY_DRAFT = 9
PRIORITY_OTHERS = 0


class NotRenderable(Exception):
    """Asked for a PDF that cannot exist (no approved plan, nothing approved). For people."""


class TooManyDrafts(NotRenderable):
    """The person has DRAFTS_PENDING_PER_PERSON draft renders under way already. For people."""


def render_priority(kind: str) -> int:
    return PRIORITY_DRAFT if kind == PdfRender.Kind.DRAFT else PRIORITY_OTHERS


def _enqueue(render_id: int, kind: str) -> None:
    # Through the outbox: recorded with the render, sent after commit (drafts behind the rest)
    # or, if the broker is away, by the outbox's sweep once it is back.
    outbox.task_send_on_commit(
        "planning_docs.render_pdf", render_id, priority=render_priority(kind)
    )


def _get_or_queue(
    *, kind: str, content_hash: str, actor: User | None, enqueue: bool = True, **fields: Any
) -> PdfRender:
    """The render of this content: existing (re-queued if it had failed) or new and queued.
    A new render is logged (asking again for one that exists writes nothing)."""
    render, created = PdfRender.objects.select_for_update().get_or_create(
        kind=kind,
        content_hash=content_hash,
        defaults={**fields, "requested_by": actor if actor and actor.is_authenticated else None},
    )
    if created:
        record(render, verb=AuditEvent.Verb.PDF_REQUESTED, actor=actor, note=render.kind)
    if not created and render.status == PdfRender.Status.FAILED:
        render.attempts, render.error, render.queued_at = 0, "", timezone.now()
        transition(
            render,
            to_status=PdfRender.Status.QUEUED,
            actor=actor,
            verb=AuditEvent.Verb.PDF_RETRY,
            fields=["attempts", "error", "queued_at"],
        )
        created = True
    if created and enqueue:
        _enqueue(render.pk, render.kind)
    return render


def _lock_plan(plan: Plan) -> Plan:
    # Serialises requests for one plan: two clicks at once make one row and one task.
    return Plan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def pdf_queue_final_render(*, version: PlanVersion, actor: User | None) -> PdfRender:
    """The render of an approved version; queued on commit unless it exists (ready, running or
    queued). Called by the plan's approval. A failed render of the version is queued again."""
    return _final_render(version=version, actor=actor, enqueue=True)


def _final_render(*, version: PlanVersion, actor: User | None, enqueue: bool) -> PdfRender:
    _lock_plan(version.plan)
    parts = ["final", version.plan_id, version.number, version.title, version.sections]
    if version.attachments and any(version.attachments.values()):
        # A version with figures or annexes shows them too; one without hashes as it always has.
        parts.append(version.attachments)
    if version.document_language != "en":
        parts.append({"language": version.document_language})
    digest = content_hash(*parts)
    return _get_or_queue(
        kind=PdfRender.Kind.FINAL,
        content_hash=digest,
        actor=actor,
        enqueue=enqueue,
        plan=version.plan,
        version=version,
    )


@transaction.atomic
def pdf_request_draft_render(*, plan: Plan, actor: User | None) -> PdfRender:
    """A render of the plan's current text, marked DRAFT; queued on commit.

    When an approved plan's text is exactly its newest version, that version's final render is
    returned instead: the approved document is what the current text is.
    """
    plan = _lock_plan(plan)
    sections = snapshot_sections(plan)
    attachments = snapshot_attachments(plan, sections)
    version = newest_version(plan)
    if (
        plan.status == Plan.Status.APPROVED
        and version is not None
        and version.document_language == plan.language
        and content_hash(version.title, text_of(version.sections), _shown(version.attachments))
        == content_hash(plan.title, text_of(sections), _shown(attachments))
    ):
        return pdf_queue_final_render(version=version, actor=actor)
    contributors = snapshot_contributors(plan)
    digest = content_hash("draft", plan.pk, plan.status, plan.title, sections, contributors)
    if _shown(attachments):
        digest = content_hash(digest, attachments)
    if plan.language != "en":
        digest = content_hash(digest, {"language": plan.language})
    same = PdfRender.objects.filter(kind=PdfRender.Kind.DRAFT, content_hash=digest).first()
    if same is None or same.status == PdfRender.Status.FAILED:
        _check_drafts_pending(plan=plan, actor=actor)
    render = _get_or_queue(
        kind=PdfRender.Kind.DRAFT,
        content_hash=digest,
        actor=actor,
        plan=plan,
        content={
            "title": plan.title,
            "sections": sections,
            "contributors": contributors,
            "attachments": attachments,
        },
    )
    _supersede_waiting_drafts(plan=plan, actor=actor, keep=render)
    return render


def _shown(attachments: dict | None) -> dict:
    """Attachments as they count for a document's identity: none at all when empty."""
    return attachments if attachments and any(attachments.values()) else {}


def _waiting_drafts(actor: User) -> QuerySet[PdfRender]:
    return PdfRender.objects.filter(
        kind=PdfRender.Kind.DRAFT,
        requested_by=actor,
        status__in=(PdfRender.Status.QUEUED, PdfRender.Status.RENDERING),
    )


def _check_drafts_pending(*, plan: Plan, actor: User | None) -> None:
    """Refuse one more draft render past the person's cap; those that this request replaces (their
    queued drafts of the same plan) do not count."""
    if actor is None or not actor.is_authenticated:
        return
    pending = _waiting_drafts(actor).exclude(plan=plan, status=PdfRender.Status.QUEUED)
    if pending.count() >= DRAFTS_PENDING_PER_PERSON:
        raise TooManyDrafts(
            _(
                "You have %(count)d draft PDFs in preparation already: wait until one is "
                "ready, then ask again."
            )
            % {"count": DRAFTS_PENDING_PER_PERSON}
        )


def _supersede_waiting_drafts(*, plan: Plan, actor: User | None, keep: PdfRender) -> None:
    """The person's drafts of this plan still waiting for a worker show an older text than the one
    just asked for: they end here, and a worker that meets their message has nothing to do."""
    if actor is None or not actor.is_authenticated:
        return
    older = (
        _waiting_drafts(actor)
        .filter(plan=plan, status=PdfRender.Status.QUEUED)
        .exclude(pk=keep.pk)
        .select_for_update()
    )
    for render in older:
        render.error = "Replaced by a newer request for the current text."
        render.finished_at = timezone.now()
        transition(
            render,
            to_status=PdfRender.Status.FAILED,
            actor=actor,
            verb=AuditEvent.Verb.PDF_RENDER_SUPERSEDED,
            fields=["error", "finished_at"],
        )


@transaction.atomic
def pdf_request_certificate(*, plan: Plan, actor: User | None) -> PdfRender:
    """The certificate of completion of an approved plan's trainee; queued on commit."""
    plan = _lock_plan(plan)
    version = newest_version(plan)
    if plan.status != Plan.Status.APPROVED or version is None:
        raise NotRenderable(_("A certificate is issued once the plan is approved."))
    trainee, seminar = plan.enrolment.trainee, plan.enrolment.seminar
    digest = content_hash(
        "certificate",
        plan.pk,
        version.number,
        version.title,
        trainee.get_full_name(),
        seminar.title,
        str(seminar.start_date),
        str(seminar.end_date),
    )
    return _get_or_queue(
        kind=PdfRender.Kind.CERTIFICATE,
        content_hash=digest,
        actor=actor,
        plan=plan,
        version=version,
        content={"title": version.title},
    )


@transaction.atomic
def pdf_queue_compendium(
    *, seminar: Seminar, actor: User | None, language: str = settings.LANGUAGE_CODE
) -> PdfRender:
    """All approved plans of a seminar in one PDF, its cover and index in `language` (each plan
    in its own). Queues the missing per-plan renders as a group running in parallel on the
    workers, with the compendium's assembly as its callback."""
    plans = list(selectors.approved_plans_of_seminar(seminar))
    members = []
    for plan in plans:
        version = newest_version(plan)
        if version is not None:
            # Not queued one by one: the chord below sends them, in parallel, as its header.
            members.append(_final_render(version=version, actor=actor, enqueue=False))
    if not members:
        raise NotRenderable(_("The seminar has no approved plan yet."))
    digest = content_hash(
        "compendium", seminar.pk, seminar.title, [m.content_hash for m in members], language
    )
    render = _get_or_queue(
        kind=PdfRender.Kind.COMPENDIUM,
        content_hash=digest,
        actor=actor,
        enqueue=False,
        seminar=seminar,
        content={"members": [m.pk for m in members], "language": language},
    )
    if render.status == PdfRender.Status.QUEUED:
        ids = [m.pk for m in members if m.status != PdfRender.Status.READY]
        # A worker sends the chord (planning_docs.send_compendium): the outbox holds one task.
        outbox.task_send_on_commit("planning_docs.send_compendium", render.pk, ids)
    return render


def pdf_send_compendium_chord(*, render_id: int, member_ids: list[int]) -> None:
    """Send the missing plan renders in parallel, then the compendium's assembly (a chord)."""
    from celery import chord

    from planning_docs.tasks import render_pdf

    if not member_ids:
        render_pdf.apply_async((render_id,), priority=PRIORITY_OTHERS)
        return
    header = (render_pdf.si(member_id).set(priority=PRIORITY_OTHERS) for member_id in member_ids)
    chord(header)(render_pdf.si(render_id).set(priority=PRIORITY_OTHERS))


# --- The task's side ---------------------------------------------------------------------------


def _claim(render_id: int, task_id: str) -> tuple[PdfRender | None, int]:
    """Move the render to rendering for this attempt; None when there is nothing to do."""
    with transaction.atomic():
        render = PdfRender.objects.select_for_update().get(pk=render_id)
        if render.status in (PdfRender.Status.READY, PdfRender.Status.FAILED):
            return None, render.attempts
        if render.status == PdfRender.Status.RENDERING and render.task_id != task_id:
            return None, render.attempts  # a live render by another message: leave it
        if render.status == PdfRender.Status.RENDERING and render.attempts >= MAX_ATTEMPTS:
            _fail(
                render, f"Gave up after {render.attempts} attempts: the worker stopped each time."
            )
            return None, render.attempts
        render.attempts += 1
        render.started_at = timezone.now()
        render.task_id = task_id
        verb = (
            AuditEvent.Verb.PDF_RENDER_RESTARTED
            if render.status == PdfRender.Status.RENDERING
            else AuditEvent.Verb.PDF_RENDER_STARTED
        )
        transition(
            render,
            to_status=PdfRender.Status.RENDERING,
            actor=None,
            verb=verb,
            fields=["attempts", "started_at", "task_id"],
        )
        return render, render.attempts


def _fail(render: PdfRender, error: str) -> None:
    render.error = error[:4000]
    render.finished_at = timezone.now()
    transition(
        render,
        to_status=PdfRender.Status.FAILED,
        actor=None,
        verb=AuditEvent.Verb.PDF_RENDER_FAILED,
        note=render.error[:500],
        fields=["error", "finished_at"],
    )


def pdf_render_fail(*, render_id: int, error: str) -> None:
    """Mark a queued or running render failed with its cause (kept for people to read)."""
    with transaction.atomic():
        render = PdfRender.objects.select_for_update().get(pk=render_id)
        if render.status in (PdfRender.Status.QUEUED, PdfRender.Status.RENDERING):
            _fail(render, error)


def pdf_render_requeue(*, render_id: int, error: str) -> None:
    """A transient error: the render waits, queued, for its retry."""
    with transaction.atomic():
        render = PdfRender.objects.select_for_update().get(pk=render_id)
        if render.status == PdfRender.Status.RENDERING:
            render.error = error[:4000]
            transition(
                render,
                to_status=PdfRender.Status.QUEUED,
                actor=None,
                verb=AuditEvent.Verb.PDF_RENDER_RETRY,
                note=render.error[:500],
                fields=["error"],
            )


def _document(render: PdfRender) -> tuple[bytes, int]:
    if render.kind == PdfRender.Kind.COMPENDIUM:
        return _compendium(render)
    if render.kind == PdfRender.Kind.CERTIFICATE:
        result = _pdf().render_pdf(document.certificate_html(render))
        return result.content, result.pages
    return plan_document_pdf(render)


class MembersNotReady(Exception):
    """A compendium's plan renders are still running: try again shortly (transient)."""


def _compendium(render: PdfRender) -> tuple[bytes, int]:
    member_ids = document.render_content(render).get("members", [])
    members = {
        m.pk: m
        for m in PdfRender.objects.filter(pk__in=member_ids).select_related(
            "plan__enrolment__trainee__trainee_profile", "version"
        )
    }
    ordered = [members[pk] for pk in member_ids if pk in members]
    failed = [m for m in ordered if m.status == PdfRender.Status.FAILED]
    if failed:
        names = ", ".join(display_name(document.render_plan(m).enrolment.trainee) for m in failed)
        raise _pdf().PdfError(f"The plans of {names} could not be rendered; retry them first.")
    if any(m.status != PdfRender.Status.READY for m in ordered):
        raise MembersNotReady("Some plans are still rendering.")
    entries: list[dict[str, Any]] = []
    for member in ordered:
        trainee = document.render_plan(member).enrolment.trainee
        version = document.render_version(member)
        profile = getattr(trainee, "trainee_profile", None)
        entries.append(
            {
                "trainee": person(trainee),
                "title": version.title,
                "country": profile.country.name if profile and profile.country else "",
                "pages": member.pages,
                "version": version.number,
            }
        )
    # The index shows each plan's first page, which depends on how long the front matter is.
    front_pages = 1
    for _attempt in range(3):
        front = _pdf().render_pdf(document.compendium_front_html(render, entries, front_pages))
        if front.pages == front_pages:
            break
        front_pages = front.pages
    parts: list[tuple[str, bytes]] = [("", front.content)]
    for member, entry in zip(ordered, entries, strict=True):
        with member.file.open("rb") as handle:
            parts.append((f"{entry['trainee']['name']}: {entry['title']}", handle.read()))
    merged: tuple[bytes, int] = _pdf().merge_pdfs(
        parts, title=str(render.seminar), author="UNIDO · City of Kitakyushu"
    )
    return merged


def pdf_render_run(*, render_id: int, task_id: str = "") -> PdfRender | None:
    """Render one PdfRender and store its file (the task's body).

    Side effects: the row moves queued -> rendering -> ready (file, hash, pages, timings) or
    failed (with the cause) for anything a retry cannot fix. Transient errors (database, storage,
    members still rendering) propagate to the task, which retries them.
    """
    render, attempt = _claim(render_id, task_id)
    if render is None:
        return None
    try:
        content, pages = _document(render)
    except _pdf().PdfError as error:
        pdf_render_fail(render_id=render_id, error=str(error))
        return None
    except TRANSIENT_ERRORS:
        raise
    except Exception as error:
        # A permanent failure (a bug, a time limit): fail now with the cause; never loop on it.
        logger.exception("PDF render %s failed", render_id)
        pdf_render_fail(render_id=render_id, error=_cause(error))
        return None
    return _store(render_id, attempt, content, pages)


def _cause(error: Exception) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(error, SoftTimeLimitExceeded):
        return f"The render took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} seconds."
    return f"{type(error).__name__}: {error}"


class StorageError(Exception):
    """The file could not be written (disk full, storage away): transient."""


def _store(render_id: int, attempt: int, content: bytes, pages: int) -> PdfRender | None:
    try:
        return _store_file(render_id, attempt, content, pages)
    except OSError as error:
        raise StorageError(f"Could not store the PDF: {error}") from error


def _store_file(render_id: int, attempt: int, content: bytes, pages: int) -> PdfRender | None:
    with transaction.atomic():
        render = PdfRender.objects.select_for_update().get(pk=render_id)
        if render.status != PdfRender.Status.RENDERING or render.attempts != attempt:
            return None  # another attempt took the render over; its result stands
        render.file.save("render.pdf", ContentFile(content), save=False)
        render.sha256 = hashlib.sha256(content).hexdigest()
        render.size, render.pages, render.error = len(content), pages, ""
        render.finished_at = timezone.now()
        transition(
            render,
            to_status=PdfRender.Status.READY,
            actor=None,
            verb=AuditEvent.Verb.PDF_RENDER_READY,
            fields=["file", "sha256", "size", "pages", "error", "finished_at"],
        )
        return render


def pdf_sweep_stuck(*, now: datetime | None = None) -> dict[str, list[int]]:
    """Recover renders whose worker died, and renders whose message was lost.

    A render still "rendering" past the hard time limit lost its worker (a child killed is
    redelivered at once; a whole worker only after Redis's visibility timeout): it is queued again
    and sent, or failed once it has had MAX_ATTEMPTS starts. A render queued for REQUEUE_AFTER is
    sent again. Whichever message comes first renders it; the others find it taken or done.
    Side effects: status moves with their audit events; messages through the outbox.
    Returns {"requeued": [ids], "failed": [ids], "resent": [ids]}.
    """
    now = now or timezone.now()
    limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + STUCK_GRACE
    requeued, failed = [], []
    stuck = PdfRender.objects.filter(
        status=PdfRender.Status.RENDERING, started_at__lt=now - limit
    ).values_list("pk", flat=True)
    for render_id in stuck:
        with transaction.atomic():
            render = PdfRender.objects.select_for_update().get(pk=render_id)
            started = render.started_at
            if render.status != PdfRender.Status.RENDERING or not started or started >= now - limit:
                continue
            if render.attempts >= MAX_ATTEMPTS:
                _fail(
                    render,
                    f"The render stopped without finishing {render.attempts} times (no result"
                    f" {int(limit.total_seconds())} seconds after it started).",
                )
                failed.append(render_id)
                continue
            render.queued_at = now
            transition(
                render,
                to_status=PdfRender.Status.QUEUED,
                actor=None,
                verb=AuditEvent.Verb.PDF_RENDER_REQUEUED,
                note=f"No result {int(limit.total_seconds())} seconds after attempt"
                f" {render.attempts} started: its worker stopped.",
                fields=["queued_at"],
            )
            _enqueue(render.pk, render.kind)
            requeued.append(render_id)
    resent = []
    waiting = PdfRender.objects.filter(
        status=PdfRender.Status.QUEUED, queued_at__lt=now - REQUEUE_AFTER
    ).values_list("pk", flat=True)
    for render_id in waiting:
        with transaction.atomic():
            render = PdfRender.objects.select_for_update().get(pk=render_id)
            if render.status == PdfRender.Status.QUEUED and render.queued_at < now - REQUEUE_AFTER:
                _resend(render, now=now)
                resent.append(render_id)
    return {"requeued": requeued, "failed": failed, "resent": resent}


def _resend(render: PdfRender, *, now: datetime) -> None:
    # queued_at marks the last sending, so that a render is not sent again at every sweep.
    render.queued_at = now
    render.save(update_fields=["queued_at"])
    if render.kind == PdfRender.Kind.COMPENDIUM:
        member_ids = render.content["members"] if render.content else []
        members = PdfRender.objects.filter(pk__in=member_ids)
        ids = [m.pk for m in members if m.status != PdfRender.Status.READY]
        outbox.task_send_on_commit("planning_docs.send_compendium", render.pk, ids)
    else:
        _enqueue(render.pk, render.kind)


def pdf_resendable(render: PdfRender, *, now: datetime | None = None) -> bool:
    """A queued render that has waited RESEND_AFTER: a person may send it again."""
    now = now or timezone.now()
    return render.status == PdfRender.Status.QUEUED and render.queued_at < now - RESEND_AFTER


def _transient_errors() -> tuple[type[BaseException], ...]:
    from django.db import InterfaceError, OperationalError

    return (OperationalError, InterfaceError, MembersNotReady, StorageError, ConnectionError)


TRANSIENT_ERRORS = _transient_errors()


@transaction.atomic
def pdf_retry(*, render: PdfRender, actor: User | None) -> PdfRender:
    """Queue a failed render again (on commit). A compendium first re-queues its failed plans.
    A render queued for RESEND_AFTER (its message lost, or sent while the broker was away) is
    sent again.

    Raises TransitionNotAllowed when the render is rendering, ready, or queued only just now.
    """
    render = PdfRender.objects.select_for_update().get(pk=render.pk)
    if render.status == PdfRender.Status.QUEUED:
        if not pdf_resendable(render):
            raise TransitionNotAllowed(
                _("This render is waiting for a worker; it can be sent again after a minute.")
            )
        _resend(render, now=timezone.now())
        record(render, verb=AuditEvent.Verb.PDF_RESEND, actor=actor)
        return render
    if render.kind == PdfRender.Kind.COMPENDIUM:
        check_transition(render, PdfRender.Status.QUEUED)
        return pdf_queue_compendium(seminar=document.render_seminar(render), actor=actor)
    check_transition(render, PdfRender.Status.QUEUED)
    return _get_or_queue(kind=render.kind, content_hash=render.content_hash, actor=actor)
