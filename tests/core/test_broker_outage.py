"""A broker outage: requests answer at once, and their work is delivered, once, when it is back.

The web side (this process) is pointed at a closed port while the request runs; the worker keeps
its connection to the real test broker, as a worker would that reconnects once Redis is back.
"""

import time

import pytest
from django.urls import reverse

from ecotown.core import outbox
from ecotown.core.models import OutboxTask
from ecotown.core.tasks import send_outbox
from notifications.models import Notification
from planning_docs.models import PdfRender, Plan
from tests.factories.core import CoordinatorFactory, ExpertFactory
from tests.factories.planning_docs import submitted_version
from tests.factories.trainees import TraineeProfileFactory
from tests.worker import broker_unreachable, sent_mails

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]
# A request that does not wait on the broker: it took 20-31 s when it did (the result backend's
# retries); the bound leaves room for a loaded test machine.
QUICK = 5.0


@pytest.fixture(autouse=True)
def _outbox_not_paused(monkeypatch):
    # A refusal pauses this process's sending for a few seconds; each test starts unpaused.
    monkeypatch.setattr(outbox, "_paused_until", 0.0)


def wait_until(check, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "not delivered in time"
        time.sleep(0.2)


def test_approving_while_the_broker_is_down_answers_at_once_and_delivers_once_it_is_back(
    celery_worker, client
):
    expert = ExpertFactory()
    coordinator = CoordinatorFactory()
    version = submitted_version(lead=expert)
    plan = version.plan
    client.force_login(expert)

    with broker_unreachable():
        started = time.monotonic()
        response = client.post(
            reverse("reviews:decide", args=[plan.pk]),
            {
                "decision": "approved",
                "version": version.number,
                "summary": "Well argued.",
                "confirmed": "on",
            },
        )
        elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < QUICK, elapsed
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED
    render = PdfRender.objects.get(kind=PdfRender.Kind.FINAL, version=version)
    notifications = list(Notification.objects.filter(plan=plan, verb="plan_decision"))
    ids = [n.pk for n in notifications]
    recipients = sorted(n.recipient.email for n in notifications)
    assert recipients == sorted([plan.enrolment.trainee.email, coordinator.email])
    # Nothing reached the broker: every task waits in the outbox, none lost.
    pending = sorted(OutboxTask.objects.values_list("task", "args"))
    assert pending == sorted(
        [("planning_docs.render_pdf", [render.pk])]
        + [("notifications.send_email", [n.pk]) for n in notifications]
    )
    time.sleep(1)
    render.refresh_from_db()
    assert render.status == PdfRender.Status.QUEUED
    assert all(n.emailed_at is None for n in Notification.objects.filter(pk__in=ids))

    # The broker is back: the periodic sweep (here sent at once) hands the work to the worker.
    send_outbox.delay()
    wait_until(lambda: not Notification.objects.filter(pk__in=ids, emailed_at=None).exists())
    wait_until(lambda: PdfRender.objects.get(pk=render.pk).status == PdfRender.Status.READY)
    assert not OutboxTask.objects.exists()
    assert outbox.outbox_send_pending() == 0  # a second sweep finds nothing to send
    time.sleep(1)
    for notification in notifications:
        mails = sent_mails(celery_worker.mail_dir, notification.recipient.email)
        assert mails == [(notification.subject, notification.body)]
    render.refresh_from_db()
    assert (render.status, render.attempts) == (PdfRender.Status.READY, 1)


def test_resending_an_invitation_while_the_broker_is_down_mails_it_once_it_is_back(
    celery_worker, client, settings
):
    # Invited, not signed up yet: no password of their own (a resend is refused once they have one).
    profile = TraineeProfileFactory(user__email="outage.invitee@example.org", user__password=None)
    client.force_login(CoordinatorFactory())

    with broker_unreachable():
        started = time.monotonic()
        response = client.post(reverse("trainees:invite", args=[profile.user.pk]))
        elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < QUICK, elapsed
    invitation = Notification.objects.get(email="outage.invitee@example.org")
    assert invitation.emailed_at is None
    assert list(OutboxTask.objects.values_list("task", "args")) == [
        ("notifications.send_email", [invitation.pk])
    ]

    assert outbox.outbox_send_pending() == 1  # the sweep, once the broker is back
    wait_until(lambda: Notification.objects.get(pk=invitation.pk).emailed_at is not None)
    assert outbox.outbox_send_pending() == 0
    time.sleep(1)
    [(subject, body)] = sent_mails(celery_worker.mail_dir, "outage.invitee@example.org")
    assert subject == "Your account on the eco-town seminar portal"
    assert f"{settings.PORTAL_URL}/accounts/reset/" in body
