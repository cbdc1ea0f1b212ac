"""Session materials: the checks of the upload pipeline, storage by content, the participants'
downloads and the week's zip."""

import io
import zipfile

import pytest
from django.urls import reverse

from ecotown.core.demo_files import text_pdf
from ecotown.core.office_files import PPTX_CONTENT_TYPE
from seminars.materials import MaterialRefused, material_add
from seminars.models import Material
from tests.factories.core import CoordinatorFactory, ExpertFactory, TraineeFactory
from tests.factories.seminars import SessionFactory
from tests.factories.trainees import WaitlistedEnrolmentFactory
from tests.unchanged import nothing_changes


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pptx(*, macro: bool = False, external: bool = False) -> bytes:
    """A minimal presentation package: the parts a .pptx is recognised by."""
    buffer = io.BytesIO()
    types = '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
    types += "presentationml.presentation.main+xml" if not macro else "macroEnabled.main+xml"
    types += '"/></Types>'
    rels = "<Relationships>"
    if external:
        rels += '<Relationship Id="r1" Type="http://x/relationships/image" '
        rels += 'Target="http://tracker.example/p.png" TargetMode="External"/>'
    rels += '<Relationship Id="r2" Type="http://x/relationships/hyperlink" '
    rels += 'Target="https://unido.org" TargetMode="External"/></Relationships>'
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
        archive.writestr("ppt/slides/_rels/slide1.xml.rels", rels)
    return buffer.getvalue()


def add(session, content, name, declared="", actor=None):
    return material_add(
        session=session,
        content=content,
        name=name,
        declared_type=declared,
        title="Opening slides",
        kind=Material.Kind.SLIDES,
        actor=actor or CoordinatorFactory(),
    )


def test_pdf_and_pptx_are_kept_under_their_hash(db):
    session = SessionFactory()
    pdf = add(session, text_pdf(["Slides"]), "opening.pdf", "application/pdf")
    deck = add(session, pptx(), "opening.pptx", PPTX_CONTENT_TYPE)
    assert pdf.content_type == "application/pdf" and pdf.filename == "opening-slides.pdf"
    assert pdf.file.name == f"materials/{pdf.sha256[:2]}/{pdf.sha256}.pdf"
    assert deck.filename == "opening-slides.pptx" and deck.size == len(pptx())
    again = add(SessionFactory(), text_pdf(["Slides"]), "copy.pdf")
    assert again.file.name == pdf.file.name  # the same content is stored once


@pytest.mark.parametrize(
    ("content", "name", "declared", "reason"),
    [
        (b"<html>hello</html>", "slides.pdf", "application/pdf", "not a PDF"),
        (b"MZ\x90\x00", "slides.exe", "", "Only PDF files and PowerPoint"),
        (text_pdf(["x"]), "slides.pdf", "text/html", "Only PDF files and PowerPoint"),
        (pptx(macro=True), "slides.pptx", "", "macros"),
        (pptx(external=True), "slides.pptx", "", "loads parts from the internet"),
        (b"PK\x03\x04broken", "slides.pptx", "", "not a PowerPoint presentation"),
    ],
)
def test_refused_uploads_store_nothing(db, content, name, declared, reason):
    session = SessionFactory()
    with nothing_changes(Material), pytest.raises(MaterialRefused, match=reason):
        add(session, content, name, declared)


@pytest.fixture
def week(db):
    session = SessionFactory()
    seminar = session.seminar
    material = add(session, text_pdf(["Dokai Bay"]), "bay.pdf")
    return seminar, session, material


def test_a_trainee_with_a_seat_downloads_a_waitlisted_one_may_not(client, week, enrolled):
    seminar, _session, material = week
    url = reverse("seminars:material-file", args=[seminar.pk, material.pk])
    client.force_login(enrolled(seminar))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="opening-slides.pdf"'
    waiting = TraineeFactory()
    WaitlistedEnrolmentFactory(seminar=seminar, trainee=waiting)
    client.force_login(waiting)
    assert client.get(url).status_code == 403  # sees the seminar, not its materials
    client.force_login(TraineeFactory())
    assert client.get(url).status_code == 404


def test_a_speaker_attaches_to_their_session_only(client, week):
    seminar, session, _material = week
    speaker = ExpertFactory()
    session.speakers.add(speaker)
    other = SessionFactory(seminar=seminar)
    client.force_login(speaker)
    upload = io.BytesIO(text_pdf(["Reading"]))
    upload.name = "reading.pdf"
    url = reverse("seminars:session-materials", args=[seminar.pk, session.pk])
    response = client.post(url, {"title": "Reading", "kind": "reading", "file": upload})
    assert response.status_code == 302
    assert session.materials.filter(title="Reading", uploaded_by=speaker).exists()
    upload.seek(0)
    url = reverse("seminars:session-materials", args=[seminar.pk, other.pk])
    with nothing_changes(Material):
        response = client.post(url, {"title": "Reading", "kind": "reading", "file": upload})
    assert response.status_code == 403


def test_the_weeks_zip_holds_that_weeks_files(client, week, enrolled):
    seminar, session, _material = week
    later = SessionFactory(
        seminar=seminar,
        starts_at=session.starts_at.replace(day=10),
        ends_at=session.ends_at.replace(day=10),
    )
    add(later, text_pdf(["Week two"]), "two.pdf")
    client.force_login(enrolled(seminar))
    response = client.get(reverse("seminars:materials-zip", args=[seminar.pk, 1]))
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == [f"2026-11-02 {session.title.lower().replace(' ', '-')}/opening-slides.pdf"]
    week_two = client.get(reverse("seminars:materials-zip", args=[seminar.pk, 2]))
    assert len(zipfile.ZipFile(io.BytesIO(week_two.content)).namelist()) == 1
    assert client.get(reverse("seminars:materials-zip", args=[seminar.pk, 3])).status_code == 404
