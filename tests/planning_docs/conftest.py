import pytest

from tests.factories.planning_docs import make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory


@pytest.fixture
def plan(db, trainee):
    """A draft plan owned by the `trainee` fixture, with its own lead expert."""
    return make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))


@pytest.fixture
def lead(plan):
    return plan.assignments.get(role="lead").expert
