import factory

from tests.factories.core import ExpertFactory, TraineeFactory
from tests.factories.seminars import SeminarFactory
from trainees.models import Enrolment, ExpertProfile, TraineeProfile


class TraineeProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TraineeProfile

    user = factory.SubFactory(TraineeFactory)
    country = "KE"
    organisation = "Ministry of Environment"
    position = "Officer"


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(ExpertFactory)
    organisation = "City of Kitakyushu"
    fields = ["policy"]


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    trainee = factory.SubFactory(TraineeFactory)
    seminar = factory.SubFactory(SeminarFactory)
    status = Enrolment.Status.NOMINATED


class AcceptedEnrolmentFactory(EnrolmentFactory):
    status = Enrolment.Status.ACCEPTED
