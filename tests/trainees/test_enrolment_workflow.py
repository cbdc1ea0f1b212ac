from datetime import timedelta

import pytest
from django.utils import timezone

from ecotown.core.models import AuditEvent
from ecotown.core.workflow import TransitionNotAllowed, check_transition
from planning_docs.models import Plan
from seminars import hooks as seminar_hooks
from tests.factories.core import CoordinatorFactory
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import EnrolmentFactory, enrolment_in
from tests.unchanged import nothing_changes
from trainees import services
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db
S = Enrolment.Status

# Every move the enrolment may make, written out by hand; any pair not here is refused.
ALLOWED = {
    ("nominated", "accepted"),
    ("nominated", "waitlisted"),
    ("waitlisted", "offered"),
    ("waitlisted", "withdrawn"),
    ("offered", "accepted"),
    ("offered", "declined"),
    ("offered", "expired"),
    ("accepted", "withdrawn"),
    ("accepted", "completed"),
}
REFUSED_EXAMPLES = [
    ("nominated", "offered"),
    ("nominated", "withdrawn"),
    ("waitlisted", "accepted"),
    ("accepted", "waitlisted"),
    ("declined", "accepted"),
    ("expired", "offered"),
    ("withdrawn", "accepted"),
    ("completed", "withdrawn"),
]


@pytest.mark.parametrize(("from_status", "to_status"), sorted(ALLOWED))
def test_enrolment_table_allows(from_status, to_status):
    check_transition(Enrolment(status=from_status), to_status)


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED_EXAMPLES)
def test_enrolment_table_refuses(from_status, to_status):
    with pytest.raises(TransitionNotAllowed):
        check_transition(Enrolment(status=from_status), to_status)


def test_enrolment_table_is_exactly_the_hand_written_one():
    table = {(a, b) for a, targets in Enrolment.TRANSITIONS.items() for b in targets}
    assert table == ALLOWED


def test_accept_gives_a_seat_creates_the_plan_and_logs_who():
    coordinator = CoordinatorFactory()
    enrolment = enrolment_in(SeminarFactory(), country="GH")
    services.enrolment_accept(enrolment=enrolment, actor=coordinator)
    enrolment.refresh_from_db()
    assert enrolment.status == S.ACCEPTED
    plan = Plan.objects.get(enrolment=enrolment)
    assert plan.pilot_country == "GH"
    event = AuditEvent.objects.filter(object_id=enrolment.pk, verb="accept").get()
    assert (event.from_status, event.to_status, event.actor) == (
        "nominated",
        "accepted",
        coordinator,
    )


def test_accept_refuses_thirteenth_trainee_and_changes_nothing():
    seminar = SeminarFactory(capacity=12)
    for _ in range(12):
        enrolment_in(seminar, status=S.ACCEPTED)
    thirteenth = enrolment_in(seminar)
    refused = pytest.raises(services.NoSeatLeft, match="All 12 seats")
    with nothing_changes(Enrolment, Plan), refused:
        services.enrolment_accept(enrolment=thirteenth, actor=None)
    thirteenth.refresh_from_db()
    assert thirteenth.status == S.NOMINATED
    assert not Plan.objects.filter(enrolment=thirteenth).exists()
    assert not AuditEvent.objects.filter(object_id=thirteenth.pk, verb="accept").exists()


def test_accept_when_full_can_waitlist_instead():
    seminar = SeminarFactory(capacity=1)
    enrolment_in(seminar, status=S.ACCEPTED)
    second = enrolment_in(seminar)
    result = services.enrolment_accept(enrolment=second, actor=None, waitlist_if_full=True)
    second.refresh_from_db()
    assert result.status == second.status == S.WAITLISTED
    assert second.waitlisted_at is not None


def test_an_open_offer_holds_its_seat_against_acceptance():
    seminar = SeminarFactory(capacity=1)
    enrolment_in(seminar, status=S.OFFERED, offer_expires_at=timezone.now() + timedelta(days=1))
    nominated = enrolment_in(seminar)
    with nothing_changes(Enrolment, Plan), pytest.raises(services.NoSeatLeft):
        services.enrolment_accept(enrolment=nominated, actor=None)


def test_accept_refuses_a_waitlisted_trainee():
    enrolment = enrolment_in(SeminarFactory(), status=S.WAITLISTED)
    with nothing_changes(Enrolment, Plan), pytest.raises(TransitionNotAllowed):
        services.enrolment_accept(enrolment=enrolment, actor=None)
    enrolment.refresh_from_db()
    assert enrolment.status == S.WAITLISTED


def test_nominating_twice_to_one_seminar_is_refused():
    enrolment = EnrolmentFactory()
    refused = pytest.raises(Exception, match="already on the roster")
    with nothing_changes(Enrolment), refused:
        services.enrolment_nominate(
            trainee=enrolment.trainee, seminar=enrolment.seminar, actor=None
        )
    assert Enrolment.objects.count() == 1


def test_complete_keeps_the_seat():
    seminar = SeminarFactory(capacity=1)
    enrolment = enrolment_in(seminar, status=S.ACCEPTED)
    services.enrolment_complete(enrolment=enrolment, actor=None)
    assert services.seats_taken(seminar) == 1


def test_attending_trainees_leave_out_open_offers_and_seat_holders_keep_them():
    seminar = SeminarFactory()
    by_status = {
        status: EnrolmentFactory(
            seminar=seminar,
            status=status,
            offer_expires_at=timezone.now() + timedelta(days=3) if status == S.OFFERED else None,
        ).trainee
        for status in S.values
    }
    EnrolmentFactory(status=S.ACCEPTED)  # another seminar's trainee

    def names(who):
        return set(seminar_hooks.trainees_of(seminar, who=who).values_list("pk", flat=True))

    assert names(seminar_hooks.ATTENDING) == {by_status[s].pk for s in ("accepted", "completed")}
    assert names(seminar_hooks.SEAT_HOLDING) == {
        by_status[s].pk for s in ("accepted", "offered", "completed")
    }
