"""The privacy notice accepted at first sign-in (and again for a new version), and the nightly
retention policy."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ecotown.core.models import AuditEvent, PrivacyAcceptance, User
from ecotown.core.privacy import retention_apply
from ecotown.core.tasks import apply_retention
from tests.factories.core import PASSWORD, AdminFactory, ExpertFactory, TraineeFactory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(settings):
    settings.PRIVACY_NOTICE_VERSION = "2026-12"
    return settings


def sign_in(client, user):
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


def test_the_first_sign_in_shows_the_notice_until_it_is_accepted(client, trainee, notice):
    sign_in(client, trainee)
    notice_url = reverse("privacy-notice")
    for path in ("/", "/plans/", reverse("account-settings")):
        assert client.get(path)["Location"] == f"{notice_url}?next={path.replace('/', '%2F')}"
    page = client.get(notice_url + "?next=/plans/").content.decode()
    assert "Version 2026-12" in page
    assert "I have read the privacy notice" in page
    before = timezone.now()

    response = client.post(notice_url, {"next": "/plans/"})

    assert response["Location"] == "/plans/"
    acceptance = PrivacyAcceptance.objects.get(user=trainee)
    assert acceptance.version == "2026-12"
    assert before <= acceptance.accepted_at <= timezone.now()
    event = AuditEvent.objects.get(verb="privacy_notice_accepted")
    assert (event.object_id, event.note) == (trainee.pk, "2026-12")
    assert client.get("/").status_code == 200


def test_a_later_sign_in_is_not_asked_again(client, trainee, notice):
    sign_in(client, trainee)
    client.post(reverse("privacy-notice"))
    client.post(reverse("logout"))
    sign_in(client, trainee)
    assert client.get("/").status_code == 200
    assert "I have read" not in client.get(reverse("privacy-notice")).content.decode()


def test_a_new_version_asks_again_and_keeps_the_old_acceptance(client, trainee, notice):
    sign_in(client, trainee)
    client.post(reverse("privacy-notice"))
    notice.PRIVACY_NOTICE_VERSION = "2027-03"
    assert client.get("/")["Location"].startswith(reverse("privacy-notice"))
    client.post(reverse("privacy-notice"))
    versions = PrivacyAcceptance.objects.filter(user=trainee).values_list("version", flat=True)
    assert sorted(versions) == ["2026-12", "2027-03"]
    assert client.get("/").status_code == 200


def test_anyone_reads_the_notice_and_a_stranger_cannot_accept_for_anyone(client, notice):
    page = client.get(reverse("privacy-notice"))
    assert page.status_code == 200
    assert "I have read" not in page.content.decode()
    with nothing_changes(PrivacyAcceptance, AuditEvent):
        assert client.post(reverse("privacy-notice"))["Location"] == reverse("login")


def test_retention_closes_accounts_idle_for_longer_than_the_policy(settings):
    settings.RETENTION_INACTIVE_ACCOUNT_YEARS = 3
    now = timezone.now()
    idle = TraineeFactory(last_login=now - timedelta(days=3 * 365 + 1))
    never = ExpertFactory(last_login=None)
    User.objects.filter(pk=never.pk).update(date_joined=now - timedelta(days=4 * 365))
    recent = TraineeFactory(last_login=now - timedelta(days=3 * 365 - 1))
    operator = AdminFactory(last_login=now - timedelta(days=10 * 365))

    # The apps' rules run too (travel data: nothing of it here).
    assert retention_apply(now=now) == {"inactive_accounts": 2, "travel_retention": 0}

    active = dict(User.objects.values_list("pk", "is_active"))
    assert [active[u.pk] for u in (idle, never, recent, operator)] == [False, False, True, True]
    events = AuditEvent.objects.filter(verb="retention_account_deactivated").order_by("object_id")
    assert [(e.object_id, e.actor) for e in events] == [(idle.pk, None), (never.pk, None)]
    assert events[0].note == f"no sign-in since {idle.last_login:%Y-%m-%d}"
    # Applied again, nothing more happens.
    with nothing_changes(User, AuditEvent):
        assert retention_apply(now=now) == {"inactive_accounts": 0, "travel_retention": 0}


def test_the_nightly_task_applies_the_policy(settings):
    settings.RETENTION_INACTIVE_ACCOUNT_YEARS = 1
    idle = TraineeFactory(last_login=timezone.now() - timedelta(days=400))
    assert apply_retention.apply().get() == {"inactive_accounts": 1, "travel_retention": 0}
    idle.refresh_from_db()
    assert not idle.is_active
    assert settings.CELERY_BEAT_SCHEDULE["apply-retention"]["task"] == "core.apply_retention"
