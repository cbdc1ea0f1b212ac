"""The portfolio's exports read back, and the programme report PDF read back with pdftotext."""

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from ecotown.core.models import AuditEvent
from pilots.models import ProgrammeReport
from pilots.services.programme import programme_report_render, programme_report_request
from planning_docs.models import Plan
from tests.pdf.conftest import pdftotext
from tests.pilots.portfolio_world import make_pilots
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_pilots()


@time_machine.travel("2027-06-01 09:00Z", tick=False)
def test_the_csv_holds_the_filtered_rows(client, pilots, coordinator):
    Plan.objects.filter(pk=pilots.late.pk).update(title="=HYPERLINK(1)")
    client.force_login(coordinator)
    response = client.get(reverse("portfolio:export-csv"), {"region": "asia"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="pilots-2027-06-01.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_id = {int(row["plan_id"]): row for row in rows}
    assert set(by_id) == {pilots.late.pk, pilots.not_started.pk}
    late = by_id[pilots.late.pk]
    assert late["title"] == "'=HYPERLINK(1)"  # quoted: a spreadsheet would run it
    assert (late["country"], late["region"], late["sector"], late["status"]) == (
        "VN",
        "Asia",
        "E-waste",
        "Late",
    )
    assert (late["latitude"], late["longitude"], late["reports_filed"]) == (
        "21.02780",
        "105.83420",
        "1",
    )


@time_machine.travel("2027-06-01 09:00Z", tick=False)
def test_the_xlsx_reads_back_with_numbers_as_numbers(client, pilots, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("portfolio:export-xlsx"), {"country": "GH"})
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    [row] = rows
    record = dict(zip(header, row, strict=True))
    assert (record["plan_id"], record["country_name"], record["status"]) == (
        pilots.stalled.pk,
        "Ghana",
        "Stalled",
    )
    assert Decimal(str(record["longitude"])) == Decimal("-0.187")  # a number, not "'-0.187"
    assert record["year"] == 2024


def test_a_bad_filter_refuses_the_export(client, pilots, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("portfolio:export-csv"), {"year": "1900"}).status_code == 400


@time_machine.travel("2027-06-01 09:00Z", tick=False)
def test_the_programme_report_pdf_reads_back(client, pilots, coordinator, tmp_path):
    client.force_login(coordinator)
    response = client.post(reverse("portfolio:programme-reports"), {"year": "2026"})
    assert response.status_code == 302
    report = ProgrammeReport.objects.get()
    assert (report.year, report.status, report.requested_by) == (2026, "queued", coordinator)
    # Asking again while it is queued gives the same row.
    assert programme_report_request(year=2026, actor=coordinator) == report
    rendered = programme_report_render(report_id=report.pk)
    assert (rendered.status, rendered.pilots, rendered.error) == ("ready", 5, "")
    assert programme_report_render(report_id=report.pk) is None  # a redelivery does nothing
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"programme_report_requested", "programme_report_ready"} <= verbs
    pdf = client.get(reverse("portfolio:programme-report-pdf", args=[report.pk]))
    path = tmp_path / "programme.pdf"
    path.write_bytes(b"".join(pdf.streaming_content))
    text = " ".join(pdftotext(path).split())
    assert "Eco-town pilots: programme report 2026" in text
    assert "5 pilots of the seminars held up to 2026, as they stood on 1 June 2027." in text
    for label in ("On track 1", "Late 1", "Stalled 1", "At risk 1", "Not started 1"):
        assert label in text
    assert "Africa 2" in text and "Asia 2" in text
    assert "Map of the pilots" in text
    assert pilots.on_track.title in text
    assert "What worked: Decree" in text and "Obstacles: Trucks" in text
    assert re.search(r"1 of 3 reports filed · mean progress toward target 50%", text)


def test_an_earlier_year_leaves_out_later_seminars(pilots, coordinator):
    report = programme_report_request(year=2024, actor=coordinator)
    assert programme_report_render(report_id=report.pk).pilots == 1


def test_a_report_not_ready_leads_back_to_the_list(client, pilots, coordinator):
    report = programme_report_request(year=2026, actor=coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("portfolio:programme-report-pdf", args=[report.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("portfolio:programme-reports")


def test_a_year_without_seminars_is_refused(client, pilots, coordinator):
    client.force_login(coordinator)
    with nothing_changes(ProgrammeReport, AuditEvent):
        response = client.post(reverse("portfolio:programme-reports"), {"year": "1999"})
    assert response.status_code == 400


def test_the_report_list_queries_do_not_grow_with_its_rows(client, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.seminars import SeminarFactory

    SeminarFactory()
    client.force_login(coordinator)

    def queries(n: int) -> int:
        for year in range(2000 + ProgrammeReport.objects.count(), 2000 + n):
            ProgrammeReport.objects.create(year=year, requested_by=coordinator, status="ready")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("portfolio:programme-reports")).status_code == 200
        return len(captured)

    assert queries(2) == queries(6)


@time_machine.travel("2027-06-01 09:00Z", tick=False)
def test_the_programme_report_is_written_in_the_language_asked_for(
    client, pilots, coordinator, tmp_path
):
    coordinator.language = "fr"
    coordinator.save()
    client.force_login(coordinator)
    page = client.get(reverse("portfolio:programme-reports")).content.decode()
    assert '<option value="fr" selected>français</option>' in page  # theirs by default
    client.post(reverse("portfolio:programme-reports"), {"year": "2026", "language": "fr"})
    french = ProgrammeReport.objects.get()
    assert french.language == "fr"
    # Another language of the same year is another report; the same one asked again is not.
    english = programme_report_request(year=2026, language="en", actor=coordinator)
    assert english != french
    assert programme_report_request(year=2026, language="fr", actor=coordinator) == french
    programme_report_render(report_id=french.pk)
    pdf = client.get(reverse("portfolio:programme-report-pdf", args=[french.pk]))
    assert pdf["Content-Disposition"] == 'inline; filename="programme-report-2026-fr.pdf"'
    path = tmp_path / "programme-fr.pdf"
    path.write_bytes(b"".join(pdf.streaming_content))
    text = " ".join(pdftotext(path).split())
    assert "rapport du programme 2026" in text
    assert "dans leur état au 1 juin 2027." in text
    for label in ("Projets pilotes par statut", "Carte des projets pilotes", "Dans les délais 1"):
        assert label in text
    assert "Pilots by status" not in text and "On track" not in text
