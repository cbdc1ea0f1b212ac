import re
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from ecotown.core.models import AuditEvent
from tests.factories.core import PASSWORD, TraineeFactory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def test_login_with_the_right_password_lands_on_the_dashboard(client, trainee):
    response = client.post(
        reverse("login"), {"username": trainee.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1] == ("/", 302)
    assert response.context["user"] == trainee


def test_login_with_a_wrong_password_shows_an_error_and_signs_nobody_in(client, trainee):
    with nothing_changes(trainee):
        response = client.post(reverse("login"), {"username": trainee.username, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_with_a_message(client, trainee):
    for _ in range(5):
        client.post(reverse("login"), {"username": trainee.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": trainee.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_that_works_once(client):
    user = TraineeFactory(email="lan@example.org")
    response = client.post(reverse("password_reset"), {"email": "lan@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lan@example.org"]
    assert message.subject == "Eco-town portal: choose a new password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": "kitakyushu-2026!", "new_password2": "kitakyushu-2026!"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("kitakyushu-2026!")
    assert "This link no longer works" in client.get(link, follow=True).content.decode()
    event = AuditEvent.objects.get(verb="password_set")
    assert (event.object_id, event.actor, event.note) == (user.pk, user, "")


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_needs_the_old_password(client, trainee):
    client.force_login(trainee)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "kitakyushu-2026!",
            "new_password2": "kitakyushu-2026!",
        },
    )
    assert response.status_code == 200
    trainee.refresh_from_db()
    assert trainee.check_password(PASSWORD)
    assert not AuditEvent.objects.exists()


def test_a_password_change_keeps_the_session_and_is_logged(client, trainee):
    client.force_login(trainee)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "kitakyushu-2026!",
            "new_password2": "kitakyushu-2026!",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    trainee.refresh_from_db()
    assert trainee.check_password("kitakyushu-2026!")
    assert client.get(reverse("account-settings")).status_code == 200  # still signed in
    event = AuditEvent.objects.get(verb="password_changed")
    assert (event.object_id, event.actor, event.note) == (trainee.pk, trainee, "")


def test_each_request_runs_in_the_users_own_time_zone(client):
    seen = {}
    nairobi = TraineeFactory(time_zone="Africa/Nairobi")
    client.force_login(nairobi)

    response = client.get("/")
    seen["zone"] = str(response.context["TIME_ZONE"])
    noon_utc = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    with timezone.override(seen["zone"]):
        rendered = Template("{{ at|date:'H:i' }}").render(Context({"at": noon_utc}))
    assert seen["zone"] == "Africa/Nairobi"
    assert rendered == "06:00"


def test_user_changes_their_own_time_zone(client, trainee):
    client.force_login(trainee)
    response = client.post(
        reverse("account-settings"),
        {
            "first_name": "Lan",
            "last_name": "Nguyễn",
            "email": "lan@example.org",
            "time_zone": "Asia/Ho_Chi_Minh",
        },
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.time_zone == "Asia/Ho_Chi_Minh"
    assert client.get("/").context["TIME_ZONE"] == "Asia/Ho_Chi_Minh"


def test_unknown_time_zone_is_refused(client, trainee):
    client.force_login(trainee)
    with nothing_changes(trainee):
        response = client.post(
            reverse("account-settings"),
            {
                "first_name": "a",
                "last_name": "b",
                "email": "a@example.org",
                "time_zone": "Mars/Base",
            },
        )
    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"]
    trainee.refresh_from_db()
    assert trainee.time_zone == "Asia/Tokyo"


@pytest.mark.parametrize("weak", ["12345678", "password", "short1", "trainee-user"])
def test_django_password_validators_refuse_weak_passwords(client, weak):
    user = TraineeFactory(username="trainee-user")
    client.force_login(user)
    with nothing_changes(user):
        response = client.post(
            reverse("password_change"),
            {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
        )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def _reset(client, email, address="203.0.113.9"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_mails_an_account_at_most_three_times_an_hour(client):
    TraineeFactory(email="lan@example.org")
    answers = [_reset(client, "lan@example.org", f"192.0.2.{n}") for n in range(5)]
    # The same answer every time: it must not tell whether the address has an account.
    assert [a.status_code for a in answers] == [302] * 5
    assert len({a["Location"] for a in answers}) == 1
    assert [m.to for m in mail.outbox] == [["lan@example.org"]] * 3
    # Another account is not held up by this one's limit.
    TraineeFactory(email="sokha@example.org")
    _reset(client, "SOKHA@example.org", "192.0.2.99")
    assert mail.outbox[-1].to == ["sokha@example.org"]


def test_password_reset_answers_one_address_ten_times_an_hour(client):
    for number in range(10):
        assert _reset(client, f"nobody{number}@example.org").status_code == 302
    refused = _reset(client, "lan@example.org")
    assert refused.status_code == 429
    assert "Too many reset requests from your address" in refused.content.decode()
    assert _reset(client, "lan@example.org", "198.51.100.7").status_code == 302


def _settings_post(client, user, email):
    return client.post(
        reverse("account-settings"),
        {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": email,
            "time_zone": user.time_zone,
        },
    )


@pytest.mark.usefixtures("eager_tasks")
def test_an_address_of_another_account_is_refused(
    client, trainee, django_capture_on_commit_callbacks
):
    TraineeFactory(email="Coordinator@Example.org")
    before = trainee.email
    client.force_login(trainee)
    with django_capture_on_commit_callbacks(execute=True):
        response = _settings_post(client, trainee, "coordinator@example.org")
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Another account uses this address."]
    trainee.refresh_from_db()
    assert trainee.email == before
    assert mail.outbox == []


@pytest.mark.usefixtures("eager_tasks")
def test_a_new_address_is_kept_only_once_its_link_is_opened(
    client, trainee, django_capture_on_commit_callbacks
):
    before = trainee.email
    client.force_login(trainee)
    with django_capture_on_commit_callbacks(execute=True):
        response = _settings_post(client, trainee, "lan.new@example.org")
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.email == before
    [message] = mail.outbox
    assert message.to == ["lan.new@example.org"]
    assert message.subject == "Eco-town portal: confirm your new e-mail address"
    # The link is on the portal's own address (PORTAL_URL), whatever host the request named.
    link = re.search(r"(/accounts/email/confirm/\S+/)", message.body).group(1)
    assert f"{settings.PORTAL_URL}{link}" in message.body

    # Another signed-in person cannot use the link.
    other = TraineeFactory()
    client.force_login(other)
    client.get(link)
    other.refresh_from_db()
    assert other.email != "lan.new@example.org"

    client.force_login(trainee)
    done = client.get(link, follow=True)
    assert "Your e-mail address is now lan.new@example.org." in done.content.decode()
    trainee.refresh_from_db()
    assert trainee.email == "lan.new@example.org"
    # The link is bound to the address it replaced: it works once.
    again = client.get(link, follow=True)
    assert "not for your current address" in again.content.decode()


@pytest.mark.usefixtures("eager_tasks")
def test_a_link_whose_address_was_taken_meanwhile_is_refused(
    client, trainee, django_capture_on_commit_callbacks
):
    before = trainee.email
    client.force_login(trainee)
    with django_capture_on_commit_callbacks(execute=True):
        _settings_post(client, trainee, "shared@example.org")
    link = re.search(r"(/accounts/email/confirm/\S+/)", mail.outbox[0].body).group(1)
    TraineeFactory(email="shared@example.org")
    response = client.get(link, follow=True)
    assert "Another account uses this address." in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.email == before
