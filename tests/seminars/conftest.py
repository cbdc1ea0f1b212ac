import pytest

from tests.factories.core import ExpertFactory, TraineeFactory
from tests.factories.planning_docs import make_plan
from tests.factories.seminars import SeminarFactory, SessionFactory
from tests.factories.trainees import AcceptedEnrolmentFactory


@pytest.fixture
def seminar(db):
    """2-13 November 2026 in Kitakyushu (Asia/Tokyo), nominations open."""
    return SeminarFactory()


@pytest.fixture
def speaker(seminar):
    """An expert who teaches a session of the seminar."""
    expert = ExpertFactory(time_zone="Asia/Tokyo")
    SessionFactory(seminar=seminar, speakers=[expert])
    return expert


@pytest.fixture
def reviewer(seminar):
    """An expert who leads the review of a plan in the seminar and teaches nothing."""
    expert = ExpertFactory()
    make_plan(enrolment=AcceptedEnrolmentFactory(seminar=seminar), lead=expert)
    return expert


@pytest.fixture
def enrolled_trainee(seminar):
    trainee = TraineeFactory(time_zone="Africa/Nairobi")
    AcceptedEnrolmentFactory(seminar=seminar, trainee=trainee)
    return trainee


@pytest.fixture
def enrolled(db):
    """enrolled(seminar): a new trainee holding a seat in it."""

    def make(seminar):
        trainee = TraineeFactory()
        AcceptedEnrolmentFactory(seminar=seminar, trainee=trainee)
        return trainee

    return make
