from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ecotown.core.workflow import TransitionNotAllowed
from notifications.models import Notification
from planning_docs.models import Plan
from tests.factories.core import CoordinatorFactory
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import enrolment_in
from trainees import services
from trainees.models import Enrolment

# The e-mails go out through Celery: run those tasks here, so that the outbox holds them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]
S = Enrolment.Status


@pytest.fixture
def full_seminar():
    """One seat, taken; two trainees waiting, the earlier one second in id order."""
    seminar = SeminarFactory(capacity=1, title="Eco-Town Seminar 2026")
    accepted = enrolment_in(seminar, status=S.ACCEPTED)
    now = timezone.now()
    later = enrolment_in(seminar, status=S.WAITLISTED, waitlisted_at=now - timedelta(hours=1))
    first = enrolment_in(seminar, status=S.WAITLISTED, waitlisted_at=now - timedelta(hours=2))
    return seminar, accepted, first, later


def test_withdrawal_offers_the_seat_to_the_first_waitlisted_with_an_expiry(
    full_seminar, django_capture_on_commit_callbacks, settings
):
    settings.TRAINEES_OFFER_DAYS = 5
    _seminar, accepted, first, later = full_seminar
    coordinator = CoordinatorFactory()
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_withdraw(enrolment=accepted, actor=coordinator)
    accepted.refresh_from_db()
    first.refresh_from_db()
    later.refresh_from_db()
    assert accepted.status == S.WITHDRAWN
    assert first.status == S.OFFERED
    assert later.status == S.WAITLISTED
    assert (
        before + timedelta(days=5) <= first.offer_expires_at <= timezone.now() + timedelta(days=5)
    )
    assert [m.to for m in mail.outbox] == [[first.trainee.email]]
    assert mail.outbox[0].subject == "A seat is offered to you: Eco-Town Seminar 2026"


def test_the_offer_is_in_the_trainees_portal_list_and_mailed_at_once_even_to_digest_readers(
    full_seminar, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_URL = "https://seminar.example.org"
    _seminar, accepted, first, _later = full_seminar
    first.trainee.email_digest = True
    first.trainee.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_withdraw(enrolment=accepted, actor=None)
    offer_path = f"/trainees/offers/{first.pk}/"
    [notification] = Notification.objects.filter(recipient=first.trainee)
    assert (notification.verb, notification.url) == ("seat_offer", offer_path)
    assert notification.subject == "A seat is offered to you: Eco-Town Seminar 2026"
    assert notification.emailed_at is not None
    [message] = mail.outbox
    assert message.to == [first.trainee.email]
    assert f"https://seminar.example.org{offer_path}\n" in message.body
    assert message.body == notification.body


def test_accepting_the_offer_gives_the_seat_and_the_plan(full_seminar):
    _seminar, accepted, first, _later = full_seminar
    services.enrolment_withdraw(enrolment=accepted, actor=None)
    services.offer_accept(enrolment=first, actor=first.trainee)
    first.refresh_from_db()
    assert first.status == S.ACCEPTED
    assert Plan.objects.filter(enrolment=first).exists()


def test_declining_the_offer_passes_the_seat_to_the_next(full_seminar):
    _seminar, accepted, first, later = full_seminar
    services.enrolment_withdraw(enrolment=accepted, actor=None)
    services.offer_decline(enrolment=first, actor=first.trainee)
    first.refresh_from_db()
    later.refresh_from_db()
    assert (first.status, later.status) == (S.DECLINED, S.OFFERED)


def test_an_expired_offer_cannot_be_accepted(full_seminar):
    _seminar, accepted, first, _later = full_seminar
    services.enrolment_withdraw(enrolment=accepted, actor=None)
    Enrolment.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(services.OfferExpired):
        services.offer_accept(enrolment=first, actor=first.trainee)
    first.refresh_from_db()
    assert first.status == S.OFFERED
    assert not Plan.objects.filter(enrolment=first).exists()


def test_expiry_passes_overdue_offers_to_the_next_and_leaves_open_ones(full_seminar):
    _seminar, accepted, first, later = full_seminar
    services.enrolment_withdraw(enrolment=accepted, actor=None)
    other = enrolment_in(
        SeminarFactory(), status=S.OFFERED, offer_expires_at=timezone.now() + timedelta(days=10)
    )
    expired = services.offers_expire(now=timezone.now() + timedelta(days=6))
    assert expired == [first.pk]
    first.refresh_from_db()
    later.refresh_from_db()
    other.refresh_from_db()
    assert (first.status, later.status, other.status) == (S.EXPIRED, S.OFFERED, S.OFFERED)


def test_expiry_with_an_empty_waitlist_leaves_the_seat_free():
    seminar = SeminarFactory(capacity=1)
    offer = enrolment_in(
        seminar, status=S.OFFERED, offer_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert services.offers_expire() == [offer.pk]
    assert services.seats_taken(seminar) == 0


def test_withdrawing_a_waitlisted_trainee_offers_nothing(full_seminar):
    _seminar, _accepted, first, later = full_seminar
    services.enrolment_withdraw(enrolment=later, actor=None)
    first.refresh_from_db()
    assert first.status == S.WAITLISTED


def test_a_coordinator_cannot_accept_an_offer_through_enrolment_accept(full_seminar):
    _seminar, accepted, first, _later = full_seminar
    services.enrolment_withdraw(enrolment=accepted, actor=None)
    with pytest.raises(TransitionNotAllowed, match="answered by the trainee"):
        services.enrolment_accept(enrolment=first, actor=None)


def test_free_seats_are_offered_on_request():
    seminar = SeminarFactory(capacity=2)
    waiting = enrolment_in(seminar, status=S.WAITLISTED, waitlisted_at=timezone.now())
    offers = services.seats_offer(seminar=seminar, actor=None)
    assert [e.pk for e in offers] == [waiting.pk]
    assert services.seats_offer(seminar=seminar, actor=None) == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_periodic_task_expires_offers_on_a_real_worker(celery_worker):
    from trainees.tasks import offers_expire_task

    offer = enrolment_in(
        SeminarFactory(), status=S.OFFERED, offer_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert offers_expire_task.delay().get(timeout=30) == [offer.pk]
    offer.refresh_from_db()
    assert offer.status == S.EXPIRED
