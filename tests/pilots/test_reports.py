from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from ecotown.core.models import AuditEvent
from ecotown.core.outbox import OutboxTask
from ecotown.core.workflow import history_of
from notifications.models import Notification
from pilots.models import ProgressReport, ReportPdf
from pilots.progress import progress_toward_target
from pilots.services import report_save
from tests.factories.pilots import approved_plan, filled_input, submitted_report
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db

# The sample plan: one indicator (Waste recycled, t/year, 1200 -> 5000), two milestones, two
# financing sources in USD (donor 120000.50, national budget 250000).
COMPLETE = {
    "ind-0-actual": "2150",
    "ind-0-unit": "t/year",
    "ind-0-date": "2027-05-01",
    "ind-0-source": "Weighbridge records",
    "ms-0-state": "done",
    "ms-1-state": "on_track",
    "fin-0-secured": "60000",
    "fin-1-secured": "250000",
    "worked": "The decree passed.",
    "obstacles": "Trucks came late.",
    "help_requested": "A visit of the sorting engineers.",
}


@pytest.fixture
def six(db):
    return approved_plan().check_ins.get(months=6)


def url(check_in):
    return reverse("pilots:report-edit", args=[check_in.pk])


def test_the_trainee_submits_a_complete_report(client, six):
    client.force_login(six.plan.enrolment.trainee)
    response = client.post(url(six), COMPLETE | {"action": "submit"})
    report = ProgressReport.objects.get(check_in=six)
    assert response.status_code == 302
    assert response["Location"] == reverse("pilots:report-detail", args=[report.pk])
    assert report.status == "submitted"
    assert report.indicators == [
        {
            "indicator": "Waste recycled",
            "unit": "t/year",
            "baseline": "1200",
            "target": "5000",
            "actual": "2150",
            "date": "2027-05-01",
            "source": "Weighbridge records",
        }
    ]
    assert [row["state"] for row in report.milestones] == ["done", "on_track"]
    assert report.financing == [
        {"source": "donor", "currency": "USD", "planned": "120000.50", "secured": "60000"},
        {"source": "national_budget", "currency": "USD", "planned": "250000", "secured": "250000"},
    ]
    assert ReportPdf.objects.get(report=report).status == "queued"
    assert OutboxTask.objects.filter(task="pilots.render_report_pdf").exists()


@pytest.mark.parametrize("unit", ["kg/year", "", "tonnes"])
def test_an_actual_value_in_another_unit_is_refused_and_nothing_changes(client, six, unit):
    client.force_login(six.plan.enrolment.trainee)
    for action in ("save", "submit"):
        with nothing_changes(ProgressReport, six):
            response = client.post(url(six), COMPLETE | {"ind-0-unit": unit, "action": action})
        assert response.status_code == 400
        assert "This indicator is measured in t/year" in response.content.decode()


def test_the_unit_is_compared_without_case_or_extra_spaces(client, six):
    client.force_login(six.plan.enrolment.trainee)
    response = client.post(url(six), COMPLETE | {"ind-0-unit": " T/Year ", "action": "save"})
    assert response.status_code == 302
    assert ProgressReport.objects.get(check_in=six).indicators[0]["actual"] == "2150"


def test_a_draft_may_be_incomplete_but_submitting_needs_every_answer(client, six):
    client.force_login(six.plan.enrolment.trainee)
    partial = {"ind-0-actual": "2150", "ind-0-unit": "t/year", "action": "save"}
    assert client.post(url(six), partial).status_code == 302
    report = ProgressReport.objects.get(check_in=six)
    assert report.status == "draft"
    with nothing_changes(report):
        response = client.post(url(six), partial | {"action": "submit"})
    assert response.status_code == 400
    assert response.content.decode().count("Needed to submit the report.") == 9


def test_a_figure_that_is_no_number_is_refused(client, six):
    client.force_login(six.plan.enrolment.trainee)
    with nothing_changes(ProgressReport):
        response = client.post(url(six), COMPLETE | {"fin-0-secured": "a lot", "action": "save"})
    assert response.status_code == 400


def test_a_submitted_report_is_refused_by_the_service_and_nothing_changes(six):
    report = submitted_report(six)
    # Filing closes with the submission: the permission refuses first (the lock inside the
    # service refuses a submission that raced ahead of it).
    with nothing_changes(report), pytest.raises(PermissionDenied):
        report_save(
            check_in=six, actor=six.plan.enrolment.trainee, data=filled_input(six, share="1")
        )


@pytest.mark.parametrize(
    "assignment",
    ["worked = 'rewritten'", "status = 'draft'", "indicators = '[]'", "submitted_at = now()"],
)
def test_the_database_refuses_to_update_a_submitted_report(six, assignment):
    report = submitted_report(six)
    sql = f"UPDATE pilots_progressreport SET {assignment} WHERE id = %s"  # noqa: S608
    with (
        nothing_changes(report),
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [report.pk])


def test_the_database_refuses_an_orm_update_of_a_submitted_report(six):
    report = submitted_report(six)
    with pytest.raises(DatabaseError), transaction.atomic():
        ProgressReport.objects.filter(pk=report.pk).update(obstacles="none")
    report.refresh_from_db()
    assert report.obstacles == "Trucks"


def test_a_draft_still_changes(six):
    trainee = six.plan.enrolment.trainee
    report = report_save(check_in=six, actor=trainee, data=filled_input(six))
    ProgressReport.objects.filter(pk=report.pk).update(obstacles="none")
    report.refresh_from_db()
    assert report.obstacles == "none"
    assert AuditEvent.objects.filter(verb="report_saved", object_id=report.pk).count() == 1


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "expected"),
    [
        ("1200", "5000", "2150", Decimal("25.0")),  # 950 of 3800
        ("1200", "5000", "1200", Decimal("0.0")),
        ("1200", "5000", "6000", Decimal("126.3")),  # past the target: 4800 of 3800
        ("80", "20", "65", Decimal("25.0")),  # a falling indicator: 15 of 60
        ("0", "3", "1", Decimal("33.3")),
        ("10", "10", "12", None),  # no change asked for: no share of it
    ],
)
def test_progress_toward_target(baseline, target, actual, expected):
    row = {"baseline": baseline, "target": target, "actual": actual}
    assert progress_toward_target(row) == expected


def test_progress_without_an_actual_value_is_none():
    assert progress_toward_target({"baseline": "1", "target": "2", "actual": ""}) is None


def test_submitting_tells_the_experts_and_coordinators_and_is_audited(six, coordinator):
    report = submitted_report(six)
    told = Notification.objects.filter(verb="report_submitted").values_list("recipient", flat=True)
    assert sorted(told) == sorted([six.plan.assignments.get().expert.pk, coordinator.pk])
    event = history_of(report).get(verb="report_submitted")
    assert (event.actor, event.from_status, event.to_status) == (
        six.plan.enrolment.trainee,
        "draft",
        "submitted",
    )
    assert report.submitted_by == six.plan.enrolment.trainee
