"""The demo's plans read back as a reader gets them: the approved plan of trainee04 and the
draft of trainee06, rendered by WeasyPrint, read with pdfplumber and pypdf, and drawn to PNG
with pdftoppm to catch blank and overflowing pages."""

import io
import subprocess

import pdfplumber
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from PIL import Image
from pypdf import PdfReader

from ecotown.core import pdf
from planning_docs.models import PdfRender
from planning_docs.pdf import document as pdf_document
from planning_docs.pdf import services as pdf_services
from planning_docs.pdf.attachments import figure_files, render_attachments
from tests.pdf.conftest import approve, rich_sections

# Every test is marked, so that the test database is set up even when one runs alone.
pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points per millimetre
PAGE_TOP, PAGE_BOTTOM = 24 * MM, 22 * MM  # print.css: the page margins around the body


@pytest.fixture(scope="module")
def demo_pdfs(django_db_setup, django_db_blocker):
    """{username: (render facts, PDF bytes)} of the demo's renders, from a seeded demo that is
    rolled back afterwards."""
    rendered = {}
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        # The plans' documents (trainee04's certificate is a document of its own).
        plan_documents = PdfRender.objects.exclude(kind=PdfRender.Kind.CERTIFICATE)
        for render in plan_documents.select_related("plan__enrolment__trainee", "version"):
            facts = {
                "kind": render.kind,
                "content_hash": render.content_hash,
                "sections": render.version.sections if render.version else None,
            }
            html = pdf_document.plan_document_html(render)
            files = figure_files(render_attachments(render))  # trainee04's figures
            rendered[render.plan.enrolment.trainee.username] = (
                facts,
                pdf.render_pdf(html, files=files).content,
            )
        transaction.set_rollback(True)
    return rendered


def lines_of(page) -> list[dict]:
    """The page's text lines, top to bottom: text and the largest font size in the line.
    Rotated text (the DRAFT watermark) is left out."""
    chars = [c for c in page.chars if c["upright"] and c["size"] < 40]
    rows: dict[float, list] = {}
    for char in chars:
        rows.setdefault(round(char["top"]), []).append(char)
    lines = []
    for top in sorted(rows):
        row = sorted(rows[top], key=lambda c: c["x0"])
        text = "".join(c["text"] for c in row).replace("\u00a0", " ")
        lines.append({"top": top, "text": text, "size": max(c["size"] for c in row)})
    return lines


def body_lines(page) -> list[dict]:
    """Lines inside the page's body box (running heads and page numbers left out)."""
    return [
        line for line in lines_of(page) if PAGE_TOP - 2 <= line["top"] <= page.height - PAGE_BOTTOM
    ]


def words_text(page) -> str:
    return " ".join(w["text"] for w in page.extract_words()).replace("\u00a0", " ")


def test_the_approved_plan_prints_every_indicator_figure_with_its_unit(demo_pdfs):
    _facts, content = demo_pdfs["trainee04"]
    with pdfplumber.open(io.BytesIO(content)) as document:
        text = "\n".join(page.extract_text() for page in document.pages).replace("\u00a0", " ")
    assert "Material recycled 2,000 t/year 25,000 t/year +23,000 t/year 2030" in text
    assert "Waste diverted from landfill 5% 40% +35 percentage points 2030" in text
    assert "Jobs created, formal 0 jobs 180 jobs +180 jobs 2030" in text
    # Financing in yuan (the demo multiplies US dollar amounts by 7), totals once, at the end.
    assert "Processing equipment National budget 2028 CNY 9,800,000.00" in text
    assert "Land preparation and buildings Local budget 2027 CNY 4,200,000.00" in text
    assert text.count("Total 8,400,000.00 16,100,000.00 24,500,000.00") == 1


def test_the_demos_small_tables_each_stand_on_one_page(demo_pdfs):
    _facts, content = demo_pdfs["trainee04"]
    with pdfplumber.open(io.BytesIO(content)) as document:
        pages = [page.extract_text().replace("\u00a0", " ") for page in document.pages]
    for first, last in (
        ("Financing items", "Collection vehicles Private"),
        ("Totals by source and year (CNY)", "Total 8,400,000.00"),
        ("Milestones", "Evaluation and national roll-out plan 1 Jul 2029"),
        ("Indicator Baseline Target Change Target year", "Jobs created, formal"),
        ("Risk Likelihood Impact Response", "Informal workers lose income"),
    ):
        on = [n for n, text in enumerate(pages) if first in text]
        assert on and all(last in pages[n] for n in on), (first, last)


def test_the_writers_headings_are_smaller_than_the_section_headings(demo_pdfs):
    _facts, content = demo_pdfs["trainee04"]
    with pdfplumber.open(io.BytesIO(content)) as document:
        lines = [line for page in document.pages[2:] for line in body_lines(page)]
    size = {line["text"]: line["size"] for line in lines}
    section = size["1National policy context"]
    writers = size["Where the pilot fits"]  # '## Where the pilot fits' in the trainee's text
    body = size[next(t for t in size if t.startswith("The pilot puts into practice"))]
    assert section == pytest.approx(15)
    assert body < writers < section


def test_no_page_ends_with_a_heading(demo_pdfs):
    for username in ("trainee04", "trainee06"):
        _facts, content = demo_pdfs[username]
        with pdfplumber.open(io.BytesIO(content)) as document:
            for number, page in enumerate(document.pages[1:], start=2):
                last = body_lines(page)[-1]
                # Headings are set at 11 pt and more; text at 10.5 pt, tables at 9 pt.
                assert last["size"] <= 10.5, (username, number, last["text"])


def test_the_cover_shows_the_plan_facts_and_the_sign_off_page_the_hash(demo_pdfs):
    facts, content = demo_pdfs["trainee04"]
    with pdfplumber.open(io.BytesIO(content)) as document:
        cover = words_text(document.pages[0])
        sign_off = words_text(document.pages[-1])
    for fact in (
        "天津子牙 end-of-life vehicle recycling and industrial symbiosis pilot",
        "王芳",
        "Country China",
        "Pilot site Ziya Circular Economy Industrial Park, Tianjin",
        "Seminar Eco-Town Seminar",
        "Version 1 — Approved",
        "Date",
    ):
        assert fact in cover, fact
    assert facts["content_hash"] not in cover.replace(" ", "")
    assert facts["content_hash"] in sign_off.replace(" ", "")
    assert sign_off.count("Signature") == 3
    assert sign_off.count("Name") == 3 and sign_off.count("Date") == 3
    for role in ("Role Trainee", "Role Lead expert, City of Kitakyushu", "Role UNIDO coordinator"):
        assert role in sign_off, role


def test_the_approved_plan_is_pdf_ua_with_its_metadata_and_nothing_embedded(demo_pdfs):
    facts, content = demo_pdfs["trainee04"]
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == (
        "天津子牙 end-of-life vehicle recycling and industrial symbiosis pilot"
    )
    assert reader.metadata.author == "王芳"
    assert reader.metadata.subject.startswith("Planning document for a pilot eco-town project")
    assert reader.metadata["/Keywords"] == (
        "eco-town, UNIDO, Kitakyushu, China, Ziya Circular Economy Industrial Park, Tianjin, "
        f"sha256:{facts['content_hash']}"
    )
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp  # PDF/UA-1
    assert f"sha256:{facts['content_hash']}</pdf:Keywords>" in xmp
    assert reader.attachments == {}
    assert b"/EmbeddedFile" not in content


def test_every_written_section_is_in_the_contents_and_the_body(demo_pdfs):
    facts, content = demo_pdfs["trainee04"]
    with pdfplumber.open(io.BytesIO(content)) as document:
        contents = words_text(document.pages[1])
        body = " ".join(words_text(page) for page in document.pages[2:])
    for number, section in enumerate(facts["sections"], start=1):
        assert f"{number} {section['title']}" in contents
        assert f"{number} {section['title']}" in body
    assert "Not written" not in body


def render_bytes(render: PdfRender) -> bytes:
    return pdf.render_pdf(pdf_document.plan_document_html(render)).content


def pngs(content: bytes, tmp_path, name: str) -> list[Image.Image]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / name)], check=True)
    files = sorted(tmp_path.glob(f"{name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(file).convert("L") for file in files]


def ink(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """The share of pixels in `box` darker than the faint watermark and table tints."""
    region = image.crop(box)
    dark = sum(1 for value in region.get_flattened_data() if value < 200)
    return dark / (region.width * region.height)


def assert_pages_fit(content: bytes, tmp_path, name: str) -> int:
    """Every page has something in its body and nothing in its outer side margins."""
    images = pngs(content, tmp_path, name)
    assert len(images) == len(PdfReader(io.BytesIO(content)).pages)
    for number, image in enumerate(images, start=1):
        px_per_mm = image.width / 210
        top, bottom = int(PAGE_TOP / MM * px_per_mm), int(image.height - 22 * px_per_mm)
        assert ink(image, (0, top, image.width, bottom)) > 0.004, f"page {number} is blank"
        # The body is 22 mm from the left edge and 20 mm from the right: the outer 12 mm on
        # either side stay white unless something overflows its box.
        strip = int(12 * px_per_mm)
        assert ink(image, (0, top, strip, bottom)) == 0, f"page {number} spills left"
        assert ink(image, (image.width - strip, top, image.width, bottom)) == 0, (
            f"page {number} spills right"
        )
    return len(images)


@pytest.mark.parametrize("username", ["trainee04", "trainee06"])
def test_no_page_is_blank_or_spills_into_the_side_margins(demo_pdfs, tmp_path, username):
    _facts, content = demo_pdfs[username]
    assert assert_pages_fit(content, tmp_path, username) >= 5


def test_long_urls_and_wide_tables_break_inside_the_page(plan, lead_expert, media_root, tmp_path):
    from tests.factories.planning_docs import PlanVersionFactory

    sections = rich_sections()
    token = "https://example.org/" + "a" * 300
    sections[1]["body"] = (
        f"See {token} for the data.\n\n| Source | Note |\n|---|---|\n| {'x' * 250} | y |"
    )
    version = PlanVersionFactory(plan=plan, number=1, title=plan.title, sections=sections)
    approve(plan, lead_expert)
    final = pdf_services.pdf_queue_final_render(version=version, actor=None)
    assert assert_pages_fit(render_bytes(final), tmp_path, "long") >= 5


def test_an_approved_plan_leaves_out_its_empty_optional_section_and_a_draft_marks_it(
    plan, lead_expert, media_root
):
    from tests.factories.planning_docs import PlanVersionFactory

    sections = rich_sections()
    basel = next(s for s in sections if s["key"] == "transboundary-waste-and-basel")
    basel["body"] = ""
    indicators = next(s for s in sections if s["kind"] == "indicators")
    indicators["rows"] = [
        {"indicator": "Jobs", "unit": "jobs", "baseline": "0", "target": "180", "year": 2030},
        {"indicator": "Compost", "unit": "t", "baseline": "500", "target": "12000", "year": 2030},
        {"indicator": "Landfill", "unit": "t", "baseline": "8000", "target": "1500", "year": 2030},
    ]
    version = PlanVersionFactory(plan=plan, number=1, title=plan.title, sections=sections)
    approve(plan, lead_expert)
    final = pdf_services.pdf_queue_final_render(version=version, actor=None)
    with pdfplumber.open(io.BytesIO(render_bytes(final))) as document:
        contents = words_text(document.pages[1])
        text = "\n".join(page.extract_text() for page in document.pages).replace("\u00a0", " ")
    assert "Transboundary waste" not in text
    assert "11 Risks" in contents and "12 " not in contents
    assert "Compost 500 t 12,000 t +11,500 t 2030" in text
    assert "Landfill 8,000 t 1,500 t -6,500 t 2030" in text

    plan.refresh_from_db()
    plan.status = plan.Status.DRAFT
    plan.save(update_fields=["status"])
    draft = pdf_services.pdf_request_draft_render(plan=plan, actor=plan.enrolment.trainee)
    draft.content = {"title": plan.title, "sections": sections}
    with pdfplumber.open(io.BytesIO(render_bytes(draft))) as document:
        contents = words_text(document.pages[1])
        text = "\n".join(page.extract_text() for page in document.pages)
    assert "12 Transboundary waste and the Basel Convention" in contents
    assert "12 Transboundary waste and the Basel Convention" in text
    assert "Not written: this section has no text yet." in text


def test_a_long_table_repeats_its_header_on_every_page_and_small_tables_stay_whole(
    plan, lead_expert, media_root
):
    from tests.factories.planning_docs import PlanVersionFactory

    sections = rich_sections()
    financing = next(s for s in sections if s["kind"] == "financing")
    financing["rows"] = [
        {
            "item": f"Collection point {n}",
            "source": ("national_budget", "donor", "private")[n % 3],
            "amount": "125000",
            "currency": "USD",
            "year": 2027 + n % 2,
        }
        for n in range(90)
    ]
    version = PlanVersionFactory(plan=plan, number=1, title=plan.title, sections=sections)
    approve(plan, lead_expert)
    final = pdf_services.pdf_queue_final_render(version=version, actor=None)
    with pdfplumber.open(io.BytesIO(render_bytes(final))) as document:
        pages = [page.extract_text().replace("\u00a0", " ") for page in document.pages]
    with_items = [text for text in pages if "Collection point" in text]
    assert len(with_items) >= 2
    for text in with_items:
        assert "Item Source Year Amount" in text
    assert sum(text.count("Collection point") for text in pages) == 90
    # The totals grid (3 sources) is small: caption, header, rows and its one totals row
    # stand on one page.
    totals_page = next(text for text in pages if "Totals by source and year (USD)" in text)
    assert "Total 5,625,000.00 5,625,000.00 11,250,000.00" in totals_page
    assert sum(text.count("Total 5,625,000.00") for text in pages) == 1


def test_a_draft_chart_marks_today_and_an_approved_one_does_not(plan, lead_expert, media_root):
    from django.utils import timezone

    from tests.factories.planning_docs import PlanVersionFactory

    today = timezone.localdate()
    sections = rich_sections()
    timeline = next(s for s in sections if s["kind"] == "timeline")
    timeline["rows"] = [
        {
            "milestone": "Running now",
            "start": today.replace(day=1).isoformat(),
            "end": today.replace(year=today.year + 1).isoformat(),
            "owner": "City",
        }
    ]
    version = PlanVersionFactory(plan=plan, number=1, title=plan.title, sections=sections)
    draft = pdf_services.pdf_request_draft_render(plan=plan, actor=plan.enrolment.trainee)
    draft.content = {"title": plan.title, "sections": sections}
    draft_html = pdf_document.plan_document_html(draft)
    assert "The dashed line marks the day this draft was printed." in draft_html
    assert 'stroke="#b42318"' in draft_html
    approve(plan, lead_expert)
    final = pdf_services.pdf_queue_final_render(version=version, actor=None)
    html = pdf_document.plan_document_html(final)
    assert "Running now" in html
    assert 'stroke="#b42318"' not in html


def test_the_text_hyphenates_by_its_language_but_names_and_the_cover_never(
    plan, lead_expert, media_root
):
    from tests.factories.planning_docs import PlanVersionFactory

    words = "Internationalisation institutionalisation characteristically " * 12
    plan.pilot_site = words[:190].strip()
    plan.save(update_fields=["pilot_site"])
    sections = rich_sections()
    sections[0]["body"] = words
    version = PlanVersionFactory(plan=plan, number=1, title=words[:140], sections=sections)
    approve(plan, lead_expert)
    final = pdf_services.pdf_queue_final_render(version=version, actor=None)
    html = pdf_document.plan_document_html(final)
    assert '<html lang="en" dir="ltr">' in html
    with pdfplumber.open(io.BytesIO(render_bytes(final))) as document:
        cover = lines_of(document.pages[0])
        body = body_lines(document.pages[2])
    assert [line["text"] for line in cover if line["text"].endswith(("-", "\u2010"))] == []
    assert any(line["text"].endswith(("-", "\u2010")) for line in body)


def test_each_pages_running_head_names_the_section_the_page_starts_in(demo_pdfs):
    facts, content = demo_pdfs["trainee04"]
    headings = {f"{n}{s['title']}": s["title"] for n, s in enumerate(facts["sections"], start=1)}
    # trainee04's plan shows figures: their list follows the contents, under its own head.
    headings["List of figures"] = "List of figures"
    current = None
    with pdfplumber.open(io.BytesIO(content)) as document:
        for number, page in enumerate(document.pages[2:-1], start=3):
            head = "".join(line["text"] for line in lines_of(page) if line["top"] < PAGE_TOP - 2)
            body = body_lines(page)
            if body[0]["text"] in headings:
                current = headings[body[0]["text"]]
            assert current is not None and head.endswith(current), (number, head)
            for line in body:
                current = headings.get(line["text"], current)
