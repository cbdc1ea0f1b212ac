import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ecotown.core.models import OutboxTask
from notifications.models import Notification
from notifications.services import (
    digest_send,
    notification_send_email,
    notifications_resend_unsent,
    notify,
    notify_address,
)
from notifications.tasks import send_daily_digests
from tests.factories.core import TraineeFactory
from tests.factories.planning_docs import submitted_version

pytestmark = pytest.mark.django_db


def make_notification(recipient, version=None, **context):
    version = version or submitted_version()
    return notify(
        recipients=[recipient],
        verb="plan_submitted",
        context={"plan": version.plan, "version": version, **context},
        url=f"/plans/{version.plan.pk}/",
        plan=version.plan,
    )[0]


def test_notification_is_rendered_in_the_recipients_time_zone(expert):
    nairobi = TraineeFactory(time_zone="Africa/Nairobi")
    tokyo = TraineeFactory(time_zone="Asia/Tokyo")
    version = submitted_version()
    version.created_at = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    context = {"plan": version.plan, "version": version}
    [for_nairobi, for_tokyo] = [
        notify(recipients=[user], verb="plan_submitted", context=context)[0]
        for user in (nairobi, tokyo)
    ]
    assert "30 Nov 2026, 09:00 EAT" in for_nairobi.body
    assert "30 Nov 2026, 15:00 JST" in for_tokyo.body


def test_email_is_sent_once_even_when_the_task_runs_twice(trainee):
    notification = make_notification(trainee)
    assert notification_send_email(notification_id=notification.pk) is True
    assert notification_send_email(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == notification.subject


def test_emails_still_unsent_after_an_hour_are_sent_again_once(
    trainee, expert, on_commit, eager_tasks
):
    digest_reader = TraineeFactory(email_digest=True)
    version = submitted_version()
    with on_commit():  # made, but their tasks never ran (given up while the mail server was away)
        stale = make_notification(trainee, version)
        waiting_for_digest = make_notification(digest_reader, version)
        recent = make_notification(expert, version)
        invitation = notify_address(
            email="invitee@example.org",
            verb="invitation",
            context={"invitee": trainee, "set_password_path": "/x/", "expiry_days": 3},
        )
        sent = make_notification(TraineeFactory(), version)
    Notification.objects.filter(pk=sent.pk).update(emailed_at=timezone.now())
    OutboxTask.objects.all().delete()
    now = timezone.now() + timedelta(minutes=30)
    Notification.objects.filter(
        pk__in=[stale.pk, waiting_for_digest.pk, invitation.pk, sent.pk]
    ).update(created_at=now - timedelta(hours=2))
    too_old = make_notification(TraineeFactory(), version)
    Notification.objects.filter(pk=too_old.pk).update(created_at=now - timedelta(days=4))
    OutboxTask.objects.filter(args=[too_old.pk]).delete()

    with on_commit(execute=True):
        resent = notifications_resend_unsent(now=now)

    assert resent == [stale.pk, invitation.pk]
    assert [m.to for m in mail.outbox] == [[trainee.email], ["invitee@example.org"]]
    assert waiting_for_digest.pk not in resent and recent.pk not in resent
    with on_commit(execute=True):
        assert notifications_resend_unsent(now=now) == []
    assert len(mail.outbox) == 2


def test_the_resend_of_unsent_emails_is_scheduled_hourly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["resend-unsent-emails"]
    assert (entry["task"], entry["schedule"]) == ("notifications.resend_unsent_emails", 3600.0)


def test_digest_readers_get_one_mail_a_day_instead(trainee, on_commit):
    trainee.email_digest = True
    trainee.save()
    version = submitted_version()
    with on_commit() as callbacks:
        make_notification(trainee, version)
        make_notification(trainee, version)
    assert callbacks == []  # nothing queued for immediate sending
    assert send_daily_digests() == 2
    assert len(mail.outbox) == 1
    assert "2 updates" in mail.outbox[0].subject
    assert send_daily_digests() == 0
    assert digest_send(recipient=trainee) == 0


def test_notification_list_shows_unread_count_and_opening_marks_read(client, trainee):
    notification = make_notification(trainee)
    client.force_login(trainee)
    page = client.get(reverse("notifications:list"))
    assert page.context["unread_notifications"] == 1
    assert notification.subject in page.content.decode()
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == notification.url
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get(reverse("notifications:list")).context["unread_notifications"] == 0


def test_someone_elses_notification_is_404(client, trainee):
    notification = make_notification(TraineeFactory())
    client.force_login(trainee)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_is_a_post(client, trainee):
    make_notification(trainee)
    client.force_login(trainee)
    assert client.get(reverse("notifications:read-all")).status_code == 405
    client.post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(recipient=trainee, read_at__isnull=True).exists()


def test_open_never_redirects_off_site(client, trainee):
    notification = make_notification(trainee)
    Notification.objects.filter(pk=notification.pk).update(url="https://evil.example/")
    client.force_login(trainee)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_read_at_is_kept_on_second_open(client, trainee):
    notification = make_notification(trainee)
    first = timezone.now().replace(year=2025)
    Notification.objects.filter(pk=notification.pk).update(read_at=first)
    client.force_login(trainee)
    client.get(reverse("notifications:open", args=[notification.pk]))
    notification.refresh_from_db()
    assert notification.read_at == first


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_mail_queued_on_commit(celery_worker, trainee):
    notification = make_notification(trainee)  # committed at once: queued to the worker
    deadline = time.monotonic() + 30
    while Notification.objects.get(pk=notification.pk).emailed_at is None:
        assert time.monotonic() < deadline, "the worker did not send the mail in 30 s"
        time.sleep(0.2)
    sent = "".join(path.read_text() for path in celery_worker.mail_dir.iterdir())
    assert f"Subject: {notification.subject}" in sent
    assert f"To: {trainee.email}" in sent
