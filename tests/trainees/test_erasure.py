"""A person's data on request: the export (JSON and PDFs) first, then the erasure, after which
no table holds their name or address and every page of the others still renders."""

import io
import json
import os
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from psycopg2 import sql

from api.services import api_token_create
from ecotown.core.models import AuditEvent, User
from pilots.models import CheckIn, ProgressReport, ReportComment, ReportPdf
from planning_docs.models import Annex, Figure, PdfRender, SectionDraft
from planning_docs.pdf.services import pdf_request_draft_render
from planning_docs.services import plan_submit, section_save
from reviews.models import Comment
from reviews.services import comment_create, comment_release, review_request_changes
from seminars.models import CalendarFeedToken
from tests.factories.core import TraineeFactory
from tests.factories.planning_docs import attach_figure_and_annex, fill_plan, make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory, TraineeProfileFactory
from tests.unchanged import nothing_changes, project_models
from trainees.travel import TRAVEL_FIELDS, travel_save, visa_letter_request

pytestmark = pytest.mark.django_db

WORDS = ["Zebulonia", "Quixwater", "zquixwater", "zq.person@erase.example"]
SIGNED = "Floods. <p>Written by Zebulonia Quixwater (zq.person@erase.example).</p>"


@pytest.fixture
def person(settings, tmp_path):
    """A trainee with a profile, a submitted plan, a released comment and their reply, a PDF,
    a token, a calendar feed and a browser signed in."""
    settings.MEDIA_ROOT = tmp_path
    trainee = TraineeFactory(
        username="zquixwater",
        first_name="Zebulonia",
        last_name="Quixwater",
        email="zq.person@erase.example",
    )
    TraineeProfileFactory(user=trainee, organisation="Ministry of Quixwater affairs")
    plan = fill_plan(make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee)))
    attach_figure_and_annex(plan)
    Figure.objects.filter(plan=plan).update(caption="Zebulonia Quixwater at the site")
    Annex.objects.filter(plan=plan).update(title="Letter to Zebulonia Quixwater")
    risks = plan.drafts.get(section__key="risks")
    # A trainee signs their plan: the name goes into the text and, on submission, the version.
    section_save(draft=risks, body=SIGNED, revision=risks.revision, actor=trainee)
    plan_submit(plan=plan, actor=trainee)
    lead = plan.assignments.get().expert
    comment_create(plan=plan, author=lead, section_key="risks", body="Thanks, Ms Quixwater.")
    comment = comment_create(plan=plan, author=lead, section_key="risks", body="Add the floods.")
    comment = comment_release(comment=comment, actor=lead)
    review_request_changes(plan=plan, version=plan.versions.get(), actor=lead, summary="Floods.")
    comment_create(plan=plan, author=trainee, body="Added, Zebulonia", parent=comment)
    render = pdf_request_draft_render(plan=plan, actor=trainee)
    render.file.save("plan.pdf", ContentFile(b"%PDF-1.7 Zebulonia Quixwater"))
    PdfRender.objects.filter(pk=render.pk).update(status=PdfRender.Status.READY)
    api_token_create(user=trainee, name="sync", scope="read")
    CalendarFeedToken.objects.create(user=trainee)
    report_pdf = _progress_report(plan, lead)
    travel = dict.fromkeys(TRAVEL_FIELDS, "") | {"arrival_at": timezone.now(), "departure_at": None}
    travel |= {
        "passport_expiry": None,
        "passport_nationality": "KE",
        "dietary_needs": "No Quixwater",
    }
    travel_save(enrolment=plan.enrolment, data=travel, actor=trainee)
    visa_letter_request(enrolment=plan.enrolment, actor=lead)  # names the person
    browser = Client()
    browser.force_login(trainee)
    return {
        "user": trainee,
        "plan": plan,
        "lead": lead,
        "pdf": render.file.path,
        "report_pdf": report_pdf,
        "browser": browser,
    }


def _progress_report(plan, lead):
    """A report naming its author in its text and rows, a comment naming them, its PDF."""
    check_in = CheckIn.objects.create(
        plan=plan, version=plan.versions.get(), months=6, due_on=date(2027, 6, 1)
    )
    report = ProgressReport.objects.create(
        check_in=check_in,
        obstacles="Zebulonia Quixwater met the mayor twice.",
        milestones=[{"title": "Decree", "note": "signed by Zebulonia Quixwater", "state": "done"}],
    )
    ReportComment.objects.create(report=report, author=lead, body="Well done, Zebulonia.")
    pdf = ReportPdf.objects.create(report=report, status=ReportPdf.Status.READY)
    pdf.file.save("report.pdf", ContentFile(b"%PDF-1.7 Zebulonia Quixwater"))
    return pdf.file.path


def tables_mentioning(words: list[str]) -> dict[str, int]:
    """Every text column of every table in the database, searched for each word."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN "
            "('text', 'character varying', 'jsonb', 'json')"
        )
        columns = cursor.fetchall()
        found = {}
        for table, column in columns:
            for word in words:
                query = sql.SQL("SELECT count(*) FROM {} WHERE {}::text ILIKE %s").format(
                    sql.Identifier(table), sql.Identifier(column)
                )
                cursor.execute(query, [f"%{word}%"])
                if count := cursor.fetchone()[0]:
                    found[f"{table}.{column} ~ {word}"] = count
    return found


def test_the_export_holds_everything_about_the_person(client, coordinator, person):
    client.force_login(coordinator)
    response = client.get(reverse("trainees:person-export", args=[person["user"].pk]))
    name = f"person-{person['user'].pk}.zip"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    pdfs = sorted(path for path in archive.namelist() if path.endswith(".pdf"))
    assert len(pdfs) == 2 and pdfs[0].startswith(f"plans/{person['plan'].pk}/")
    assert archive.read(pdfs[0]) == b"%PDF-1.7 Zebulonia Quixwater"
    report = ProgressReport.objects.get(check_in__plan=person["plan"])
    assert pdfs[1] == f"reports/{report.pk}.pdf"
    data = json.loads(archive.read("person.json"))["person"]
    assert data["account"]["email"] == "zq.person@erase.example"
    assert data["profile_and_seats"]["trainee_profile"]["organisation"] == (
        "Ministry of Quixwater affairs"
    )
    assert [plan["plan"]["title"] for plan in data["plans"]] == [person["plan"].title]
    assert len(data["plans"][0]["versions"]) == 1
    assert [c["body"] for c in data["review"]["comments"]] == ["Added, Zebulonia"]
    assert [t["name"] for t in data["api_tokens"]] == ["sync"]
    assert data["seminars"]["personal_calendar_feed"] is True
    assert data["profile_and_seats"]["travel"][0]["dietary_needs"] == "No Quixwater"
    assert len(data["profile_and_seats"]["visa_letters"]) == 1
    assert data["notifications"] != []
    assert [r["obstacles"] for r in data["pilots"]["progress_reports"]] == [
        "Zebulonia Quixwater met the mayor twice."
    ]
    assert AuditEvent.objects.filter(verb="person_data_exported", actor=coordinator).count() == 1


def test_erasure_leaves_no_trace_of_the_person_and_keeps_everyone_elses_record(
    client, coordinator, person
):
    assert tables_mentioning(WORDS) != {}  # the search finds them before
    user = person["user"]
    client.force_login(coordinator)
    client.get(reverse("trainees:person-export", args=[user.pk]))

    response = client.post(reverse("trainees:person-erase", args=[user.pk]))

    assert response["Location"] == reverse("trainees:roster")
    assert tables_mentioning(WORDS) == {}
    alias = f"Former participant {user.pk}"
    user.refresh_from_db()
    assert (str(user), user.email, user.is_active, user.has_usable_password()) == (
        alias,
        "",
        False,
        False,
    )
    event = AuditEvent.objects.get(verb="person_erased")
    assert (event.object_id, event.actor, event.note) == (user.pk, coordinator, alias)
    assert not os.path.exists(person["pdf"])
    assert not os.path.exists(person["report_pdf"])
    # The person's own words stay, signed with the alias: in the draft, the frozen version and
    # the progress report (whose PDF is rendered again under the alias).
    signed = f"Floods. <p>Written by {alias} ({alias}).</p>"
    plan = person["plan"]
    assert SectionDraft.objects.get(plan=plan, section__key="risks").body == signed
    version = plan.versions.get()
    risks = next(s for s in version.sections if s["key"] == "risks")
    assert risks["body"] == signed
    frozen = version.attachments
    assert [f["caption"] for f in frozen["figures"]] == [f"{alias} at the site"]
    assert [a["title"] for a in frozen["annexes"]] == [f"Letter to {alias}"]
    assert Figure.objects.get(plan=plan).caption == f"{alias} at the site"
    report = ProgressReport.objects.get(check_in__plan=plan)
    assert report.obstacles == f"{alias} met the mayor twice."
    assert report.milestones[0]["note"] == f"signed by {alias}"
    assert ReportComment.objects.get(report=report).body == f"Well done, {alias}."
    assert ReportPdf.objects.get(report=report).status == ReportPdf.Status.QUEUED
    assert person["browser"].get("/")["Location"].startswith(reverse("login"))
    # The others' pages render, with the comment and the reply under the alias.
    lead = Client()
    lead.force_login(person["lead"])
    review = lead.get(reverse("reviews:review", args=[plan.pk]))
    assert review.status_code == 200
    reply = Comment.objects.get(author=user)
    assert (reply.body, str(reply.author)) == (f"Added, {alias}", alias)
    assert Comment.objects.filter(body=f"Thanks, Ms {alias}.").count() == 1
    for url in (
        reverse("planning_docs:plan-detail", args=[plan.pk]),
        reverse("planning_docs:version-detail", args=[plan.pk, 1]),
        reverse("trainees:roster"),
        reverse("trainees:person-edit", args=[user.pk]),
        reverse("core:audit"),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
    assert (
        alias in client.get(reverse("planning_docs:plan-detail", args=[plan.pk])).content.decode()
    )


def test_erasure_waits_for_the_export_and_happens_once(client, coordinator, person):
    user = person["user"]
    client.force_login(coordinator)
    url = reverse("trainees:person-erase", args=[user.pk])
    with nothing_changes(*project_models()):
        response = client.post(url)
    assert response.status_code == 409
    assert "Download the person" in response.content.decode()
    client.get(reverse("trainees:person-export", args=[user.pk]))
    client.post(url)
    response = client.post(url)
    assert response.status_code == 409
    assert "erased already" in response.content.decode()
    assert User.objects.filter(pk=user.pk, is_active=False).exists()


def test_erasing_a_coauthor_leaves_the_log_whole_but_without_their_address(client, coordinator):
    """An invitation's audit row names the address it went to: the row stays, the alias in it."""
    from planning_docs.coauthors import coauthor_invite
    from planning_docs.models import PlanCoauthor

    plan = make_plan()
    colleague = TraineeFactory(
        username="ovaltrix", first_name="Ysolde", last_name="Ovaltrix", email="y.o@erase.example"
    )
    invitation = coauthor_invite(plan=plan, email=colleague.email, actor=plan.enrolment.trainee)
    PlanCoauthor.objects.filter(pk=invitation.pk).update(
        user=colleague, status=PlanCoauthor.Status.ACTIVE
    )
    words = ["Ysolde", "Ovaltrix", "y.o@erase.example"]
    assert "core_auditevent.note ~ y.o@erase.example" in tables_mentioning(words)
    client.force_login(coordinator)
    client.get(reverse("trainees:person-export", args=[colleague.pk]))

    client.post(reverse("trainees:person-erase", args=[colleague.pk]))

    assert tables_mentioning(words) == {}
    event = AuditEvent.objects.get(verb="coauthor_invited")
    alias = f"Former participant {colleague.pk}"
    assert (event.object_id, event.note) == (invitation.pk, alias)
    owner = Client()
    owner.force_login(plan.enrolment.trainee)
    page = owner.get(reverse("planning_docs:coauthor-list", args=[plan.pk]))
    assert page.status_code == 200 and f"<td>{alias}</td>" in page.content.decode()
