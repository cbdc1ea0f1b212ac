"""The seminar compendium (cover, index, every approved plan) and the certificate."""

import io
import os
import shutil

import pytest
from django.urls import reverse
from pypdf import PdfReader

from planning_docs.models import PdfRender
from planning_docs.pdf import services as pdf_services
from tests.factories.core import CoordinatorFactory, ExpertFactory
from tests.factories.planning_docs import PlanVersionFactory, make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory, TraineeProfileFactory
from tests.pdf.conftest import approve, pdftotext, rich_sections
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def approved_plans(seminar, count: int):
    versions = []
    for index in range(count):
        profile = TraineeProfileFactory(country=["KE", "VN", "EG"][index % 3])
        enrolment = AcceptedEnrolmentFactory(trainee=profile.user, seminar=seminar)
        expert = ExpertFactory()
        plan = make_plan(enrolment=enrolment, lead=expert, title=f"Plan number {index + 1}")
        version = PlanVersionFactory(
            plan=plan, number=1, title=plan.title, sections=rich_sections()
        )
        approve(plan, expert)
        versions.append(version)
    return versions


def test_compendium_merges_cover_index_and_every_approved_plan(
    approved_version, media_root, tmp_path, django_capture_on_commit_callbacks
):
    seminar = approved_version.plan.enrolment.seminar
    versions = [approved_version, *approved_plans(seminar, 2)]
    make_plan(enrolment=AcceptedEnrolmentFactory(seminar=seminar))  # a draft plan: left out
    with django_capture_on_commit_callbacks() as callbacks:
        render = pdf_services.pdf_queue_compendium(seminar=seminar, actor=None)
    assert len(callbacks) == 1  # one chord: the plans in parallel, then the assembly
    members = PdfRender.objects.filter(kind=PdfRender.Kind.FINAL)
    assert members.count() == 3
    assert sorted(render.content["members"]) == sorted(members.values_list("pk", flat=True))
    for member in members:
        pdf_services.pdf_render_run(render_id=member.pk, task_id="m")
    pdf_services.pdf_render_run(render_id=render.pk, task_id="c")
    render.refresh_from_db()
    assert render.status == PdfRender.Status.READY, render.error

    reader = PdfReader(render.file.path)
    member_pages = sum(m.pages for m in members.all())
    assert render.pages == len(reader.pages)
    front_pages = render.pages - member_pages
    assert front_pages == 2
    assert reader.metadata.title == seminar.title
    outline = [item.title for item in reader.outline]
    assert len(outline) == 3
    assert {title.split(": ", 1)[1] for title in outline} == {v.title for v in versions}
    path = tmp_path / "compendium.pdf"
    path.write_bytes(render.file.read())
    if os.environ.get("KEEP_PDF"):
        shutil.copy(path, os.environ["KEEP_PDF"] + ".compendium.pdf")
    index = pdftotext(path).split("\f")[1]
    first = next(m for m in members.order_by("pk"))  # whose plan comes first is by name
    assert "Index" in index
    assert f"{front_pages + 1}\n" in index + "\n"
    assert first.version.title in index


def test_the_compendium_s_cover_and_index_speak_the_language_asked_for(
    client, approved_version, media_root, tmp_path
):
    seminar = approved_version.plan.enrolment.seminar
    url = reverse("planning_docs_pdf:seminar-compendium", args=[seminar.pk])
    client.force_login(CoordinatorFactory(language="fr"))
    page = client.get(url, {"status": ""}).content.decode()
    assert '<option value="fr" selected>français</option>' in page  # theirs by default
    assert client.post(url, {"language": "fr"}).status_code == 302
    french = PdfRender.objects.get(kind=PdfRender.Kind.COMPENDIUM)
    assert french.content["language"] == "fr"
    # English is another render of the same plans; French asked again is the same one.
    english = pdf_services.pdf_queue_compendium(seminar=seminar, actor=None, language="en")
    assert english.content_hash != french.content_hash
    assert pdf_services.pdf_queue_compendium(seminar=seminar, actor=None, language="fr") == french
    member = PdfRender.objects.get(kind=PdfRender.Kind.FINAL)
    pdf_services.pdf_render_run(render_id=member.pk, task_id="m")
    pdf_services.pdf_render_run(render_id=french.pk, task_id="c")
    french.refresh_from_db()
    member.refresh_from_db()
    assert french.status == PdfRender.Status.READY, french.error
    path = tmp_path / "compendium-fr.pdf"
    path.write_bytes(french.file.read())
    pages = pdftotext(path).split("\f")
    front = " ".join(" ".join(pages[: french.pages - member.pages]).split())
    assert "Recueil des documents de planification approuvés" in front
    for label in ("Stagiaire", "Pays", "Index"):
        assert label in front
    assert "Trainee" not in front and "Country" not in front
    response = client.get(reverse("planning_docs_pdf:render-file", args=[french.pk]))
    assert "ecotown-compendium-" in response["Content-Disposition"]
    assert "-fr-" in response["Content-Disposition"]
    # With an English one made after it, each reader is handed the one in their language.
    pdf_services.pdf_render_run(render_id=english.pk, task_id="e")
    english.refresh_from_db()
    assert english.status == PdfRender.Status.READY and english.finished_at > french.finished_at
    assert "-fr-" in client.get(url)["Content-Disposition"]
    client.force_login(CoordinatorFactory(language="en"))
    assert "-en-" in client.get(url)["Content-Disposition"]


def test_a_compendium_in_a_language_the_portal_does_not_speak_is_refused(client, approved_version):
    seminar = approved_version.plan.enrolment.seminar
    client.force_login(CoordinatorFactory())
    url = reverse("planning_docs_pdf:seminar-compendium", args=[seminar.pk])
    with nothing_changes(PdfRender):
        assert client.post(url, {"language": "de"}).status_code == 400


def test_compendium_of_a_seminar_without_approved_plans_is_refused(plan):
    with nothing_changes(PdfRender), pytest.raises(pdf_services.NotRenderable):
        pdf_services.pdf_queue_compendium(seminar=plan.enrolment.seminar, actor=None)
    assert not PdfRender.objects.exists()


def test_compendium_fails_with_the_names_of_plans_that_failed(approved_version, media_root):
    seminar = approved_version.plan.enrolment.seminar
    render = pdf_services.pdf_queue_compendium(seminar=seminar, actor=None)
    member = PdfRender.objects.get(kind=PdfRender.Kind.FINAL)
    pdf_services.pdf_render_fail(render_id=member.pk, error="boom")
    pdf_services.pdf_render_run(render_id=render.pk, task_id="c")
    render.refresh_from_db()
    assert render.status == PdfRender.Status.FAILED
    assert render.error == "The plans of 王芳 could not be rendered; retry them first."


def test_certificate_names_the_trainee_seminar_and_plan(approved_version, media_root, tmp_path):
    render = pdf_services.pdf_request_certificate(plan=approved_version.plan, actor=None)
    pdf_services.pdf_render_run(render_id=render.pk, task_id="t")
    render.refresh_from_db()
    assert render.status == PdfRender.Status.READY, render.error
    path = tmp_path / "certificate.pdf"
    path.write_bytes(render.file.read())
    if os.environ.get("KEEP_PDF"):
        shutil.copy(path, os.environ["KEEP_PDF"] + ".certificate.pdf")
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert render.pages == 1
    assert reader.metadata.title == "Certificate of completion · 王芳"
    text = pdftotext(path)
    assert "王芳" in text
    assert approved_version.plan.enrolment.seminar.title in text
    assert approved_version.title in text
    assert "DRAFT" not in text
    again = pdf_services.pdf_request_certificate(plan=approved_version.plan, actor=None)
    assert again.pk == render.pk
