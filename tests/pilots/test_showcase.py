import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from ecotown.core.models import AuditEvent
from ecotown.core.roles import COORDINATOR
from pilots.models import PlanConsent
from pilots.showcase import plan_consent_set, showcase_decide
from planning_docs.models import Plan
from tests.factories.core import AdminFactory, UserFactory
from tests.factories.planning_docs import submitted_version
from tests.pilots.library_world import approved_in, seminar_of
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db

SUMMARY = "A composting pilot at three markets, selling compost to market gardens."


@pytest.fixture
def plan():
    # A seminar to come: no report is due yet, so the pilot reads "Not started".
    return approved_in(seminar_of(2099), title="Market compost", pilot_region="Dakar")


@pytest.fixture
def coordinator():
    return UserFactory(role=COORDINATOR)


def consents(plan, *, public=True, summary=SUMMARY):
    return plan_consent_set(
        plan=plan,
        actor=plan.enrolment.trainee,
        show_to_trainees=True,
        public=public,
        summary=summary,
    )


def public_status(pk) -> int:
    return Client().get(reverse("showcase:public-detail", args=[pk])).status_code


def public_index() -> str:
    return Client().get(reverse("showcase:public-index")).content.decode()


def test_the_public_page_shows_a_consented_and_approved_summary(plan, coordinator):
    # A name no word of the page holds (a generated "Lang" stood in "Language").
    type(plan.enrolment.trainee).objects.filter(pk=plan.enrolment.trainee_id).update(
        first_name="Aminata", last_name="Ndiongue"
    )
    consents(plan)
    showcase_decide(plan=plan, actor=coordinator, approve=True)
    response = Client().get(reverse("showcase:public-detail", args=[plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert SUMMARY in html and "Market compost" in html and "Dakar" in html
    assert "Not started" in html  # the pilot's status
    assert "Ndiongue" not in html and "Aminata" not in html  # no personal data
    assert "Market compost" in public_index()


def test_the_public_page_is_404_without_consent(plan):
    assert public_status(plan.pk) == 404
    consents(plan, public=False, summary="")
    assert public_status(plan.pk) == 404
    assert "Market compost" not in public_index()


def test_the_public_page_is_404_without_a_coordinators_approval(plan):
    consents(plan)
    assert public_status(plan.pk) == 404
    assert "Market compost" not in public_index()


def test_withdrawing_consent_takes_the_page_down_and_needs_approval_again(plan, coordinator):
    consents(plan)
    showcase_decide(plan=plan, actor=coordinator, approve=True)
    consents(plan, public=False, summary=SUMMARY)
    assert public_status(plan.pk) == 404
    assert PlanConsent.objects.get(plan=plan).approved_at is None
    consents(plan)  # consenting again is not enough
    assert public_status(plan.pk) == 404
    verbs = AuditEvent.objects.filter(object_id=plan.pk).values_list("verb", flat=True)
    assert "showcase_withdrawn" in set(verbs)


def test_changing_the_summary_takes_the_page_down_until_approved_again(plan, coordinator):
    consents(plan)
    showcase_decide(plan=plan, actor=coordinator, approve=True)
    consents(plan, summary="Something else")
    assert public_status(plan.pk) == 404
    showcase_decide(plan=plan, actor=coordinator, approve=True)
    assert public_status(plan.pk) == 200


def test_a_coordinator_withdraws_a_summary(plan, coordinator):
    consents(plan)
    showcase_decide(plan=plan, actor=coordinator, approve=True)
    showcase_decide(plan=plan, actor=coordinator, approve=False)
    assert public_status(plan.pk) == 404


def test_a_reopened_plan_is_404_to_the_public(plan, coordinator):
    consents(plan)
    showcase_decide(plan=plan, actor=coordinator, approve=True)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CHANGES_REQUESTED)
    assert public_status(plan.pk) == 404


def test_approval_is_refused_without_consent_or_for_an_unapproved_plan(coordinator):
    draft = submitted_version().plan
    with nothing_changes(PlanConsent), pytest.raises(ValidationError):
        showcase_decide(plan=draft, actor=coordinator, approve=True)
    consents(draft)
    with nothing_changes(PlanConsent), pytest.raises(ValidationError):
        showcase_decide(plan=draft, actor=coordinator, approve=True)


def test_only_the_trainee_consents_and_only_coordinators_approve(plan, coordinator):
    with nothing_changes(PlanConsent), pytest.raises(PermissionDenied):
        plan_consent_set(
            plan=plan, actor=AdminFactory(), show_to_trainees=True, public=True, summary="x"
        )
    consents(plan)
    with nothing_changes(PlanConsent), pytest.raises(PermissionDenied):
        showcase_decide(plan=plan, actor=plan.assignments.get().expert, approve=True)


def test_public_consent_needs_a_summary(client, plan):
    client.force_login(plan.enrolment.trainee)
    url = reverse("pilots:consent", args=[plan.pk])
    with nothing_changes(PlanConsent):
        response = client.post(url, {"show_to_trainees": "on", "public": "on", "summary": " "})
    assert response.status_code == 400
    assert "Write the summary the public may read." in response.content.decode()
    response = client.post(url, {"show_to_trainees": "on", "public": "on", "summary": SUMMARY})
    assert response.status_code == 302
    saved = PlanConsent.objects.get(plan=plan)
    assert (saved.show_to_trainees, saved.public, saved.summary, saved.approved_at) == (
        True,
        True,
        SUMMARY,
        None,
    )


def test_the_coordinator_approves_from_the_pilot_page(client, plan, coordinator):
    consents(plan)
    client.force_login(coordinator)
    page = client.get(reverse("pilots:pilot-detail", args=[plan.pk])).content.decode()
    assert "Approve the public summary" in page and SUMMARY in page
    url = reverse("pilots:showcase-decision", args=[plan.pk])
    assert client.post(url, {"action": "approve"}).status_code == 302
    assert public_status(plan.pk) == 200


def test_the_public_page_shows_coordinates_when_the_plan_has_them(plan, coordinator):
    consents(plan)
    showcase_decide(plan=plan, actor=coordinator, approve=True)
    Plan.objects.filter(pk=plan.pk).update(pilot_latitude=14.75, pilot_longitude=-17.35)
    html = Client().get(reverse("showcase:public-detail", args=[plan.pk])).content.decode()
    assert "14.75" in html and "-17.35" in html
    # In a language that writes a decimal comma the pair still reads as coordinates.
    client = Client(HTTP_ACCEPT_LANGUAGE="ar")
    html = client.get(reverse("showcase:public-detail", args=[plan.pk])).content.decode()
    assert '<dd class="col-sm-9" dir="ltr">14.75000, -17.35000</dd>' in html


def test_public_index_queries_do_not_grow_with_the_number_of_pilots(coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    future = seminar_of(2099)

    def add(n):
        for _ in range(n):
            shown = approved_in(future)
            consents(shown)
            showcase_decide(plan=shown, actor=coordinator, approve=True)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(reverse("showcase:public-index")).status_code == 200
        return len(captured)

    add(2)
    small = queries()
    add(3)
    assert queries() == small
    assert public_index().count("/public/pilots/") == 5


def test_the_trainee_withdraws_from_the_consent_page(client, plan, coordinator):
    consents(plan)
    showcase_decide(plan=plan, actor=coordinator, approve=True)
    client.force_login(plan.enrolment.trainee)
    url = reverse("pilots:consent", args=[plan.pk])
    assert "Your summary is on the public showcase." in client.get(url).content.decode()
    response = client.post(url, {"show_to_trainees": "on", "summary": SUMMARY})
    assert response.status_code == 302
    saved = PlanConsent.objects.get(plan=plan)
    assert (saved.show_to_trainees, saved.public, saved.approved_at) == (True, False, None)
    assert public_status(plan.pk) == 404


def test_the_public_pages_draw_the_pilot_on_the_map(plan, coordinator):
    from pilots.map_svg import project

    consents(plan)
    showcase_decide(plan=plan, actor=coordinator, approve=True)
    Plan.objects.filter(pk=plan.pk).update(pilot_latitude=14.75, pilot_longitude=-17.35)
    x, y = project(14.75, -17.35)
    dot = re.compile(r'<circle class="pilot-dot" data-plan="(\d+)"[^>]* cx="([^"]+)" cy="([^"]+)"')
    index = reverse("showcase:public-index")
    for url in (index, reverse("showcase:public-detail", args=[plan.pk])):
        [(pk, cx, cy)] = dot.findall(Client().get(url).content.decode())
        assert (int(pk), float(cx), float(cy)) == (plan.pk, pytest.approx(x), pytest.approx(y))
