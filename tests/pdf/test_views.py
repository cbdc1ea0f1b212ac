"""/plans/<id>/pdf/ and the other PDF pages, for every role."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from ecotown.core.models import OutboxTask
from planning_docs.models import PdfRender
from planning_docs.pdf import services as pdf_services
from tests.factories.core import CoordinatorFactory, ExpertFactory, TraineeFactory, UserFactory
from tests.factories.planning_docs import make_plan

pytestmark = pytest.mark.django_db
S = PdfRender.Status


def pdf_url(plan):
    return reverse("planning_docs_pdf:plan-pdf", args=[plan.pk])


@pytest.fixture
def ready_render(approved_version, media_root):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    return pdf_services.pdf_render_run(render_id=render.pk, task_id="t")


def test_url_is_the_stable_one(plan):
    assert pdf_url(plan) == f"/plans/{plan.pk}/pdf/"


@pytest.mark.parametrize("who", ["trainee", "lead", "coordinator", "admin"])
def test_people_of_the_plan_get_the_ready_pdf(client, ready_render, who):
    plan = ready_render.plan
    user = {
        "trainee": plan.enrolment.trainee,
        "lead": plan.assignments.get().expert,
        "coordinator": CoordinatorFactory(),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }[who]
    client.force_login(user)
    response = client.get(pdf_url(plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert len(body) == ready_render.size
    username = plan.enrolment.trainee.username
    assert response["Content-Disposition"] == (
        f'inline; filename="ecotown-plan-cn-{username}-v1.pdf"; '
        f"filename*=UTF-8''{quote('ecotown-plan-cn-王芳-v1.pdf')}"
    )


@pytest.mark.parametrize("who", ["other_trainee", "other_expert", "no_role"])
def test_strangers_get_404_for_get_and_post(client, ready_render, who):
    user = {"other_trainee": TraineeFactory, "other_expert": ExpertFactory, "no_role": UserFactory}[
        who
    ]()
    make_plan(lead=user if who == "other_expert" else None)  # they have plans of their own
    client.force_login(user)
    assert client.get(pdf_url(ready_render.plan)).status_code == 404
    assert client.post(pdf_url(ready_render.plan)).status_code == 404
    assert (
        client.get(reverse("planning_docs_pdf:render-file", args=[ready_render.pk])).status_code
        == 404
    )
    assert PdfRender.objects.count() == 1


def test_anonymous_is_sent_to_sign_in(client, plan):
    response = client.get(pdf_url(plan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_without_any_render_the_page_offers_one(client, plan):
    client.force_login(plan.enrolment.trainee)
    response = client.get(pdf_url(plan))
    assert response.status_code == 200
    assert b"No PDF has been made yet." in response.content
    assert b"Render the current text" in response.content


def test_post_queues_a_draft_render_and_shows_its_status(
    client, plan, django_capture_on_commit_callbacks
):
    client.force_login(plan.enrolment.trainee)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(pdf_url(plan))
    render = PdfRender.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("planning_docs_pdf:render-status", args=[render.pk])
    assert (render.kind, render.status, render.requested_by) == (
        PdfRender.Kind.DRAFT,
        S.QUEUED,
        plan.enrolment.trainee,
    )
    assert len(callbacks) == 1
    page = client.get(pdf_url(plan))
    assert page.status_code == 200
    assert b"Waiting for a worker" in page.content
    assert b'hx-trigger="every 2s"' in page.content
    assert b'<meta http-equiv="refresh" content="5">' in page.content


def test_a_render_waiting_for_a_minute_offers_try_again_which_sends_it_again(client, plan):
    render = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    client.force_login(plan.enrolment.trainee)
    retry_url = reverse("planning_docs_pdf:render-retry", args=[render.pk])
    assert retry_url.encode() not in client.get(pdf_url(plan)).content  # queued just now
    OutboxTask.objects.all().delete()  # its message went to the broker, and was lost
    waited = timezone.now() - pdf_services.RESEND_AFTER - timedelta(seconds=1)
    PdfRender.objects.filter(pk=render.pk).update(queued_at=waited)
    page = client.get(pdf_url(plan))
    assert retry_url.encode() in page.content
    assert b"Still waiting after a minute" in page.content

    response = client.post(retry_url)

    assert response.status_code == 302
    render.refresh_from_db()
    assert render.status == S.QUEUED
    assert render.queued_at > waited
    assert list(OutboxTask.objects.values_list("task", "args")) == [
        ("planning_docs.render_pdf", [render.pk])
    ]


def test_the_experts_of_the_plan_may_ask_for_a_render(client, plan):
    client.force_login(plan.assignments.get().expert)
    assert client.post(pdf_url(plan)).status_code == 302
    assert PdfRender.objects.filter(plan=plan, kind=PdfRender.Kind.DRAFT).count() == 1


def test_htmx_polling_gets_the_partial_which_stops_polling_once_ready(client, ready_render):
    client.force_login(ready_render.plan.enrolment.trainee)
    url = reverse("planning_docs_pdf:render-status", args=[ready_render.pk])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"hx-trigger" not in response.content
    assert b"Open the PDF" in response.content


def test_a_failed_render_shows_its_cause_and_a_retry_button(
    client, plan, django_capture_on_commit_callbacks
):
    render = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    pdf_services.pdf_render_fail(render_id=render.pk, error="The document is too large.")
    client.force_login(plan.enrolment.trainee)
    page = client.get(pdf_url(plan))
    assert b"The render failed." in page.content
    assert b"The document is too large." in page.content
    retry = reverse("planning_docs_pdf:render-retry", args=[render.pk])
    assert retry.encode() in page.content
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(retry)
    assert response.status_code == 302
    render.refresh_from_db()
    assert (render.status, render.error) == (S.QUEUED, "")
    assert len(callbacks) == 1


def test_retrying_a_render_that_did_not_fail_changes_nothing(client, ready_render):
    client.force_login(ready_render.plan.enrolment.trainee)
    response = client.post(
        reverse("planning_docs_pdf:render-retry", args=[ready_render.pk]), follow=True
    )
    assert b"Cannot move from Ready to Queued." in response.content
    ready_render.refresh_from_db()
    assert ready_render.status == S.READY


def test_certificate_is_issued_by_coordinators_only(client, approved_version, media_root):
    plan = approved_version.plan
    url = reverse("planning_docs_pdf:plan-certificate", args=[plan.pk])
    client.force_login(plan.enrolment.trainee)
    assert client.post(url).status_code == 403  # may see the certificate, may not issue it
    assert client.get(url).status_code == 200
    client.force_login(CoordinatorFactory())
    response = client.post(url)
    render = PdfRender.objects.get(kind=PdfRender.Kind.CERTIFICATE)
    assert response.status_code == 302
    pdf_services.pdf_render_run(render_id=render.pk, task_id="t")
    client.force_login(plan.enrolment.trainee)
    download = client.get(url)
    assert download["Content-Type"] == "application/pdf"
    assert "ecotown-certificate-cn-" in download["Content-Disposition"]


def test_no_certificate_before_approval(client, plan):
    client.force_login(CoordinatorFactory())
    response = client.post(reverse("planning_docs_pdf:plan-certificate", args=[plan.pk]))
    assert response.status_code == 409
    assert b"A certificate is issued once the plan is approved." in response.content
    assert not PdfRender.objects.exists()


def test_compendium_is_for_coordinators(client, approved_version):
    seminar = approved_version.plan.enrolment.seminar
    url = reverse("planning_docs_pdf:seminar-compendium", args=[seminar.pk])
    for user in (
        approved_version.plan.enrolment.trainee,
        approved_version.plan.assignments.get().expert,
    ):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert not PdfRender.objects.exists()
    client.force_login(CoordinatorFactory())
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert PdfRender.objects.filter(kind=PdfRender.Kind.COMPENDIUM).count() == 1


def test_the_pdf_permission_agrees_with_the_plan_selector(plan):
    from planning_docs.pdf import rules  # noqa: F401 - registers the permissions
    from planning_docs.selectors import plans_for_user

    others = [TraineeFactory(), ExpertFactory(), UserFactory(), CoordinatorFactory()]
    people = [plan.enrolment.trainee, plan.assignments.get().expert, *others]
    for user in people:
        visible = plans_for_user(user).filter(pk=plan.pk).exists()
        assert user.has_perm("planning_docs.view_plan_pdf", plan) == visible, user


def test_an_approved_plan_serves_its_approved_document_over_a_newer_draft(client, ready_render):
    plan = ready_render.plan
    SectionDraft = plan.drafts.model
    SectionDraft.objects.filter(plan=plan).update(body="Edited after approval.")
    draft = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    pdf_services.pdf_render_run(render_id=draft.pk, task_id="d")
    draft.refresh_from_db()
    assert draft.status == S.READY
    assert draft.finished_at > ready_render.finished_at
    client.force_login(plan.enrolment.trainee)
    response = client.get(pdf_url(plan))
    assert response["ETag"] == f'"{ready_render.sha256}"'
    assert (
        client.get(reverse("planning_docs_pdf:render-file", args=[draft.pk]))["ETag"]
        == f'"{draft.sha256}"'
    )
