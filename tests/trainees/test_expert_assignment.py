import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecotown.core.models import AuditEvent
from planning_docs import services as plan_services
from planning_docs.models import PlanAssignment
from planning_docs.services import plan_create_for_enrolment
from tests.factories.core import ExpertFactory, TraineeFactory
from tests.factories.planning_docs import make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db
LEAD, ADVISER = PlanAssignment.Role.LEAD, PlanAssignment.Role.ADVISER


def assignments(plan) -> set[tuple[int, str]]:
    return set(plan.assignments.values_list("expert_id", "role"))


@pytest.fixture
def plan():
    return plan_create_for_enrolment(enrolment=AcceptedEnrolmentFactory(), actor=None)


def test_assign_gives_one_lead_and_advisers_and_logs_it(plan, coordinator):
    lead, a1, a2 = ExpertFactory(), ExpertFactory(), ExpertFactory()
    plan_services.plan_assign_experts(plan=plan, lead=lead, advisers=[a1, a2], actor=coordinator)
    assert assignments(plan) == {(lead.pk, LEAD), (a1.pk, ADVISER), (a2.pk, ADVISER)}
    event = AuditEvent.objects.get(object_id=plan.pk, verb="experts_assigned")
    assert event.actor == coordinator
    assert event.note == f"lead: {lead}; advisers: {a1}, {a2}"


def test_reassigning_swaps_lead_and_adviser_and_drops_the_rest(plan):
    first, second, third = ExpertFactory(), ExpertFactory(), ExpertFactory()
    plan_services.plan_assign_experts(plan=plan, lead=first, advisers=[second, third], actor=None)
    plan_services.plan_assign_experts(plan=plan, lead=second, advisers=[first], actor=None)
    assert assignments(plan) == {(second.pk, LEAD), (first.pk, ADVISER)}


def test_lead_cannot_also_advise(plan):
    expert = ExpertFactory()
    with pytest.raises(ValidationError):
        plan_services.plan_assign_experts(plan=plan, lead=expert, advisers=[expert], actor=None)
    assert assignments(plan) == set()


def test_only_experts_can_be_assigned(plan):
    with pytest.raises(ValidationError, match="Only experts"):
        plan_services.plan_assign_experts(plan=plan, lead=TraineeFactory(), advisers=[], actor=None)
    assert assignments(plan) == set()


def test_assignment_page_shows_each_experts_workload(client, coordinator, plan):
    busy = ExpertFactory(first_name="Kenji", last_name="Tanaka")
    make_plan(lead=busy)
    make_plan(lead=busy)
    other = make_plan()
    PlanAssignment.objects.create(plan=other, expert=busy, role=ADVISER)
    client.force_login(coordinator)
    html = client.get(reverse("planning_docs:plan-assign", args=[plan.pk])).content.decode()
    assert "Kenji Tanaka (leads 2, advises 1)" in html


def test_assignment_page_saves_the_choice(client, coordinator, plan):
    lead, adviser = ExpertFactory(), ExpertFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("planning_docs:plan-assign", args=[plan.pk]),
        {"lead": lead.pk, "advisers": [adviser.pk]},
    )
    assert response.status_code == 302
    assert assignments(plan) == {(lead.pk, LEAD), (adviser.pk, ADVISER)}


def test_assignment_page_refuses_the_lead_as_adviser(client, coordinator, plan):
    lead = ExpertFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("planning_docs:plan-assign", args=[plan.pk]),
        {"lead": lead.pk, "advisers": [lead.pk]},
    )
    assert response.context["form"].errors == {
        "advisers": ["The lead expert cannot also be an adviser."]
    }
    assert assignments(plan) == set()


def test_assignment_is_refused_to_experts_and_trainees(client, plan):
    expert = ExpertFactory()
    PlanAssignment.objects.create(plan=plan, expert=expert, role=LEAD)
    for user in (expert, plan.enrolment.trainee):
        client.force_login(user)
        url = reverse("planning_docs:plan-assign", args=[plan.pk])
        assert client.post(url, {"lead": expert.pk}).status_code == 403


def expert_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("trainees:expert-list"))
    assert response.status_code == 200
    return len(queries)


def test_expert_list_query_count_does_not_grow_with_the_experts(client, coordinator):
    client.force_login(coordinator)
    for _ in range(2):
        make_plan(lead=ExpertProfileFactory().user)
    small = expert_list_queries(client)
    for _ in range(15):
        make_plan(lead=ExpertProfileFactory().user)
    assert expert_list_queries(client) == small


def test_expert_list_shows_the_workload(client, coordinator):
    expert = ExpertProfileFactory(user__first_name="Kenji", user__last_name="Tanaka").user
    make_plan(lead=expert)
    client.force_login(coordinator)
    [row] = client.get(reverse("trainees:expert-list")).context["experts"]
    assert (str(row), row.leads, row.advises) == ("Kenji Tanaka", 1, 0)
