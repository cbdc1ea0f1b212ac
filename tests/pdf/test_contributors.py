"""The PDF's cover names who wrote the plan: the trainee and the co-authors who wrote in it."""

import pytest

from ecotown.core import pdf
from planning_docs.pdf import document as pdf_document
from planning_docs.pdf import services as pdf_services
from planning_docs.services import plan_submit, section_save
from tests.factories.core import UserFactory
from tests.factories.planning_docs import add_coauthor, fill_plan, make_plan
from tests.pdf.conftest import pdftotext

pytestmark = pytest.mark.django_db


def cover_text(render, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf.render_pdf(pdf_document.plan_document_html(render)).content)
    cover = pdftotext(path).split("\f")[0]
    return " ".join(cover.split())


@pytest.fixture
def written_plan():
    """A filled plan with two co-authors: Awa Diallo wrote a section, Moussa Ba wrote none."""
    plan = make_plan()
    owner = plan.enrolment.trainee
    owner.first_name, owner.last_name = "Aminata", "Sow"
    owner.save()
    fill_plan(plan)
    writer = add_coauthor(plan, UserFactory(first_name="Awa", last_name="Diallo"))
    add_coauthor(plan, UserFactory(first_name="Moussa", last_name="Ba"))
    draft = plan.drafts.select_related("section").get(section__key="risks")
    section_save(draft=draft, body="Floods close the landfill.", revision=1, actor=writer)
    return plan


def test_the_final_cover_lists_the_trainee_and_the_coauthor_who_wrote(
    written_plan, media_root, tmp_path
):
    version = plan_submit(plan=written_plan, actor=written_plan.enrolment.trainee)
    render = pdf_services.pdf_queue_final_render(version=version, actor=None)
    cover = cover_text(render, tmp_path)
    assert "Contributors Aminata Sow, Awa Diallo (co-author)" in cover
    assert "Moussa Ba" not in cover


def test_the_draft_cover_lists_them_too(written_plan, media_root, tmp_path):
    render = pdf_services.pdf_request_draft_render(plan=written_plan, actor=None)
    cover = cover_text(render, tmp_path)
    assert "Contributors Aminata Sow, Awa Diallo (co-author)" in cover
    assert "Moussa Ba" not in cover


def test_a_plan_without_coauthors_names_its_trainee_alone(media_root, tmp_path):
    plan = fill_plan(make_plan())
    owner = plan.enrolment.trainee
    render = pdf_services.pdf_request_draft_render(plan=plan, actor=None)
    cover = cover_text(render, tmp_path)
    assert f"Contributors {owner.first_name} {owner.last_name}" in cover
    assert "(co-author)" not in cover
