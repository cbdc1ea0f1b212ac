"""A report's photos: through the figures' pipeline, refused with reasons, frozen with the
submitted report, shown on its page and in its PDF, served only to the report's readers."""

import io
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, InternalError, transaction
from django.urls import reverse
from PIL import Image

from pilots.models import ProgressReport, ReportPdf, ReportPhoto
from pilots.services import report_pdf_render, report_save
from pilots.services.pdf import report_pdf_html
from pilots.services.photos import (
    MAX_PHOTOS_PER_REPORT,
    PhotoRefused,
    report_photo_add,
    report_photo_remove,
)
from tests.factories.pilots import approved_plan, filled_input
from tests.pdf.conftest import pdftotext
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def check_in(media):
    return approved_plan().check_ins.get(months=6)


def png(size=(60, 40), color=(20, 120, 60)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, format="PNG")
    return output.getvalue()


def add(check_in, content=None, name="site.png", declared="image/png", **words) -> ReportPhoto:
    return report_photo_add(
        check_in=check_in,
        content=png() if content is None else content,
        name=name,
        declared_type=declared,
        caption=words.get("caption", "The sorting line at work"),
        alt=words.get("alt", "Workers sort plastics on a conveyor belt."),
        actor=words.get("actor", check_in.plan.enrolment.trainee),
    )


def stored(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_a_photo_is_re_encoded_and_stored_once_under_its_hash(check_in, media):
    photo = add(check_in)
    report = ProgressReport.objects.get(check_in=check_in)
    assert (photo.report, report.status) == (report, "draft")
    assert photo.file.name.startswith(f"photos/{photo.sha256[:2]}/{photo.sha256}")
    assert (photo.width, photo.height, photo.content_type) == (60, 40, "image/png")
    add(check_in, caption="Again")
    assert len(stored(media)) == 1


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        ({"caption": " "}, "Give the photo a caption and a text alternative."),
        ({"alt": ""}, "Give the photo a caption and a text alternative."),
        ({"content": b"<svg xmlns='http://www.w3.org/2000/svg'/>", "name": "a.svg"}, "SVG"),
        ({"content": b"<html>hello</html>", "name": "a.png"}, "not a PNG or JPEG"),
        ({"name": "site.jpg", "declared": "image/jpeg"}, "does not match its content"),
        ({"content": b"x" * (10 * 1024 * 1024 + 1)}, "larger than 10 MB"),
    ],
)
def test_a_refused_photo_says_why_and_stores_nothing(check_in, media, upload, reason):
    with nothing_changes(ReportPhoto, ProgressReport), pytest.raises(PhotoRefused) as refused:
        add(check_in, **upload)
    assert reason in str(refused.value)
    assert stored(media) == []


def test_a_report_holds_a_limited_number_of_photos(check_in):
    for n in range(MAX_PHOTOS_PER_REPORT):
        add(check_in, content=png(color=(n, 10, 10)))
    with nothing_changes(ReportPhoto), pytest.raises(PhotoRefused) as refused:
        add(check_in, content=png(color=(99, 99, 99)))
    assert f"holds {MAX_PHOTOS_PER_REPORT} photos already" in str(refused.value)


def test_only_the_pilots_trainee_adds_photos(check_in):
    expert = check_in.plan.assignments.get().expert
    with nothing_changes(ReportPhoto), pytest.raises(PermissionDenied):
        add(check_in, actor=expert)


def submit(check_in) -> ProgressReport:
    trainee = check_in.plan.enrolment.trainee
    return report_save(check_in=check_in, actor=trainee, data=filled_input(check_in), submit=True)


def test_photos_are_frozen_with_the_submitted_report(check_in):
    photo = add(check_in)
    report = submit(check_in)
    assert list(report.photos.all()) == [photo]
    with nothing_changes(ReportPhoto), pytest.raises(PhotoRefused) as refused:
        add(check_in, content=png(color=(1, 2, 3)))
    assert "submitted already" in str(refused.value)
    with nothing_changes(ReportPhoto), pytest.raises(PhotoRefused):
        report_photo_remove(photo=photo, actor=check_in.plan.enrolment.trainee)


def test_the_database_refuses_to_change_a_submitted_reports_photos(check_in):
    photo = add(check_in)
    report = submit(check_in)
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        ReportPhoto.objects.filter(pk=photo.pk).update(caption="Changed")
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        ReportPhoto.objects.create(
            report=report,
            file=photo.file.name,
            sha256=photo.sha256,
            width=1,
            height=1,
            content_type="image/png",
            caption="Late",
            alt="Late",
        )
    assert ReportPhoto.objects.get(pk=photo.pk).caption == "The sorting line at work"


def test_a_draft_photo_can_be_taken_off(check_in):
    photo = add(check_in)
    report_photo_remove(photo=photo, actor=check_in.plan.enrolment.trainee)
    assert not ReportPhoto.objects.filter(pk=photo.pk).exists()


def test_the_upload_page_adds_a_photo_and_shows_the_reason_of_a_refusal(client, check_in):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(check_in.plan.enrolment.trainee)
    url = reverse("pilots:report-photos", args=[check_in.pk])
    bad = SimpleUploadedFile("a.png", b"<html></html>", content_type="image/png")
    with nothing_changes(ReportPhoto):
        response = client.post(url, {"picture": bad, "caption": "c", "alt": "a"})
    assert response.status_code == 400
    assert "not a PNG or JPEG" in response.content.decode()
    good = SimpleUploadedFile("a.png", png(), content_type="image/png")
    response = client.post(url, {"picture": good, "caption": "Sorting", "alt": "A belt"})
    assert response.status_code == 302
    assert ReportPhoto.objects.get().caption == "Sorting"


def test_the_report_page_and_pdf_show_the_photos(client, check_in, tmp_path):
    photo = add(check_in)
    report = submit(check_in)
    client.force_login(check_in.plan.assignments.get().expert)
    html = client.get(reverse("pilots:report-detail", args=[report.pk])).content.decode()
    src = reverse("pilots:report-photo", args=[report.pk, photo.pk])
    assert f'src="{src}"' in html and 'alt="Workers sort plastics on a conveyor belt."' in html
    assert "Photo 1: The sorting line at work" in html
    image = client.get(src)
    assert image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")
    pdf = report_pdf_render(pdf_id=ReportPdf.objects.get(report=report).pk)
    assert pdf.status == "ready", pdf.error
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.file.open("rb").read())
    assert "Photo 1: The sorting line at work" in pdftotext(path)
    # The picture itself, read from the storage by the renderer: 60 x 40 pixels.
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert any(line.split()[3:5] == ["60", "40"] for line in listing.splitlines()[2:])


def test_strangers_do_not_see_a_reports_photos(client, check_in):
    photo = add(check_in)
    report = submit(check_in)
    other = approved_plan().enrolment.trainee
    client.force_login(other)
    assert client.get(reverse("pilots:report-photo", args=[report.pk, photo.pk])).status_code == 404


def test_the_trainees_archive_holds_the_submitted_reports_photos(check_in):
    import json
    import zipfile

    from planning_docs.export import plan_archive_zip

    photo = add(check_in)
    submit(check_in)
    add(check_in.plan.check_ins.get(months=12), content=png(color=(9, 9, 9)), caption="Draft")
    with zipfile.ZipFile(io.BytesIO(plan_archive_zip(check_in.plan))) as archive:
        data = json.loads(archive.read("plan.json"))
        names = archive.namelist()
        kept = archive.read(photo.file.name)
    [entry] = data["progress_reports"]
    assert entry["photos"] == [
        {"file": photo.file.name, "caption": photo.caption, "alt": photo.alt}
    ]
    assert kept == photo.file.open("rb").read()
    assert [n for n in names if n.startswith("photos/")] == [photo.file.name]  # no draft's


def test_the_report_pdf_speaks_the_plans_language(check_in, tmp_path):
    from planning_docs.models import Plan

    Plan.objects.filter(pk=check_in.plan_id).update(language="fr")
    report = submit(check_in)
    pdf = report_pdf_render(pdf_id=ReportPdf.objects.get(report=report).pk)
    assert pdf.status == "ready", pdf.error
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.file.open("rb").read())
    text = pdftotext(path)
    assert "Attendu pour le" in text and "Due on" not in text
    assert '<html lang="fr"' in report_pdf_html(pdf)
