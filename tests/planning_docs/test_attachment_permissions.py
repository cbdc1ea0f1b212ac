"""Who may add and change figures and annexes on a plan open for editing, role by role: the
trainee adds; those who read the plan get 403 with the reason; strangers 404; nothing changes
on a refusal. Reading the files follows the plan (tests/security/test_permission_matrix.py)."""

import io

import pytest
from django.urls import reverse

from ecotown.core.roles import COORDINATOR
from planning_docs.demo_attachments import process_flow_png, text_pdf
from planning_docs.models import Annex, Figure
from tests.factories.core import UserFactory
from tests.factories.planning_docs import attach_figure_and_annex, fill_plan, make_plan
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
ROLES = ("anon", "owner", "other_trainee", "expert", "other_expert", "coordinator")
# What a POST gets, per role: the owner's upload is saved and redirected.
EXPECTED = {
    "anon": "login",
    "owner": 302,
    "other_trainee": 404,
    "expert": 403,
    "other_expert": 404,
    "coordinator": 403,
}


@pytest.fixture
def people(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = fill_plan(make_plan())
    attach_figure_and_annex(plan)
    other = make_plan()
    users = {
        "owner": plan.enrolment.trainee,
        "other_trainee": other.enrolment.trainee,
        "expert": plan.assignments.get().expert,
        "other_expert": other.assignments.get().expert,
        "coordinator": UserFactory(role=COORDINATOR),
    }
    return plan, users


def upload(name: str, content: bytes) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def posts(plan):
    figure, annex = plan.figures.get(), plan.annexes.get()
    return {
        "figure-remove": (
            reverse("planning_docs:figure-remove", args=[plan.pk, figure.pk]),
            lambda: {},
        ),
        "annex-remove": (
            reverse("planning_docs:annex-remove", args=[plan.pk, annex.pk]),
            lambda: {},
        ),
        "figure-list": (
            reverse("planning_docs:figure-list", args=[plan.pk]),
            lambda: {"picture": upload("f.png", process_flow_png()), "caption": "C", "alt": "A"},
        ),
        "figure-edit": (
            reverse("planning_docs:figure-edit", args=[plan.pk, figure.pk]),
            lambda: {"caption": "New caption", "alt": "New alt"},
        ),
        "annex-list": (
            reverse("planning_docs:annex-list", args=[plan.pk]),
            lambda: {"title": "Permit", "document": upload("p.pdf", text_pdf(["Permit"]))},
        ),
    }


@pytest.mark.parametrize(
    "route", ["figure-list", "figure-edit", "annex-list", "figure-remove", "annex-remove"]
)
@pytest.mark.parametrize("role", ROLES)
def test_only_the_trainee_adds_or_changes_figures_and_annexes(client, people, route, role):
    plan, users = people
    url, data = posts(plan)[route]
    if role != "anon":
        client.force_login(users[role])
    want = EXPECTED[role]
    if want == 302:
        response = client.post(url, data())
        assert response.status_code == 302
        assert (plan.figures.count(), plan.annexes.count()) == {
            "figure-list": (2, 1),
            "figure-edit": (1, 1),
            "annex-list": (1, 2),
            "figure-remove": (0, 1),
            "annex-remove": (1, 0),
        }[route]
        return
    with nothing_changes(plan, Figure, Annex):
        response = client.post(url, data())
    if want == "login":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == want


def test_a_locked_plan_refuses_the_trainees_upload_with_the_reason(client, people):
    plan, users = people
    plan.status = plan.Status.SUBMITTED
    plan.save(update_fields=["status"])
    client.force_login(users["owner"])
    url, data = posts(plan)["figure-list"]
    with nothing_changes(plan, Figure):
        response = client.post(url, data())
    assert response.status_code == 403
    assert "while it is a draft" in response.content.decode()


def test_a_stranger_cannot_read_a_figure_by_guessing_its_address(client, people):
    plan, users = people
    figure = plan.figures.get()
    client.force_login(users["other_trainee"])
    for url in (
        reverse("planning_docs:figure-image", args=[plan.pk, figure.pk]),
        f"/media/{figure.file.name}",
    ):
        assert client.get(url).status_code == 404
