"""The certificate's rule (an approved plan and the seminar's attendance threshold), the path
its page shows, its automatic issue, and a coordinator's exception with a recorded reason."""

import pytest
from django.urls import reverse

from ecotown.core.models import AuditEvent
from planning_docs.models import PdfRender
from planning_docs.pdf.certificate import CertificateRefused, certificate_issue, certificate_path
from planning_docs.services import plan_approve
from seminars.attendance import attendance_mark
from tests.factories.core import CoordinatorFactory
from tests.factories.planning_docs import submitted_version
from tests.factories.seminars import SessionFactory
from tests.pdf.conftest import approve
from tests.unchanged import nothing_changes


def certificates(plan):
    return PdfRender.objects.filter(plan=plan, kind=PdfRender.Kind.CERTIFICATE)


def sessions_of(plan, n):
    return [SessionFactory(seminar=plan.enrolment.seminar) for _ in range(n)]


def attend(plan, sessions):
    coordinator = CoordinatorFactory()
    for session in sessions:
        attendance_mark(
            session=session, trainee=plan.enrolment.trainee, present=True, actor=coordinator
        )


def test_the_page_says_what_is_still_missing(client, plan):
    attend(plan, sessions_of(plan, 5)[:1])
    client.force_login(plan.enrolment.trainee)
    page = client.get(reverse("planning_docs_pdf:plan-certificate", args=[plan.pk])).content
    text = page.decode()
    assert "The plan is not approved yet" in text
    # 80% of 5 sessions: 4 needed, 3 more to attend.
    assert "Attendance: 1 of 5 sessions; 4 needed (80%)." in text
    assert "3 more sessions to attend." in text
    assert "No PDF has been made yet." not in text


def test_the_last_session_needed_issues_the_certificate(approved_version):
    plan = approved_version.plan
    sessions = sessions_of(plan, 5)
    attend(plan, sessions[:3])
    assert not certificates(plan).exists()
    attend(plan, sessions[3:4])
    assert certificates(plan).get().status == PdfRender.Status.QUEUED
    assert certificate_path(plan).earned


def test_approval_issues_it_when_the_attendance_is_there(db):
    version = submitted_version()
    plan = version.plan
    sessions = sessions_of(plan, 2)
    attend(plan, sessions)
    assert not certificates(plan).exists()  # attended, not approved yet
    plan_approve(plan=plan, version=version, actor=plan.assignments.get().expert, note="")
    assert certificates(plan).count() == 1


def test_a_lower_threshold_counts(approved_version):
    plan = approved_version.plan
    seminar = plan.enrolment.seminar
    seminar.attendance_threshold = 50
    seminar.save()
    attend(plan, sessions_of(plan, 4)[:2])
    assert certificates(plan).count() == 1


def test_short_attendance_needs_a_reason_which_is_recorded(client, approved_version):
    plan = approved_version.plan
    sessions_of(plan, 3)
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    url = reverse("planning_docs_pdf:plan-certificate", args=[plan.pk])
    with nothing_changes(PdfRender, AuditEvent):
        refused = client.post(url)
    assert refused.status_code == 409
    assert "attended 0 of 3 sessions; the certificate needs 3" in refused.content.decode()
    response = client.post(url, {"reason": "Flew home early: a family emergency."})
    assert response.status_code == 302
    assert certificates(plan).count() == 1
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.CERTIFICATE_BY_EXCEPTION)
    assert (event.note, event.actor, event.object_id) == (
        "Flew home early: a family emergency.",
        coordinator,
        plan.pk,
    )


def test_an_approved_plan_without_a_version_does_not_fail_the_roll_call(plan, lead_expert):
    approve(plan, lead_expert)
    attend(plan, sessions_of(plan, 1))  # earned, nothing to render: no error, no certificate
    assert not certificates(plan).exists()


def test_no_exception_before_approval(plan):
    with nothing_changes(PdfRender, AuditEvent), pytest.raises(CertificateRefused):
        certificate_issue(plan=plan, actor=CoordinatorFactory(), reason="Because")


def test_the_trainee_may_not_issue_one(client, approved_version):
    plan = approved_version.plan
    client.force_login(plan.enrolment.trainee)
    url = reverse("planning_docs_pdf:plan-certificate", args=[plan.pk])
    with nothing_changes(PdfRender, AuditEvent):
        assert client.post(url, {"reason": "Please"}).status_code == 403
