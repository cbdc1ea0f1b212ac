"""One person's draft renders are coalesced and capped; approvals never wait behind drafts."""

import time

import pytest
from django.db import transaction
from django.urls import reverse

from planning_docs.models import PdfRender, SectionDraft
from planning_docs.pdf import services as pdf_services
from tests.factories.planning_docs import make_plan
from tests.pdf.conftest import fill_drafts, rich_sections

S = PdfRender.Status


def _edit(plan, text: str) -> None:
    draft = SectionDraft.objects.filter(plan=plan).order_by("pk").first()
    draft.body = text
    draft.save()


@pytest.mark.django_db
def test_ten_quick_draft_requests_leave_one_render_waiting(
    plan, django_capture_on_commit_callbacks
):
    trainee = plan.enrolment.trainee
    renders = []
    with django_capture_on_commit_callbacks():
        for number in range(10):
            _edit(plan, f"Text, take {number}.")
            renders.append(pdf_services.pdf_request_draft_render(plan=plan, actor=trainee))
    assert len({r.pk for r in renders}) == 10
    waiting = PdfRender.objects.filter(kind=PdfRender.Kind.DRAFT, status=S.QUEUED)
    assert list(waiting) == [renders[-1]]
    replaced = PdfRender.objects.filter(pk__in=[r.pk for r in renders[:-1]])
    assert {(r.status, r.error) for r in replaced} == {
        (S.FAILED, "Replaced by a newer request for the current text.")
    }
    # A worker that meets a replaced render's message has nothing to do.
    assert pdf_services.pdf_render_run(render_id=renders[0].pk, task_id="late") is None


@pytest.mark.django_db
def test_asking_again_for_the_same_text_is_the_same_render(plan):
    trainee = plan.enrolment.trainee
    first = pdf_services.pdf_request_draft_render(plan=plan, actor=trainee)
    again = pdf_services.pdf_request_draft_render(plan=plan, actor=trainee)
    assert again.pk == first.pk
    first.refresh_from_db()
    assert first.status == S.QUEUED


@pytest.mark.django_db
def test_a_person_has_at_most_three_drafts_under_way(client, lead_expert):
    plans = [make_plan(lead=lead_expert) for _ in range(4)]
    requested = [
        pdf_services.pdf_request_draft_render(plan=plan, actor=lead_expert) for plan in plans[:3]
    ]
    PdfRender.objects.filter(pk=requested[0].pk).update(status=S.RENDERING)
    client.force_login(lead_expert)
    url = reverse("planning_docs_pdf:plan-pdf", args=[plans[3].pk])
    refused = client.post(url)
    assert refused.status_code == 429
    assert "You have 3 draft PDFs in preparation already" in refused.content.decode()
    assert not PdfRender.objects.filter(plan=plans[3]).exists()
    # Another person is not held up by this one's cap.
    trainee = plans[3].enrolment.trainee
    assert pdf_services.pdf_request_draft_render(plan=plans[3], actor=trainee).status == S.QUEUED
    # Once one of the three is done, the expert may ask again (for other text than the trainee's).
    PdfRender.objects.filter(pk=requested[0].pk).update(status=S.FAILED)
    _edit(plans[3], "The expert's reading.")
    assert client.post(url).status_code == 302
    assert PdfRender.objects.filter(plan=plans[3], requested_by=lead_expert).exists()


@pytest.mark.django_db
def test_a_new_request_replaces_a_waiting_draft_of_the_same_plan_even_at_the_cap(lead_expert):
    plans = [make_plan(lead=lead_expert) for _ in range(3)]
    for plan in plans:
        pdf_services.pdf_request_draft_render(plan=plan, actor=lead_expert)
    _edit(plans[0], "Newer text.")
    newer = pdf_services.pdf_request_draft_render(plan=plans[0], actor=lead_expert)
    assert newer.status == S.QUEUED
    assert PdfRender.objects.filter(requested_by=lead_expert, status=S.QUEUED).count() == 3


def test_drafts_are_sent_with_the_lowest_priority_and_approvals_with_the_highest():
    assert pdf_services.render_priority(PdfRender.Kind.DRAFT) == 9
    for kind in (PdfRender.Kind.FINAL, PdfRender.Kind.CERTIFICATE, PdfRender.Kind.COMPENDIUM):
        assert pdf_services.render_priority(kind) == 0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_approval_is_rendered_before_drafts_queued_earlier(own_worker, approved_version):
    """On Redis, with a real worker: drafts wait at the back however early they came."""
    draft_plan = make_plan()
    fill_drafts(draft_plan, rich_sections())
    drafts = []
    for number in range(3):
        _edit(draft_plan, f"Draft text, take {number}.")
        with transaction.atomic():
            drafts.append(pdf_services.pdf_request_draft_render(plan=draft_plan, actor=None))
    with transaction.atomic():
        final = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    _worker, log = own_worker()  # starts with all four messages waiting
    deadline = time.monotonic() + 120
    everything = [final, *drafts]
    while time.monotonic() < deadline:
        for render in everything:
            render.refresh_from_db()
        if all(r.status in (S.READY, S.FAILED) for r in everything):
            break
        time.sleep(0.2)
    assert {r.status for r in everything} == {S.READY}, log.read_text()
    assert final.started_at < min(d.started_at for d in drafts)
