"""A person's data on request: the export (JSON and PDFs) first, then the erasure, after which
no table holds their name or address and every page of the others still renders."""

import io
import json
import os
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from psycopg2 import sql

from api.services import api_token_create
from ecotown.core.models import AuditEvent, User
from planning_docs.models import PdfRender
from planning_docs.pdf.services import pdf_request_draft_render
from planning_docs.services import plan_submit
from reviews.models import Comment
from reviews.services import comment_create, comment_release, review_request_changes
from seminars.models import CalendarFeedToken
from tests.factories.core import TraineeFactory
from tests.factories.planning_docs import fill_plan, make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory, TraineeProfileFactory
from tests.unchanged import nothing_changes, project_models
from trainees.travel import TRAVEL_FIELDS, travel_save, visa_letter_request

pytestmark = pytest.mark.django_db

WORDS = ["Zebulonia", "Quixwater", "zquixwater", "zq.person@erase.example"]


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
    plan_submit(plan=plan, actor=trainee)
    lead = plan.assignments.get().expert
    comment = comment_create(plan=plan, author=lead, section_key="risks", body="Add the floods.")
    comment = comment_release(comment=comment, actor=lead)
    review_request_changes(plan=plan, version=plan.versions.get(), actor=lead, summary="Floods.")
    comment_create(plan=plan, author=trainee, body="Added, Zebulonia", parent=comment)
    render = pdf_request_draft_render(plan=plan, actor=trainee)
    render.file.save("plan.pdf", ContentFile(b"%PDF-1.7 Zebulonia Quixwater"))
    PdfRender.objects.filter(pk=render.pk).update(status=PdfRender.Status.READY)
    api_token_create(user=trainee, name="sync", scope="read")
    CalendarFeedToken.objects.create(user=trainee)
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
        "browser": browser,
    }


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
    pdfs = [path for path in archive.namelist() if path.endswith(".pdf")]
    assert len(pdfs) == 1 and pdfs[0].startswith(f"plans/{person['plan'].pk}/")
    assert archive.read(pdfs[0]) == b"%PDF-1.7 Zebulonia Quixwater"
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
    assert person["browser"].get("/")["Location"].startswith(reverse("login"))
    # The others' pages render, with the comment and the reply under the alias.
    plan = person["plan"]
    lead = Client()
    lead.force_login(person["lead"])
    review = lead.get(reverse("reviews:review", args=[plan.pk]))
    assert review.status_code == 200
    reply = Comment.objects.get(author=user)
    assert (reply.body, str(reply.author)) == (f"Added, {alias}", alias)
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
