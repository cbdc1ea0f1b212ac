"""The approved PDF shows the plan's figures (read from the storage by the renderer, numbered, in
a list of figures) and appends its annexes, defused, listed in the contents."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from ecotown.core.pdf import StaticOnlyURLFetcher, URLRefused
from ecotown.core.pdf_files import stored_file_url
from planning_docs.attachments import annex_add, figure_add
from planning_docs.demo_attachments import site_map_png, text_pdf
from planning_docs.models import PdfRender
from planning_docs.pdf import services as pdf_services
from planning_docs.pdf.attachments import plan_document_pdf
from planning_docs.services import plan_approve, plan_submit, section_save
from tests.factories.planning_docs import fill_plan, make_plan
from tests.pdf.conftest import pdftotext
from tests.planning_docs.test_annexes import active_pdf, assert_no_active_content

pytestmark = pytest.mark.django_db


def approved_with_figure_and_annex():
    plan = fill_plan(make_plan(title="Ziya pilot"))
    trainee, expert = plan.enrolment.trainee, plan.assignments.get().expert
    figure = figure_add(
        plan=plan,
        content=site_map_png(),
        name="site.png",
        declared_type="image/png",
        caption="Site plan of the park",
        alt="Five plots along two roads",
        actor=trainee,
    )
    draft = plan.drafts.get(section__key="pilot-site-and-scope")
    body = f"The site.\n\n{figure.reference}\n\nAs ![](figure:{figure.pk}) shows, plots A to E."
    section_save(draft=draft, body=body, rows=None, revision=draft.revision, actor=trainee)
    annex_add(plan=plan, content=active_pdf(), title="Letter of intent", actor=trainee)
    annex_add(plan=plan, content=text_pdf(["Feasibility"], pages=2), title="Study", actor=trainee)
    version = plan_submit(plan=plan, actor=trainee)
    plan_approve(plan=plan, version=version, actor=expert, note="")
    return plan, version


def test_the_approved_pdf_shows_its_figures_and_appends_its_annexes_defused(media_root, tmp_path):
    _plan, version = approved_with_figure_and_annex()
    render = PdfRender.objects.get(version=version, kind=PdfRender.Kind.FINAL)
    render = pdf_services.pdf_render_run(render_id=render.pk)
    assert render is not None and render.status == PdfRender.Status.READY, render
    path = tmp_path / "plan.pdf"
    content = render.file.open("rb").read()
    path.write_bytes(content)
    text = pdftotext(path)
    flat = " ".join(text.split())

    assert "List of figures" in text
    assert "Figure 1: Site plan of the park" in flat
    assert "As Figure 1 shows, plots A to E." in flat
    reader = PdfReader(io.BytesIO(content))
    assert any(page.images for page in reader.pages), "the figure is drawn"
    # The contents name both annexes with the page each starts on: the last three pages.
    assert render.pages == len(reader.pages)
    first_annex_page = render.pages - 2
    pages_text = [page.extract_text() for page in reader.pages]
    assert "Letter of intent" in pages_text[first_annex_page - 1]
    assert "Feasibility" in pages_text[-1] and "Page 2" in pages_text[-1]
    toc_line = next(line for line in text.splitlines() if "Annex 1: Letter of intent" in line)
    assert toc_line.split()[-1] == str(first_annex_page)
    # The plan's own document keeps its tags and metadata; the annex lost what acts.
    assert reader.metadata.title == "Ziya pilot"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert_no_active_content(content)


def test_the_renderer_reads_only_the_stored_files_it_is_given():
    fetcher = StaticOnlyURLFetcher(frozenset({"figures/ab/ab.png"}))
    for name in ("figures/cd/cd.png", "figures/ab/../ab/ab.png", "annexes/ab/ab.pdf"):
        with pytest.raises(URLRefused):
            fetcher.fetch(stored_file_url(name))
    assert fetcher.served == []


def test_trainee04s_approved_demo_pdf_shows_the_site_map_the_process_flow_and_the_letter(
    settings, tmp_path
):
    settings.DEBUG, settings.MEDIA_ROOT = True, tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    render = PdfRender.objects.get(
        plan__enrolment__trainee__username="trainee04", kind=PdfRender.Kind.FINAL
    )
    assert [f["caption"][:9] for f in render.version.attachments["figures"]] == [
        "Site plan",
        "From dere",
    ]
    content, pages = plan_document_pdf(render)
    path = tmp_path / "demo.pdf"
    path.write_bytes(content)
    text = " ".join(pdftotext(path).split())
    assert "Figure 1: Site plan of the pilot in the Ziya Circular Economy Industrial Park" in text
    assert "Figure 2: From deregistered vehicles to kiln fuel: the recycling chain" in text
    assert "Annex 1: Letter of intent" in text
    last = PdfReader(io.BytesIO(content)).pages[pages - 1].extract_text()
    assert "LETTER OF INTENT" in last
