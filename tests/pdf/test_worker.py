"""Renders on real Celery workers through Redis: end to end, a killed worker, time limits."""

import os
import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from ecotown.core.workflow import history_of
from planning_docs.models import PdfRender
from planning_docs.pdf import services as pdf_services
from tests.pdf.conftest import fill_drafts, rich_sections
from tests.pdf.test_compendium import approved_plans
from tests.worker import start_worker, stop_worker, wait_until_ready, worker_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]
S = PdfRender.Status
# A long table makes a render take seconds: long enough to kill the worker in the middle.
SLOW_BODY = "| item | value |\n|---|---|\n" + "| row | 12345 |\n" * 3000


def wait_for(render: PdfRender, statuses, timeout: float = 90) -> PdfRender:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        render.refresh_from_db()
        if render.status in statuses:
            return render
        time.sleep(0.1)
    raise AssertionError(f"render {render.pk} still {render.status} after {timeout}s")


def pool_children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children]


def test_an_approved_version_renders_on_a_real_worker_and_is_served(
    own_worker, approved_version, client
):
    own_worker()
    with transaction.atomic():
        render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    started = time.monotonic()
    render = wait_for(render, {S.READY, S.FAILED})
    assert render.status == S.READY, render.error
    assert time.monotonic() - started < 30
    assert render.seconds is not None
    client.force_login(approved_version.plan.enrolment.trainee)
    response = client.get(reverse("planning_docs_pdf:plan-pdf", args=[approved_version.plan.pk]))
    reader = PdfReader(__import__("io").BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) == render.pages
    assert reader.metadata.title == approved_version.title


def test_a_compendium_renders_through_its_chord_on_a_real_worker(approved_version, tmp_path):
    """The request records one task; a worker sends the chord (the plans in parallel, then the
    assembly), which needs no stored task result but the chord's own counter."""
    seminar = approved_version.plan.enrolment.seminar
    approved_plans(seminar, 1)
    log = tmp_path / "worker.log"
    worker = start_worker(worker_env(), log, "-Q", "celery")
    try:
        wait_until_ready(worker, log)
        with transaction.atomic():
            render = pdf_services.pdf_queue_compendium(seminar=seminar, actor=None)
        render = wait_for(render, {S.READY, S.FAILED}, timeout=180)
    finally:
        stop_worker(worker)
    assert render.status == S.READY, render.error + log.read_text()
    members = PdfRender.objects.filter(pk__in=render.content["members"])
    assert [m.status for m in members] == [S.READY, S.READY]
    assert render.pages == sum(m.pages for m in members) + 2  # the cover and the index


def test_a_killed_worker_child_is_replaced_and_the_render_completes(own_worker, plan):
    worker, log = own_worker()
    sections = rich_sections()
    sections[0]["body"] = SLOW_BODY
    fill_drafts(plan, sections)
    with transaction.atomic():
        render = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    render = wait_for(render, {S.RENDERING, S.READY, S.FAILED}, timeout=30)
    assert render.status == S.RENDERING
    (child,) = pool_children(worker.pid)
    os.kill(child, signal.SIGKILL)

    render = wait_for(render, {S.READY, S.FAILED}, timeout=120)
    assert render.status == S.READY, render.error + log.read_text()
    assert render.attempts == 2
    verbs = list(history_of(render).order_by("at", "id").values_list("verb", flat=True))
    assert verbs == [
        "pdf_requested",
        "pdf_render_started",
        "pdf_render_restarted",
        "pdf_render_ready",
    ]
    assert "WorkerLostError" in log.read_text() or "exited with" in log.read_text()
    assert not PdfRender.objects.filter(status=S.RENDERING).exists()


@pytest.mark.parametrize("send_options", [{"soft_time_limit": 1, "time_limit": 20}])
def test_the_soft_time_limit_fails_a_slow_render_with_its_cause(own_worker, plan, settings):
    # The limits travel in the message, from the sender's settings; here, one second.
    settings.CELERY_TASK_SOFT_TIME_LIMIT = 1
    _worker, log = own_worker(CELERY_TASK_SOFT_TIME_LIMIT="1", CELERY_TASK_TIME_LIMIT="20")
    sections = rich_sections()
    sections[0]["body"] = SLOW_BODY
    fill_drafts(plan, sections)
    with transaction.atomic():
        render = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    started = time.monotonic()
    render = wait_for(render, {S.READY, S.FAILED}, timeout=60)
    assert render.status == S.FAILED, log.read_text()
    assert render.error == "The render took longer than 1 seconds."
    assert time.monotonic() - started < 20
    assert render.file.name == ""


def test_a_render_whose_whole_worker_was_killed_completes_once_without_a_person(
    own_worker, plan, settings
):
    """A whole worker killed (a machine lost): its message comes back only after Redis's
    visibility timeout, so the sweeper queues the render again past the hard limit; another
    worker renders it, and the dead worker's message, run again, then finds it done."""
    worker, _log = own_worker()
    sections = rich_sections()
    sections[0]["body"] = SLOW_BODY
    fill_drafts(plan, sections)
    with transaction.atomic():
        render = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    render = wait_for(render, {S.RENDERING}, timeout=30)
    dead_task = render.task_id
    for pid in [*pool_children(worker.pid), worker.pid]:
        os.kill(pid, signal.SIGKILL)
    worker.wait(timeout=10)
    time.sleep(1)
    render.refresh_from_db()
    assert render.status == S.RENDERING  # nobody is left to finish it
    assert pdf_services.pdf_sweep_stuck()["requeued"] == []  # not yet past the hard limit

    # Another worker takes the render the sweeper queued again.
    _second, log = own_worker(CELERY_TASK_TIME_LIMIT="8")
    later = render.started_at + timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    result = pdf_services.pdf_sweep_stuck(now=later + pdf_services.STUCK_GRACE * 2)
    assert result == {"requeued": [render.pk], "failed": [], "resent": []}
    render = wait_for(render, {S.READY, S.FAILED}, timeout=120)
    assert render.status == S.READY, render.error + log.read_text()
    assert render.attempts == 2
    done = (render.sha256, render.file.name, render.finished_at)

    # The dead worker's message, when Redis redelivers it, does nothing. When Redis gives it back
    # depends on the broker's restore timing, which the suite must not wait on: the message's
    # own work is run here, with its task id, as the worker that takes it would run it.
    assert pdf_services.pdf_render_run(render_id=render.pk, task_id=dead_task) is None
    render.refresh_from_db()
    assert (render.status, render.attempts) == (S.READY, 2)
    assert (render.sha256, render.file.name, render.finished_at) == done
    verbs = list(history_of(render).order_by("at", "id").values_list("verb", flat=True))
    assert verbs == [
        "pdf_requested",
        "pdf_render_started",
        "pdf_render_requeued",
        "pdf_render_started",
        "pdf_render_ready",
    ]
    assert not PdfRender.objects.filter(status=S.RENDERING).exists()
