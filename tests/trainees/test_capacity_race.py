"""Two coordinators accept at once: the seminar row lock keeps the seats at capacity."""

import threading
import time

import pytest
from django.db import connection

from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import enrolment_in
from trainees import services
from trainees.models import Enrolment

S = Enrolment.Status


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_accepting_at_once_never_exceed_capacity(monkeypatch):
    seminar = SeminarFactory(capacity=12)
    for _ in range(11):
        enrolment_in(seminar, status=S.ACCEPTED)
    first, second = enrolment_in(seminar), enrolment_in(seminar)

    counted = services.seats_taken

    def slow_count(seminar):
        # Hold the window between counting and accepting open: without the lock both
        # transactions would count 11 here and both accept.
        taken = counted(seminar)
        time.sleep(0.5)
        return taken

    monkeypatch.setattr(services, "seats_taken", slow_count)
    start = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def accept(enrolment):
        try:
            start.wait()
            services.enrolment_accept(enrolment=enrolment, actor=None)
            outcomes[enrolment.pk] = "accepted"
        except services.NoSeatLeft:
            outcomes[enrolment.pk] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(e,)) for e in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["accepted", "refused"]
    assert Enrolment.objects.filter(seminar=seminar, status=S.ACCEPTED).count() == 12
    refused = first if outcomes[first.pk] == "refused" else second
    refused.refresh_from_db()
    assert refused.status == S.NOMINATED
