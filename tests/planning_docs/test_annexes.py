"""Annexes: refused with a reason (encrypted, damaged, too large, too long) storing nothing;
defused (no JavaScript, actions, forms, embedded files or links out) wherever they are read."""

import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from ecotown.core.pdf_files import PdfRefused, pdf_defuse
from planning_docs.attachments import AttachmentRefused, annex_add
from planning_docs.demo_attachments import text_pdf
from planning_docs.export import plan_archive_zip
from planning_docs.models import Annex
from tests.factories.planning_docs import fill_plan, make_plan
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan(media):
    return fill_plan(make_plan())


def stored_files(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def _link(uri: str) -> DictionaryObject:
    rect = ArrayObject([FloatObject(v) for v in (72, 72, 200, 90)])
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(uri)}
    )
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): rect,
            NameObject("/A"): action,
        }
    )


def active_pdf() -> bytes:
    """A letter with everything that acts: JavaScript on opening and in the names tree, a page
    action, an embedded file, a form and a link out."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(["Letter of intent"]))))
    writer.add_attachment("payload.exe", b"MZ-not-really")
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x()")}
    )
    names = writer._root_object["/Names"]
    names[NameObject("/JavaScript")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("a"), writer._add_object(script)])}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(script)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject()}
    )
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(script)})
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(_link("https://evil.example"))])
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(["Secret"]))))
    writer.encrypt("password")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def add(plan, content: bytes, title: str = "Letter of intent") -> Annex:
    return annex_add(plan=plan, content=content, title=title, actor=plan.enrolment.trainee)


def test_a_pdf_annex_is_stored_under_its_hash_with_its_pages(plan, media):
    annex = add(plan, text_pdf(["One", "Two"], pages=3))
    assert annex.pages == 3
    assert annex.file.name == f"annexes/{annex.sha256[:2]}/{annex.sha256}.pdf"
    assert stored_files(media) == [media / annex.file.name]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (encrypted_pdf(), "encrypted"),
        (b"%PDF-1.7\n this is not a pdf at all", "damaged"),
        (b"<html>a page</html>", "not a PDF"),
        (text_pdf(["Long"], pages=101), "101 pages"),
        (text_pdf(["Big"]) + b"\n%" + b"0" * (20 * 1024 * 1024), "20 MB"),
    ],
    ids=["encrypted", "malformed", "not-a-pdf", "too-many-pages", "too-large"],
)
def test_a_bad_annex_is_refused_with_its_reason_and_nothing_is_stored(plan, media, content, reason):
    with nothing_changes(plan, Annex), pytest.raises(AttachmentRefused, match=reason):
        add(plan, content)
    assert stored_files(media) == []


def assert_no_active_content(content: bytes) -> None:
    """No script, action on opening, form or embedded file anywhere in the file."""
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]
    for key in ("/OpenAction", "/AA", "/AcroForm"):
        assert key not in root, key
    for marker in (b"/JavaScript", b"/JS", b"/EmbeddedFile", b"payload.exe", b"evil.example"):
        assert marker not in content, marker


def assert_inert(content: bytes) -> None:
    """An annex alone: nothing acts, and no names tree, page action or annotation is left."""
    assert_no_active_content(content)
    reader = PdfReader(io.BytesIO(content))
    assert "/Names" not in reader.trailer["/Root"]
    for page in reader.pages:
        assert "/AA" not in page
        assert "/Annots" not in page


def test_defusing_removes_javascript_embedded_files_forms_actions_and_links():
    original = active_pdf()
    assert b"/JavaScript" in original and b"/EmbeddedFile" in original
    defused = pdf_defuse(original)
    assert_inert(defused)
    assert "Letter of intent" in PdfReader(io.BytesIO(defused)).pages[0].extract_text()


def test_defusing_an_unreadable_file_is_refused():
    with pytest.raises(PdfRefused):
        pdf_defuse(b"%PDF-1.4 garbage")


def test_readers_download_the_annex_defused(client, plan):
    annex = add(plan, active_pdf())
    client.force_login(plan.assignments.get().expert)
    response = client.get(reverse("planning_docs:annex-file", args=[plan.pk, annex.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_inert(response.content)


def test_the_upload_page_refuses_an_encrypted_pdf_with_its_reason(client, plan, media):
    client.force_login(plan.enrolment.trainee)
    upload = io.BytesIO(encrypted_pdf())
    upload.name = "letter.pdf"
    url = reverse("planning_docs:annex-list", args=[plan.pk])
    with nothing_changes(plan, Annex):
        response = client.post(url, {"title": "Letter", "document": upload})
    assert response.status_code == 400
    assert "encrypted or password-protected" in response.content.decode()
    assert stored_files(media) == []


def test_the_trainees_archive_holds_the_annex_and_the_figures(plan, media):
    annex = add(plan, text_pdf(["Letter"]))
    archive = zipfile.ZipFile(io.BytesIO(plan_archive_zip(plan)))
    assert archive.read(annex.file.name) == (media / annex.file.name).read_bytes()
    assert '"title": "Letter of intent"' in archive.read("plan.json").decode()
