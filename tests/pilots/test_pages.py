import io
import json
import zipfile

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification
from pilots.models import ReportComment, ReportPdf
from pilots.services import report_pdf_render
from planning_docs.export import plan_archive_zip
from tests.factories.pilots import approved_plan, submitted_report
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_pilot_list_queries_do_not_grow_with_the_number_of_pilots(client, coordinator):
    def add(n):
        for _ in range(n):
            plan = approved_plan()
            submitted_report(plan.check_ins.get(months=6))

    client.force_login(coordinator)
    add(2)
    small = queries_for(client, reverse("pilots:pilot-list"))
    add(4)
    large = queries_for(client, reverse("pilots:pilot-list"))
    assert small == large


def test_pilot_list_shows_each_pilot_with_its_status_and_next_due(client, coordinator):
    on_track = approved_plan(title="Compost in Kisumu")
    submitted_report(on_track.check_ins.get(months=6), share="0.5")
    approved_plan(title="E-waste in Hanoi")
    client.force_login(coordinator)
    page = client.get(reverse("pilots:pilot-list")).content.decode()
    assert page.index("Compost in Kisumu") < page.index("On track") < page.index("13 Nov 2027")
    assert "E-waste in Hanoi" in page and "13 May 2027" in page


def test_the_trainees_dashboard_shows_the_next_check_in_and_a_link_to_file_it(client):
    plan = approved_plan()
    six = plan.check_ins.get(months=6)
    client.force_login(plan.enrolment.trainee)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Next check-in: the 6-month report, due on 13 May 2027." in page
    assert reverse("pilots:report-edit", args=[six.pk]) in page
    submitted_report(six)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Next check-in: the 12-month report, due on 13 November 2027." in page


def test_the_pilot_page_shows_status_reports_and_next_due(client):
    plan = approved_plan()
    report = submitted_report(plan.check_ins.get(months=6))
    client.force_login(plan.assignments.get().expert)
    page = client.get(reverse("pilots:pilot-detail", args=[plan.pk])).content.decode()
    assert "Next due: the 12-month report, on 13 November 2027." in page
    assert reverse("pilots:report-detail", args=[report.pk]) in page
    # The expert reads, and does not file.
    assert "File this report" not in page


def test_the_report_page_shows_progress_beside_baseline_and_target(client):
    plan = approved_plan()
    report = submitted_report(plan.check_ins.get(months=6), share="0.25")  # 1200 -> 2150 of 5000
    client.force_login(plan.enrolment.trainee)
    page = client.get(reverse("pilots:report-detail", args=[report.pk])).content.decode()
    row = page[page.index("Waste recycled") :]
    assert row.index("1,200") < row.index("5,000") < row.index("2,150") < row.index("25%")
    assert "USD\xa0120,000.50" in page  # the donor's planned amount, secured in full: 100%


def test_an_assigned_expert_comments_and_the_trainee_and_coordinators_hear_of_it(
    client, coordinator
):
    plan = approved_plan()
    report = submitted_report(plan.check_ins.get(months=6))
    expert = plan.assignments.get().expert
    client.force_login(expert)
    url = reverse("pilots:report-comment", args=[report.pk])
    response = client.post(url, {"body": "Which weighbridge?"})
    assert response.status_code == 302
    comment = ReportComment.objects.get()
    assert (comment.report, comment.author, comment.body) == (report, expert, "Which weighbridge?")
    told = Notification.objects.filter(verb="report_comment").values_list("recipient", flat=True)
    assert sorted(told) == sorted([plan.enrolment.trainee.pk, coordinator.pk])


def test_nobody_comments_on_a_draft(client):
    from pilots.services import report_save
    from tests.factories.pilots import filled_input

    plan = approved_plan()
    six = plan.check_ins.get(months=6)
    draft = report_save(check_in=six, actor=plan.enrolment.trainee, data=filled_input(six))
    client.force_login(plan.assignments.get().expert)
    with nothing_changes(ReportComment):
        response = client.post(reverse("pilots:report-comment", args=[draft.pk]), {"body": "x"})
    assert response.status_code == 403


def test_a_submitted_report_is_rendered_to_pdf_and_served(client):
    plan = approved_plan()
    report = submitted_report(plan.check_ins.get(months=6))
    pdf = report_pdf_render(pdf_id=ReportPdf.objects.get(report=report).pk)
    assert pdf.status == "ready" and pdf.pages >= 1
    assert report_pdf_render(pdf_id=pdf.pk) is None  # a second delivery does nothing
    client.force_login(plan.enrolment.trainee)
    response = client.get(reverse("pilots:report-pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_trainees_archive_holds_the_submitted_reports():
    plan = approved_plan()
    submitted_report(plan.check_ins.get(months=6))
    with zipfile.ZipFile(io.BytesIO(plan_archive_zip(plan))) as archive:
        data = json.loads(archive.read("plan.json"))
    [entry] = data["progress_reports"]
    assert (entry["months"], entry["due_on"], entry["obstacles"]) == (6, "2027-05-13", "Trucks")
    assert entry["indicators"][0]["actual"] == "3100.0"  # half of 1200 -> 5000


def test_the_plan_page_shows_the_pilot_and_its_next_check_in():
    plan = approved_plan()
    six = plan.check_ins.get(months=6)
    url = reverse("planning_docs:plan-detail", args=[plan.pk])
    client_trainee, client_expert = Client(), Client()
    client_trainee.force_login(plan.enrolment.trainee)
    client_expert.force_login(plan.assignments.get().expert)
    page = client_trainee.get(url).content.decode()
    assert "Next check-in: the 6-month report, due on 13 May 2027." in page
    assert reverse("pilots:report-edit", args=[six.pk]) in page
    page = client_expert.get(url).content.decode()
    assert "Next check-in: the 6-month report" in page
    assert reverse("pilots:report-edit", args=[six.pk]) not in page  # the expert does not file


def test_a_plan_not_yet_approved_shows_no_pilot(client):
    from tests.factories.planning_docs import submitted_version

    plan = submitted_version().plan
    client.force_login(plan.enrolment.trainee)
    page = client.get(reverse("planning_docs:plan-detail", args=[plan.pk])).content.decode()
    assert "Reports and status" not in page
