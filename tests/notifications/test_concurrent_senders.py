"""Two senders at once (two workers running the same task, or two digest runs overlapping) send
each notification's e-mail exactly once.

Each sender runs in its own thread with its own database connection and transaction, against
the real PostgreSQL; a barrier starts them together and the mail backend is slow, so that without
a claim on the rows both would read them as pending before either marks them sent.
"""

import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from notifications.models import Notification
from notifications.services import digest_send, notification_send_email
from tests.factories.core import TraineeFactory

pytestmark = pytest.mark.django_db(transaction=True)

_sent_lock = threading.Lock()


class SlowBackend(EmailBackend):
    """Django's test outbox, taking the time a real SMTP server takes to accept a message."""

    def send_messages(self, messages):
        time.sleep(0.5)
        with _sent_lock:
            return super().send_messages(messages)


def run_at_once(*calls):
    """Run each call in its own thread (own connection, own transaction), all started together.

    Returns each call's result, in order; re-raises the first error of any thread.
    """
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a sender hung"
    if errors:
        raise errors[0]
    return results


@pytest.fixture
def slow_mail(settings):
    settings.MAILERS = {**settings.MAILERS, "default": {"BACKEND": f"{__name__}.SlowBackend"}}


def pending_notifications(recipient, count: int) -> list[Notification]:
    # Rows written directly: notify() would also queue a task that a worker might run meanwhile.
    return [
        Notification.objects.create(
            recipient=recipient,
            verb="plan_submitted",
            subject=f"Plan submitted ({number})",
            body=f"Plan number {number} was submitted.\n",
        )
        for number in range(1, count + 1)
    ]


def test_two_workers_sending_the_same_notification_send_one_mail(slow_mail):
    trainee = TraineeFactory()
    [notification] = pending_notifications(trainee, 1)

    results = run_at_once(
        lambda: notification_send_email(notification_id=notification.pk),
        lambda: notification_send_email(notification_id=notification.pk),
    )

    assert sorted(results) == [False, True]
    assert [(m.to, m.subject) for m in mail.outbox] == [([trainee.email], notification.subject)]
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_two_overlapping_digest_runs_send_one_digest(slow_mail):
    trainee = TraineeFactory(email_digest=True)
    pending = pending_notifications(trainee, 3)

    results = run_at_once(
        lambda: digest_send(recipient=trainee),
        lambda: digest_send(recipient=trainee),
    )

    assert sorted(results) == [0, 3]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [trainee.email]
    assert "3 updates" in mail.outbox[0].subject
    assert not Notification.objects.filter(
        pk__in=[n.pk for n in pending], emailed_at__isnull=True
    ).exists()


def test_an_immediate_send_and_a_digest_run_at_once_mail_a_notification_once(slow_mail):
    # A reader who switched to the digest while an immediate e-mail was still queued.
    trainee = TraineeFactory(email_digest=True)
    [notification] = pending_notifications(trainee, 1)

    results = run_at_once(
        lambda: notification_send_email(notification_id=notification.pk),
        lambda: digest_send(recipient=trainee),
    )

    assert results in ([True, 0], [False, 1])
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None
