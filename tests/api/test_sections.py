"""Section autosave through the API: the page's revision rule, its refusals, its service."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.services import api_token_create
from planning_docs.coauthors import coauthor_remove
from planning_docs.models import SectionDraft
from planning_docs.services import MAX_BODY_CHARS
from tests.factories.core import ExpertFactory
from tests.factories.planning_docs import add_coauthor

pytestmark = pytest.mark.django_db


def client_of(user, scope="write"):
    _token, key = api_token_create(user=user, name="editor", scope=scope)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def url(plan, key):
    return reverse("api:section-detail", kwargs={"pk": plan.pk, "key": key})


def state(plan, key):
    return SectionDraft.objects.values_list("body", "rows", "revision").get(
        plan=plan, section__key=key
    )


def test_put_saves_the_text_and_raises_the_revision(draft_plan):
    trainee = draft_plan.enrolment.trainee
    response = client_of(trainee).put(
        url(draft_plan, "risks"), {"body": "Floods in **March**.", "revision": 0}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["body"] == "Floods in **March**."
    assert response.json()["revision"] == 1
    assert response.json()["key"] == "risks"
    draft = SectionDraft.objects.get(plan=draft_plan, section__key="risks")
    assert (draft.body, draft.revision, draft.updated_by) == ("Floods in **March**.", 1, trainee)


def test_stale_revision_gets_409_with_the_current_text_and_changes_nothing(draft_plan):
    client = client_of(draft_plan.enrolment.trainee)
    first = client.put(url(draft_plan, "risks"), {"body": "Tab one", "revision": 0}, format="json")
    assert first.status_code == 200
    stale = client.put(url(draft_plan, "risks"), {"body": "Tab two", "revision": 0}, format="json")
    assert stale.status_code == 409
    answer = stale.json()
    assert (answer["revision"], answer["body"], answer["rows"], answer["yours"]) == (
        1,
        "Tab one",
        [],
        "Tab two",
    )
    assert "Nothing was overwritten" in answer["detail"]
    assert state(draft_plan, "risks") == ("Tab one", [], 1)


def test_table_rows_are_cleaned_and_kept_and_patch_leaves_the_body(draft_plan):
    client = client_of(draft_plan.enrolment.trainee)
    client.put(url(draft_plan, "financing-plan"), {"body": "Intro", "revision": 0}, format="json")
    rows = [
        {
            "item": "Sorting line",
            "source": "national_budget",
            "amount": "250000",
            "currency": "USD",
            "year": 2027,
        }
    ]
    response = client.patch(
        url(draft_plan, "financing-plan"), {"revision": 1, "rows": rows}, format="json"
    )
    assert response.status_code == 200, response.json()
    body, saved_rows, revision = state(draft_plan, "financing-plan")
    assert (body, revision) == ("Intro", 2)
    assert [(r["item"], r["amount"], r["currency"], r["year"]) for r in saved_rows] == [
        ("Sorting line", "250000", "USD", 2027)
    ]


@pytest.mark.parametrize(
    ("method", "data"),
    [
        ("put", {"body": "No revision"}),
        ("patch", {"body": "No revision"}),
        ("put", {"revision": 0}),
        ("put", {"body": "x", "revision": "seven"}),
        ("put", {"body": "x", "revision": -1}),
        ("put", {"body": ["not", "text"], "revision": 0}),
        ("put", {"body": "x" * (MAX_BODY_CHARS + 1), "revision": 0}),
        ("put", {"body": "x", "revision": 0, "rows": "not a list"}),
    ],
)
def test_bad_input_gets_400_and_changes_nothing(draft_plan, method, data):
    client = client_of(draft_plan.enrolment.trainee)
    before = state(draft_plan, "financing-plan")
    response = getattr(client, method)(url(draft_plan, "financing-plan"), data, format="json")
    assert response.status_code == 400, response.json()
    assert state(draft_plan, "financing-plan") == before


def test_rows_the_table_cannot_keep_get_400_with_the_reason(draft_plan):
    client = client_of(draft_plan.enrolment.trainee)
    before = state(draft_plan, "financing-plan")
    bad_rows = [{"item": "Trucks", "source": "donor", "amount": "lots", "currency": "USD"}]
    response = client.put(
        url(draft_plan, "financing-plan"),
        {"body": "x", "revision": 0, "rows": bad_rows},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    assert state(draft_plan, "financing-plan") == before


def test_an_unknown_section_is_404(draft_plan):
    response = client_of(draft_plan.enrolment.trainee).put(
        url(draft_plan, "no-such-section"), {"body": "x", "revision": 0}, format="json"
    )
    assert response.status_code == 404


def test_a_coauthor_saves_through_the_api_and_a_removed_one_no_longer_can(draft_plan):
    colleague = add_coauthor(draft_plan)
    client = client_of(colleague)
    saved = client.put(url(draft_plan, "risks"), {"body": "Ours.", "revision": 0}, format="json")
    assert saved.status_code == 200
    assert SectionDraft.objects.get(plan=draft_plan, section__key="risks").updated_by == colleague
    coauthor_remove(coauthor=draft_plan.coauthors.get(), actor=draft_plan.enrolment.trainee)
    gone = client.put(url(draft_plan, "risks"), {"body": "Mine.", "revision": 1}, format="json")
    assert gone.status_code == 404
    assert state(draft_plan, "risks") == ("Ours.", [], 1)


def test_the_plans_expert_may_read_but_not_save(draft_plan):
    expert = draft_plan.assignments.get().expert
    client = client_of(expert)
    assert client.get(url(draft_plan, "risks")).status_code == 200
    response = client.put(url(draft_plan, "risks"), {"body": "x", "revision": 0}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "You may read this plan but not change it."
    assert state(draft_plan, "risks") == ("", [], 0)


def test_another_expert_does_not_learn_the_plan_exists(draft_plan):
    response = client_of(ExpertFactory()).put(
        url(draft_plan, "risks"), {"body": "x", "revision": 0}, format="json"
    )
    assert response.status_code == 404
    assert state(draft_plan, "risks") == ("", [], 0)


def test_a_read_only_token_may_read_but_never_write(draft_plan):
    client = client_of(draft_plan.enrolment.trainee, scope="read")
    assert client.get(url(draft_plan, "risks")).json()["revision"] == 0
    for method in ("put", "patch"):
        response = getattr(client, method)(
            url(draft_plan, "risks"), {"body": "x", "revision": 0}, format="json"
        )
        assert response.status_code == 403
        assert "may only read" in response.json()["detail"]
    assert state(draft_plan, "risks") == ("", [], 0)


def test_a_browser_session_must_send_the_csrf_token_to_save(draft_plan):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(draft_plan.enrolment.trainee)
    response = client.put(url(draft_plan, "risks"), {"body": "x", "revision": 0}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert state(draft_plan, "risks") == ("", [], 0)
