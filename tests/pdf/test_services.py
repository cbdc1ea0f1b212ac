"""Render requests are idempotent per content; runs move through the table and fail honestly."""

import hashlib
import re
from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.utils import timezone
from pypdf import PdfReader

from ecotown.core import pdf
from ecotown.core.models import AuditEvent, OutboxTask
from ecotown.core.workflow import TransitionNotAllowed, check_transition, history_of
from planning_docs.models import PdfRender, SectionDraft
from planning_docs.pdf import document as pdf_document
from planning_docs.pdf import services as pdf_services
from planning_docs.tasks import render_pdf
from tests.factories.planning_docs import make_plan
from tests.pdf.conftest import fill_drafts, rich_sections
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
S = PdfRender.Status

TRANSITION_TABLE = [
    (S.QUEUED, S.RENDERING, True),
    (S.QUEUED, S.FAILED, True),
    (S.QUEUED, S.READY, False),
    (S.RENDERING, S.READY, True),
    (S.RENDERING, S.FAILED, True),
    (S.RENDERING, S.QUEUED, True),
    (S.RENDERING, S.RENDERING, True),
    (S.READY, S.QUEUED, False),
    (S.READY, S.FAILED, False),
    (S.READY, S.RENDERING, False),
    (S.FAILED, S.QUEUED, True),
    (S.FAILED, S.READY, False),
    (S.FAILED, S.RENDERING, False),
]


@pytest.mark.parametrize(("from_status", "to_status", "allowed"), TRANSITION_TABLE)
def test_render_transitions(from_status, to_status, allowed):
    render = PdfRender(status=from_status)
    if allowed:
        check_transition(render, to_status)
    else:
        with pytest.raises(TransitionNotAllowed):
            check_transition(render, to_status)


def test_the_same_version_is_queued_once(approved_version, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
        second = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    assert first.pk == second.pk
    assert len(callbacks) == 1
    assert PdfRender.objects.count() == 1
    assert first.status == S.QUEUED
    assert first.kind == PdfRender.Kind.FINAL


def test_a_ready_render_is_never_rendered_again(approved_version, media_root, monkeypatch):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    done = pdf_services.pdf_render_run(render_id=render.pk, task_id="t1")
    calls = []
    monkeypatch.setattr(pdf, "render_pdf", lambda html: calls.append(html))
    assert pdf_services.pdf_render_run(render_id=render.pk, task_id="t2") is None
    again = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    assert calls == []
    assert again.pk == render.pk
    assert again.file.name == done.file.name


def test_a_run_stores_the_file_with_hash_pages_and_timings(approved_version, media_root):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    pdf_services.pdf_render_run(render_id=render.pk, task_id="t1")
    render.refresh_from_db()
    assert render.status == S.READY
    assert render.attempts == 1
    assert render.task_id == "t1"
    assert render.error == ""
    content = render.file.read()
    assert render.size == len(content)
    assert render.sha256 == hashlib.sha256(content).hexdigest()
    assert render.pages == len(PdfReader(render.file.path).pages)
    assert render.started_at <= render.finished_at
    assert str(render.file.name).startswith(f"pdf/final/{render.content_hash[:2]}/")
    verbs = list(history_of(render).order_by("at", "id").values_list("verb", "to_status"))
    assert verbs == [
        ("pdf_requested", ""),
        ("pdf_render_started", S.RENDERING),
        ("pdf_render_ready", S.READY),
    ]


def test_draft_render_depends_on_the_text(plan, django_capture_on_commit_callbacks):
    fill_drafts(plan, rich_sections())
    with django_capture_on_commit_callbacks() as callbacks:
        first = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
        same = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
        draft = SectionDraft.objects.filter(plan=plan).first()
        draft.body = "Changed text."
        draft.save()
        changed = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    assert first.pk == same.pk
    assert changed.pk != first.pk
    assert len(callbacks) == 2
    assert changed.content["sections"][0]["body"] == "Changed text."
    assert changed.version is None
    assert changed.kind == PdfRender.Kind.DRAFT


def test_draft_request_of_an_approved_unchanged_plan_gives_the_final_render(approved_version):
    fill_drafts(approved_version.plan, approved_version.sections)
    render = pdf_services.pdf_request_draft_render(plan=approved_version.plan, actor=None)
    assert render.kind == PdfRender.Kind.FINAL
    assert render.version == approved_version


def test_a_ten_thousand_row_table_fails_the_render_with_its_cause(plan, media_root):
    table = "| a | b |\n|---|---|\n" + "| x | y |\n" * 10_000
    sections = rich_sections()
    sections[0]["body"] = table
    fill_drafts(plan, sections)
    render = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    pdf_services.pdf_render_run(render_id=render.pk, task_id="t")
    render.refresh_from_db()
    assert render.status == S.FAILED
    # 10,001 rows of the section plus the document's own tables (financing, timeline, ...).
    assert re.fullmatch(
        r"The document is too complex to render: number of table rows 10\d{3} "
        r"\(the limit is 4000\)\.",
        render.error,
    )
    assert render.file.name == ""


def test_hostile_markup_in_a_section_renders_as_text(plan, media_root):
    sections = rich_sections()
    sections[0]["body"] = (
        '<table><tr><td colspan="65534">wide</td></tr></table>\n\n'
        + "> " * 500
        + "deep\n\n"
        + '<a rel="attachment" href="file:///etc/passwd">x</a> <img src="http://127.0.0.1:9/x">'
    )
    fill_drafts(plan, sections)
    render = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    pdf_services.pdf_render_run(render_id=render.pk, task_id="t")
    render.refresh_from_db()
    assert render.status == S.READY, render.error
    reader = PdfReader(render.file.path)
    assert reader.attachments == {}
    text = "".join(page.extract_text() for page in reader.pages)
    assert 'colspan="65534"' in text


def test_a_permanent_error_fails_at_once_with_the_cause(approved_version, monkeypatch):
    def broken(render):
        raise ValueError("template exploded")

    monkeypatch.setattr(pdf_document, "plan_document_html", broken)
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    render_pdf.apply(args=[render.pk])
    render.refresh_from_db()
    assert render.status == S.FAILED
    assert render.error == "ValueError: template exploded"
    assert render.attempts == 1


def test_soft_time_limit_fails_the_render_with_a_reason(approved_version, monkeypatch, settings):
    def slow(render):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(pdf_document, "plan_document_html", slow)
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    render_pdf.apply(args=[render.pk])
    render.refresh_from_db()
    assert render.status == S.FAILED
    assert render.error == (
        f"The render took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} seconds."
    )


def test_transient_errors_retry_then_succeed(approved_version, media_root, monkeypatch):
    real, calls = pdf_document.plan_document_html, []

    def flaky(render):
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("connection lost")
        return real(render)

    monkeypatch.setattr(pdf_document, "plan_document_html", flaky)
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    render_pdf.apply(args=[render.pk], task_id="task-1")
    render.refresh_from_db()
    assert render.status == S.READY
    assert len(calls) == 3
    retries = history_of(render).filter(verb="pdf_render_retry").count()
    assert retries == 2


def test_transient_errors_give_up_after_max_retries(approved_version, monkeypatch):
    def down(render):
        raise OperationalError("database away")

    monkeypatch.setattr(pdf_document, "plan_document_html", down)
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    render_pdf.apply(args=[render.pk], task_id="task-2")
    render.refresh_from_db()
    assert render.status == S.FAILED
    assert render.error == "Gave up after 5 tries. OperationalError: database away"


def test_retry_queues_a_failed_render_again(approved_version, django_capture_on_commit_callbacks):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    pdf_services.pdf_render_fail(render_id=render.pk, error="boom")
    with django_capture_on_commit_callbacks() as callbacks:
        again = pdf_services.pdf_retry(render=render, actor=None)
    assert again.pk == render.pk
    again.refresh_from_db()
    assert (again.status, again.error, again.attempts) == (S.QUEUED, "", 0)
    assert len(callbacks) == 1


def test_retry_of_a_render_that_has_not_failed_is_refused(approved_version):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    with nothing_changes(PdfRender), pytest.raises(TransitionNotAllowed):
        pdf_services.pdf_retry(render=render, actor=None)
    render.refresh_from_db()
    assert render.status == S.QUEUED


def test_a_duplicate_message_leaves_a_live_render_alone(approved_version, monkeypatch):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    PdfRender.objects.filter(pk=render.pk).update(
        status=S.RENDERING, task_id="first", attempts=1, started_at=timezone.now()
    )
    calls = []
    monkeypatch.setattr(pdf_document, "plan_document_html", lambda r: calls.append(r))
    assert pdf_services.pdf_render_run(render_id=render.pk, task_id="second") is None
    render.refresh_from_db()
    assert (render.status, render.attempts, calls) == (S.RENDERING, 1, [])


def test_a_redelivered_task_takes_over_until_the_attempts_run_out(approved_version, media_root):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    PdfRender.objects.filter(pk=render.pk).update(
        status=S.RENDERING, task_id="same", attempts=pdf_services.MAX_ATTEMPTS
    )
    assert pdf_services.pdf_render_run(render_id=render.pk, task_id="same") is None
    render.refresh_from_db()
    assert render.status == S.FAILED
    assert render.error == "Gave up after 3 attempts: the worker stopped each time."


def render_messages() -> list[list]:
    """The render tasks recorded in the outbox, waiting to be sent."""
    return list(
        OutboxTask.objects.filter(task="planning_docs.render_pdf")
        .order_by("id")
        .values_list("args", flat=True)
    )


def test_sweeper_requeues_a_render_whose_worker_died_while_attempts_remain(
    approved_version, settings
):
    now = timezone.now()
    hard = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    stuck = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    PdfRender.objects.filter(pk=stuck.pk).update(
        status=S.RENDERING,
        attempts=1,
        task_id="dead",
        started_at=now - hard - pdf_services.STUCK_GRACE - timedelta(seconds=1),
    )
    running = pdf_services.pdf_request_draft_render(plan=make_plan(), actor=None)
    PdfRender.objects.filter(pk=running.pk).update(status=S.RENDERING, started_at=now - hard)
    OutboxTask.objects.all().delete()  # the requests' own messages: sent already

    result = pdf_services.pdf_sweep_stuck(now=now)

    assert result == {"requeued": [stuck.pk], "failed": [], "resent": []}
    assert render_messages() == [[stuck.pk]]
    stuck.refresh_from_db()
    running.refresh_from_db()
    assert (stuck.status, stuck.attempts, stuck.queued_at) == (S.QUEUED, 1, now)
    assert running.status == S.RENDERING
    event = AuditEvent.objects.get(verb="pdf_render_requeued", object_id=stuck.pk)
    assert (event.from_status, event.to_status) == (S.RENDERING, S.QUEUED)


def test_sweeper_fails_a_stuck_render_after_its_last_attempt(approved_version, settings):
    now = timezone.now()
    hard = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    stuck = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    PdfRender.objects.filter(pk=stuck.pk).update(
        status=S.RENDERING,
        attempts=pdf_services.MAX_ATTEMPTS,
        started_at=now - hard - pdf_services.STUCK_GRACE - timedelta(seconds=1),
    )
    OutboxTask.objects.all().delete()

    result = pdf_services.pdf_sweep_stuck(now=now)

    assert result == {"requeued": [], "failed": [stuck.pk], "resent": []}
    assert render_messages() == []
    stuck.refresh_from_db()
    assert stuck.status == S.FAILED
    assert stuck.error == (
        "The render stopped without finishing 3 times (no result 240 seconds after it started)."
    )
    assert AuditEvent.objects.filter(verb="pdf_render_failed", object_id=stuck.pk).count() == 1


def test_sweeper_resends_renders_queued_for_too_long_once(approved_version):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    OutboxTask.objects.all().delete()
    PdfRender.objects.filter(pk=render.pk).update(
        queued_at=timezone.now() - pdf_services.REQUEUE_AFTER - timedelta(minutes=1)
    )
    result = pdf_services.pdf_sweep_stuck()
    assert result == {"requeued": [], "failed": [], "resent": [render.pk]}
    assert render_messages() == [[render.pk]]
    # The next sweep, a minute later, does not send it again.
    later = timezone.now() + timedelta(minutes=1)
    assert pdf_services.pdf_sweep_stuck(now=later) == {"requeued": [], "failed": [], "resent": []}
    assert render_messages() == [[render.pk]]


def test_a_render_queued_for_a_minute_can_be_sent_again_by_a_person(approved_version, trainee):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    OutboxTask.objects.all().delete()
    waited = timezone.now() - pdf_services.RESEND_AFTER - timedelta(seconds=1)
    PdfRender.objects.filter(pk=render.pk).update(queued_at=waited)
    render.refresh_from_db()
    assert pdf_services.pdf_resendable(render)

    pdf_services.pdf_retry(render=render, actor=trainee)

    render.refresh_from_db()
    assert render.status == S.QUEUED
    assert render.queued_at > waited
    assert render_messages() == [[render.pk]]
    assert AuditEvent.objects.get(verb="pdf_resend", object_id=render.pk).actor == trainee
    # Sent again just now: a second click is refused and sends nothing.
    with pytest.raises(TransitionNotAllowed):
        pdf_services.pdf_retry(render=render, actor=trainee)
    assert render_messages() == [[render.pk]]


def test_sweeper_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-pdf-renders"]
    assert entry["task"] == "planning_docs.sweep_pdf_renders"
    assert entry["schedule"] <= settings.CELERY_TASK_TIME_LIMIT * 2
