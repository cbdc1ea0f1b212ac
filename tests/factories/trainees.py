from datetime import timedelta

import factory
from django.utils import timezone

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


class WaitlistedEnrolmentFactory(EnrolmentFactory):
    status = Enrolment.Status.WAITLISTED
    waitlisted_at = factory.LazyFunction(timezone.now)


class OfferedEnrolmentFactory(EnrolmentFactory):
    status = Enrolment.Status.OFFERED
    offer_expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=5))


def enrolment_in(seminar, status=Enrolment.Status.NOMINATED, country="KE", **fields) -> Enrolment:
    """An enrolment of a new trainee (with a profile from `country`) in `seminar`."""
    profile = TraineeProfileFactory(country=country)
    return EnrolmentFactory(trainee=profile.user, seminar=seminar, status=status, **fields)
