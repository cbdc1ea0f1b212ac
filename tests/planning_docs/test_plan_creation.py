import pytest

from planning_docs.models import Plan, SectionDraft
from planning_docs.services import plan_create_for_enrolment
from tests.factories.planning_docs import PlanVersionFactory
from tests.factories.trainees import AcceptedEnrolmentFactory, TraineeProfileFactory

pytestmark = pytest.mark.django_db


def test_default_template_has_the_twelve_sections_in_order():
    version = PlanVersionFactory()
    keys = [section["key"] for section in version.sections]
    assert keys[0] == "national-policy-context"
    assert keys[-1] == "transboundary-waste-and-basel"
    assert len(keys) == 12


def test_plan_for_an_enrolment_gets_one_empty_draft_per_section_and_the_trainees_country():
    profile = TraineeProfileFactory(country="GH")
    enrolment = AcceptedEnrolmentFactory(trainee=profile.user)
    plan = plan_create_for_enrolment(enrolment=enrolment, actor=None)
    assert plan.status == Plan.Status.DRAFT
    assert plan.pilot_country == "GH"
    drafts = SectionDraft.objects.filter(plan=plan)
    assert drafts.count() == 12
    assert {(d.body, d.revision) for d in drafts} == {("", 0)}


def test_creating_the_plan_twice_returns_the_same_plan():
    enrolment = AcceptedEnrolmentFactory()
    first = plan_create_for_enrolment(enrolment=enrolment, actor=None)
    assert plan_create_for_enrolment(enrolment=enrolment, actor=None) == first
    assert Plan.objects.count() == 1
