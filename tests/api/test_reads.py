"""What the API shows: the pages' scope (the selectors'), exact values, and no N+1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.conftest import PDF_BYTES
from tests.factories.planning_docs import submitted_version
from tests.factories.trainees import EnrolmentFactory

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_each_caller_lists_the_seminars_and_plans_their_pages_show(world):
    seminar, plan = world.seminar, world.plan
    for role in ("owner", "expert"):
        client = world.client(role)
        assert [s["id"] for s in results(client.get("/api/seminars/"))] == [seminar.pk]
        assert [p["id"] for p in results(client.get("/api/plans/"))] == [plan.pk]
    coordinator = world.client("coordinator")
    every_plan = {p["id"] for p in results(coordinator.get("/api/plans/"))}
    assert every_plan == {plan.pk, world.users["other_trainee"].enrolments.get().plan.pk}


def test_a_seminar_and_its_timetable(world):
    client = world.client("owner")
    seminar = client.get(reverse("api:seminar-detail", kwargs={"pk": world.seminar.pk})).json()
    assert {k: seminar[k] for k in ("title", "year", "status", "capacity", "venue_country")} == {
        "title": world.seminar.title,
        "year": 2026,
        "status": "nominations_open",
        "capacity": 12,
        "venue_country": "JP",
    }
    assert (seminar["seats_taken"], seminar["session_count"]) == (1, 1)
    assert seminar["start_date"] == "2026-11-02"
    assert seminar["sessions_url"] == f"http://testserver/api/seminars/{world.seminar.pk}/sessions/"
    [session] = results(client.get(seminar["sessions_url"]))
    expert = world.users["expert"]
    assert session["starts_at"] == "2026-11-02T00:30:00Z"
    assert session["ends_at"] == "2026-11-02T02:00:00Z"
    assert session["track"] == "policy"
    assert session["speakers"] == [
        {"id": expert.pk, "name": f"{expert.first_name} {expert.last_name}"}
    ]


def test_a_plan_with_its_experts_sections_and_versions(world):
    plan, owner = world.plan, world.users["owner"]
    client = world.client("expert")
    shown = client.get(reverse("api:plan-detail", kwargs={"pk": plan.pk})).json()
    assert (shown["title"], shown["status"], shown["seminar"]) == (
        plan.title,
        "submitted",
        world.seminar.pk,
    )
    assert shown["trainee"] == {"id": owner.pk, "name": f"{owner.first_name} {owner.last_name}"}
    assert [(e["expert"]["id"], e["role"]) for e in shown["experts"]] == [
        (world.users["expert"].pk, "lead")
    ]
    sections = client.get(shown["sections_url"]).json()
    assert [s["key"] for s in sections] == list(
        plan.template.sections.order_by("position").values_list("key", flat=True)
    )
    risks = next(s for s in sections if s["key"] == "risks")
    assert (risks["body"], risks["revision"], risks["kind"]) == ("Text of Risks.", 1, "prose")
    [version] = results(client.get(shown["versions_url"]))
    assert (version["number"], version["content_hash"]) == (1, world.version.content_hash)
    assert version["created_by"]["id"] == owner.pk
    frozen = client.get(version["url"]).json()
    assert frozen["sections"] == world.version.sections


def test_the_pdf_as_the_page_offers_it(world):
    client = world.client("owner")
    shown = client.get(reverse("api:plan-pdf", kwargs={"pk": world.plan.pk})).json()
    assert shown["ready"]["id"] == world.render.pk
    assert shown["ready"]["status"] == "ready"
    assert shown["file_url"] == f"http://testserver/api/plans/{world.plan.pk}/pdf/file/"
    pdf = client.get(shown["file_url"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == PDF_BYTES
    # A client that asks for JSON only still gets the document: the file is what was asked for.
    assert client.get(shown["file_url"], HTTP_ACCEPT="application/json").status_code == 200


def test_no_ready_pdf_is_404_with_the_reason(world):
    world.render.delete()
    client = world.client("owner")
    shown = client.get(reverse("api:plan-pdf", kwargs={"pk": world.plan.pk})).json()
    assert (shown["ready"], shown["file_url"]) == (None, None)
    missing = client.get(reverse("api:plan-pdf-file", kwargs={"pk": world.plan.pk}))
    assert missing.status_code == 404
    assert missing.json() == {"detail": "No PDF of this plan is ready yet."}


def test_enrolments_are_filtered_by_seminar_and_status(world):
    waiting = EnrolmentFactory(seminar=world.seminar, status="nominated")
    client = world.client("coordinator")
    in_seminar = results(client.get("/api/enrolments/", {"seminar": world.seminar.pk}))
    assert {e["id"] for e in in_seminar} == {world.plan.enrolment.pk, waiting.pk}
    nominated = results(
        client.get("/api/enrolments/", {"seminar": world.seminar.pk, "status": "nominated"})
    )
    assert [(e["id"], e["email"]) for e in nominated] == [(waiting.pk, waiting.trainee.email)]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/api/plans/", "/api/seminars/", "/api/enrolments/"])
def test_lists_take_as_many_queries_for_many_rows_as_for_few(world, url):
    client = world.client("coordinator")
    client.get(url)  # the token's first use notes it (one UPDATE), later ones within a minute not
    few = count_queries(client, url)
    for _ in range(4):
        submitted_version()
    assert count_queries(client, url) == few


def test_the_root_links_every_collection_and_a_browser_gets_json_too(world):
    client = world.client("owner")
    response = client.get("/api/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "seminars": "http://testserver/api/seminars/",
        "plans": "http://testserver/api/plans/",
        "enrolments": "http://testserver/api/enrolments/",
        "schema": "http://testserver/api/schema/",
        "docs": "http://testserver/api/docs/",
    }
