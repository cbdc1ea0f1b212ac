"""The plan as a document: real WeasyPrint output read back with pypdf and poppler-utils."""

import io
import os
import shutil

import pytest
from pypdf import PdfReader

from ecotown.core import pdf
from planning_docs.models import PdfRender
from planning_docs.pdf import document as pdf_document
from planning_docs.pdf import services as pdf_services
from tests.pdf.conftest import SCRIPTS, fill_drafts, pdffonts, pdftotext, rich_sections

pytestmark = pytest.mark.django_db


def render_to_file(render: PdfRender, tmp_path):
    html = pdf_document.plan_document_html(render)
    result = pdf.render_pdf(html)
    path = tmp_path / "plan.pdf"
    path.write_bytes(result.content)
    if os.environ.get("KEEP_PDF"):
        shutil.copy(path, os.environ["KEEP_PDF"])
    return result, path


def test_final_render_has_cover_contents_every_section_and_sign_off(
    approved_version, media_root, tmp_path
):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    result, path = render_to_file(render, tmp_path)

    reader = PdfReader(io.BytesIO(result.content))
    text = pdftotext(path)
    assert reader.metadata.title == "天津 eco-town"
    assert reader.metadata.author == "王芳"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    assert reader.attachments == {}
    assert len(reader.pages) == result.pages
    assert result.pages >= 6
    for section in approved_version.sections:
        assert section["title"] in text
    assert "Contents" in text
    assert "Sign-off" in text
    assert approved_version.content_hash[:0] == ""  # the version's own hash is not ours
    assert render.content_hash in text.replace("\n", "").replace(" ", "")
    assert "DRAFT" not in text
    assert "Page 1 of" not in text  # the cover has no footer
    assert f"Page 2 of {result.pages}" in text


def test_every_script_is_drawn_with_an_embedded_noto_font(approved_version, media_root, tmp_path):
    render = pdf_services.pdf_queue_final_render(version=approved_version, actor=None)
    _result, path = render_to_file(render, tmp_path)
    # pdftotext splits some Indic clusters; pypdf reads them whole. Either must find each sample.
    text = pdftotext(path) + "".join(page.extract_text() for page in PdfReader(path).pages)
    fonts = pdffonts(path)
    for name, sample in SCRIPTS.items():
        word = sample.split()[0].rstrip(":")
        # Khmer and Tibetan clusters are reordered by text extraction: their first letter must
        # be there, and their fonts embedded (below); the glyphs were checked as images.
        assert (word[0] if name in {"khmer", "tibetan"} else word) in text, name
    for family in (
        "Noto-Serif",
        "CJK-SC",
        "CJK-JP",
        "Arabic",
        "Devanagari",
        "Ethiopic",
        "Khmer",
        "Tibetan",
    ):
        assert family in fonts, family
    # Every embedded font is subset and has a Unicode map: no boxes, text can be copied.
    for line in fonts.splitlines()[2:]:
        assert line.split()[-5:-2] == ["yes", "yes", "yes"], line


def test_draft_render_of_current_text_carries_the_watermark(plan, media_root, tmp_path):
    fill_drafts(plan, rich_sections())
    render = pdf_services.pdf_request_draft_render(plan=plan, actor=plan.enrolment.trainee)
    assert render.kind == PdfRender.Kind.DRAFT
    result, path = render_to_file(render, tmp_path)
    text = pdftotext(path)
    pages = PdfReader(path).pages
    assert ["DRAFT" in page.extract_text() for page in pages] == [True] * result.pages
    assert "Not approved: this document is a draft." in text
    assert "Current text (not a submitted version)" in text


def test_an_arabic_name_is_drawn_with_an_arabic_font(db, media_root, tmp_path):
    from tests.factories.core import TraineeFactory
    from tests.factories.planning_docs import make_plan
    from tests.factories.trainees import AcceptedEnrolmentFactory, TraineeProfileFactory

    trainee = TraineeFactory(first_name="محمد", last_name="الأمين")
    TraineeProfileFactory(user=trainee, country="EG")
    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    render = pdf_services.pdf_request_draft_render(plan=plan, actor=trainee)
    html = pdf_document.plan_document_html(render)
    assert '<span class="name" dir="rtl">محمد الأمين</span>' in html
    _result, path = render_to_file(render, tmp_path)
    assert "Arabic" in pdffonts(path)
    cover = PdfReader(path).pages[0].extract_text()
    assert "محمد" in cover or "محمد"[::-1] in cover
