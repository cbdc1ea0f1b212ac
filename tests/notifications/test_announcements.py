"""Announcements: written into an outbox, confirmed by a coordinator, sent exactly once by a
worker into each recipient's notifications and mailbox."""

import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from ecotown.core import outbox
from ecotown.core.models import AuditEvent, OutboxTask
from ecotown.core.workflow import TransitionNotAllowed
from notifications.announcements import (
    announcement_confirm,
    announcement_send,
    announcement_write,
)
from notifications.models import Announcement, Notification
from tests.factories.core import CoordinatorFactory, ExpertFactory
from tests.factories.planning_docs import make_plan
from tests.factories.seminars import SeminarFactory, SessionFactory
from tests.factories.trainees import AcceptedEnrolmentFactory, WaitlistedEnrolmentFactory
from tests.unchanged import nothing_changes
from tests.worker import broker_unreachable, sent_mails


def seminar_world():
    """A seminar with two trainees holding seats, one waitlisted, a speaker and a reviewer."""
    seminar = SeminarFactory()
    seated = [AcceptedEnrolmentFactory(seminar=seminar).trainee for _ in range(2)]
    WaitlistedEnrolmentFactory(seminar=seminar)
    speaker, reviewer = ExpertFactory(), ExpertFactory()
    SessionFactory(seminar=seminar, speakers=[speaker])
    make_plan(enrolment=AcceptedEnrolmentFactory(seminar=seminar), lead=reviewer)
    return seminar, seated, [speaker, reviewer]


def write(seminar, audience, author):
    return announcement_write(
        seminar_id=seminar.pk,
        audience=audience,
        subject="Bus at 08:15",
        body="Bring shoes.",
        actor=author,
    )


@pytest.mark.parametrize("audience", ["trainees", "experts", "everyone"])
def test_each_audience_gets_it_once(db, audience):
    seminar, seated, experts = seminar_world()
    trainees = [*seated, seminar.enrolments.get(plan__isnull=False).trainee]
    expected = {"trainees": trainees, "experts": experts, "everyone": trainees + experts}
    announcement = write(seminar, audience, CoordinatorFactory())
    assert not Notification.objects.exists()  # waiting for review: nobody has it yet
    announcement_confirm(announcement=announcement, actor=CoordinatorFactory())
    assert OutboxTask.objects.filter(task="notifications.send_announcement").count() == 1
    assert announcement_send(announcement_id=announcement.pk) == len(expected[audience])
    assert announcement_send(announcement_id=announcement.pk) == 0  # a duplicate delivery
    got = Notification.objects.filter(verb="announcement")
    assert sorted(got.values_list("recipient", flat=True)) == sorted(
        u.pk for u in expected[audience]
    )
    announcement.refresh_from_db()
    assert (announcement.status, announcement.recipients_count) == ("sent", len(expected[audience]))


def test_nothing_is_sent_before_confirmation_or_after_withdrawal(client, db):
    seminar, _seated, _experts = seminar_world()
    coordinator = CoordinatorFactory()
    announcement = write(seminar, "everyone", coordinator)
    assert announcement_send(announcement_id=announcement.pk) == 0
    client.force_login(coordinator)
    client.post(reverse("notifications:announcement-act", args=[announcement.pk, "withdraw"]))
    refused = pytest.raises(TransitionNotAllowed)
    with nothing_changes(Announcement, Notification, OutboxTask), refused:
        announcement_confirm(announcement=announcement, actor=coordinator)
    assert not Notification.objects.exists()


def test_the_author_may_confirm_after_reading_it_again(client, db):
    seminar, _seated, _experts = seminar_world()
    author = CoordinatorFactory()
    client.force_login(author)
    response = client.post(
        reverse("notifications:announcement-create"),
        {"seminar": seminar.pk, "audience": "trainees", "subject": "Hello", "body": "Welcome."},
    )
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    outbox = client.get(reverse("notifications:announcements")).content.decode()
    assert "Welcome." in outbox and "Confirm and send" in outbox
    client.post(reverse("notifications:announcement-act", args=[announcement.pk, "confirm"]))
    announcement.refresh_from_db()
    assert (announcement.status, announcement.confirmed_by) == ("queued", author)
    verbs = AuditEvent.objects.filter(object_id=announcement.pk).values_list("verb", flat=True)
    assert set(verbs) >= {"announcement_written", "announcement_confirmed"}


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_it_once(monkeypatch):
    monkeypatch.setattr(outbox, "_paused_until", 0.0)  # the refused send pauses this process
    seminar, _seated, _experts = seminar_world()
    announcement = write(seminar, "trainees", CoordinatorFactory())
    # Kept in the outbox: a session's real worker must not take the task before the threads.
    with broker_unreachable():
        announcement_confirm(announcement=announcement, actor=CoordinatorFactory())
    results = []

    def deliver():
        try:
            results.append(announcement_send(announcement_id=announcement.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 3]
    assert Notification.objects.filter(verb="announcement").count() == 3


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_confirmed_announcement(celery_worker):
    seminar, seated, _experts = seminar_world()
    announcement = write(seminar, "trainees", CoordinatorFactory())
    announcement_confirm(announcement=announcement, actor=CoordinatorFactory())  # committed
    deadline = time.monotonic() + 30
    while not sent_mails(celery_worker.mail_dir, seated[0].email):
        assert time.monotonic() < deadline, "the worker did not send the announcement in 30 s"
        time.sleep(0.2)
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    subject, body = sent_mails(celery_worker.mail_dir, seated[0].email)[0]
    assert subject == f"{seminar.title}: Bus at 08:15"
    assert "Bring shoes." in body
    assert Notification.objects.filter(verb="announcement").count() == 3


def test_the_outbox_page_is_flat(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    url = reverse("notifications:announcements")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    seminar = SeminarFactory()
    write(seminar, "everyone", coordinator)
    count()
    few = count()
    for _ in range(15):
        sent = write(SeminarFactory(), "trainees", CoordinatorFactory())
        announcement_confirm(announcement=sent, actor=CoordinatorFactory())
        write(SeminarFactory(), "experts", CoordinatorFactory())
    assert count() == few
