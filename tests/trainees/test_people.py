import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse

from ecotown.core import roles
from ecotown.core.models import User
from notifications.models import Notification
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import ExpertProfileFactory, TraineeProfileFactory
from trainees.models import Enrolment, ExpertProfile, TraineeProfile

# The e-mails go out through Celery: run those tasks here, so that the outbox holds them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]

TRAINEE_FORM = {
    "first_name": "Kwame",
    "last_name": "Mensah",
    "email": "k.mensah@epa.gov.gh",
    "time_zone": "Africa/Accra",
    "country": "GH",
    "organisation": "EPA Ghana",
    "position": "Officer",
    "languages": "English",
    "phone": "+233 30 000 0000",
}


def link_in(message) -> str:
    # Links start with PORTAL_URL (the tests' default), never with the request's host.
    return re.search(r"^http://127\.0\.0\.1:8000(/accounts/reset/\S+/)$", message.body, re.M).group(
        1
    )


def create_trainee(client, coordinator, django_capture_on_commit_callbacks, **extra):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("trainees:trainee-create"), {**TRAINEE_FORM, **extra})
    client.logout()
    return response


def test_creating_a_trainee_nominates_and_invites_them(
    client, coordinator, django_capture_on_commit_callbacks
):
    seminar = SeminarFactory()
    response = create_trainee(
        client, coordinator, django_capture_on_commit_callbacks, seminar=seminar.pk
    )
    assert response.status_code == 302
    user = User.objects.get(email="k.mensah@epa.gov.gh")
    assert (user.username, user.time_zone, roles.role_of(user)) == (
        "k.mensah",
        "Africa/Accra",
        roles.TRAINEE,
    )
    assert TraineeProfile.objects.get(user=user).country == "GH"
    assert Enrolment.objects.get(trainee=user).seminar == seminar
    [message] = mail.outbox
    assert message.to == ["k.mensah@epa.gov.gh"]
    assert message.subject == "Your account on the eco-town seminar portal"
    assert "expires in 3 days" in message.body
    assert "Your user name is k.mensah." in message.body


def test_the_invitation_is_mailed_to_the_address_and_its_link_is_not_kept(
    client, coordinator, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_URL = "https://seminar.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("trainees:trainee-create"),
            {**TRAINEE_FORM, "seminar": SeminarFactory().pk},
            HTTP_HOST="attacker.example.com",
        )
    [message] = mail.outbox
    assert "https://seminar.example.org/accounts/reset/" in message.body
    assert "attacker.example.com" not in message.body
    user = User.objects.get(email="k.mensah@epa.gov.gh")
    # Not in the invitee's portal list; the one-time link is not stored once the mail is sent.
    assert not Notification.objects.filter(recipient=user).exists()
    invitation = Notification.objects.get(email="k.mensah@epa.gov.gh")
    assert (invitation.verb, invitation.subject, invitation.body) == (
        "invitation",
        "Your account on the eco-town seminar portal",
        "",
    )
    assert invitation.emailed_at is not None


def test_the_invitation_link_works_once(client, coordinator, django_capture_on_commit_callbacks):
    create_trainee(
        client, coordinator, django_capture_on_commit_callbacks, seminar=SeminarFactory().pk
    )
    link = link_in(mail.outbox[0])
    response = client.get(link, follow=True)
    assert response.context["validlink"] is True
    set_password_url = response.redirect_chain[-1][0]
    client.post(
        set_password_url,
        {"new_password1": "kitakyushu-eco-2026", "new_password2": "kitakyushu-eco-2026"},
    )
    assert User.objects.get(username="k.mensah").check_password("kitakyushu-eco-2026")
    client.logout()
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert "This link no longer works" in again.content.decode()


def test_the_invitation_link_expires(
    client, coordinator, django_capture_on_commit_callbacks, monkeypatch, settings
):
    create_trainee(
        client, coordinator, django_capture_on_commit_callbacks, seminar=SeminarFactory().pk
    )
    link = link_in(mail.outbox[0])
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    response = client.get(link, follow=True)
    assert response.context["validlink"] is False


def test_coordinator_resends_an_invitation(client, coordinator, django_capture_on_commit_callbacks):
    profile = TraineeProfileFactory(user__password=None)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("trainees:invite", args=[profile.user.pk]), follow=True)
    assert [m.to for m in mail.outbox] == [[profile.user.email]]
    assert f"A new invitation was sent to {profile.user.email}." in response.content.decode()


def test_a_resent_invitation_ends_the_earlier_link(
    client, coordinator, django_capture_on_commit_callbacks
):
    create_trainee(
        client, coordinator, django_capture_on_commit_callbacks, seminar=SeminarFactory().pk
    )
    first = link_in(mail.outbox[0])
    user = User.objects.get(username="k.mensah")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("trainees:invite", args=[user.pk]))
    client.logout()
    second = link_in(mail.outbox[1])
    assert first != second
    assert client.get(first, follow=True).context["validlink"] is False
    assert client.get(second, follow=True).context["validlink"] is True


def test_no_invitation_to_someone_who_has_a_password(client, coordinator):
    profile = TraineeProfileFactory()
    password = profile.user.password
    client.force_login(coordinator)
    response = client.post(reverse("trainees:invite", args=[profile.user.pk]), follow=True)
    assert "has chosen a password already" in response.content.decode()
    assert mail.outbox == []
    profile.user.refresh_from_db()
    assert profile.user.password == password


def test_invitations_are_refused_to_experts_and_trainees(client, expert, trainee):
    profile = TraineeProfileFactory()
    for user in (expert, trainee):
        client.force_login(user)
        assert client.post(reverse("trainees:invite", args=[profile.user.pk])).status_code == 403
    assert mail.outbox == []


def test_a_duplicate_email_is_a_form_error_and_creates_nothing(
    client, coordinator, django_capture_on_commit_callbacks
):
    TraineeProfileFactory(user__email="K.Mensah@epa.gov.gh")
    count = User.objects.count()
    response = create_trainee(
        client, coordinator, django_capture_on_commit_callbacks, seminar=SeminarFactory().pk
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["A person with this e-mail exists already."]
    }
    assert User.objects.count() == count
    assert mail.outbox == []


def test_creating_an_expert_invites_them(client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("trainees:expert-create"),
            {
                "first_name": "Hiroshi",
                "last_name": "Yamamoto",
                "email": "h.yamamoto@kitaq.jp",
                "time_zone": "Asia/Tokyo",
                "organisation": "Eco-Town Centre",
                "fields": ["technology", "site_visit"],
                "languages": "Japanese",
            },
        )
    user = User.objects.get(email="h.yamamoto@kitaq.jp")
    assert roles.role_of(user) == roles.EXPERT
    assert ExpertProfile.objects.get(user=user).fields == ["technology", "site_visit"]
    assert [m.to for m in mail.outbox] == [["h.yamamoto@kitaq.jp"]]


def test_coordinator_edits_a_trainee(client, coordinator):
    profile = TraineeProfileFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("trainees:person-edit", args=[profile.user.pk]),
        {
            "account-first_name": "Grace",
            "account-last_name": "Kamau",
            "account-email": "grace@example.org",
            "account-time_zone": "Africa/Nairobi",
            "profile-country": "KE",
            "profile-organisation": "Nairobi County",
            "profile-position": "Chief officer",
            "profile-languages": "",
            "profile-phone": "",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert (profile.user.get_full_name(), profile.user.time_zone, profile.organisation) == (
        "Grace Kamau",
        "Africa/Nairobi",
        "Nairobi County",
    )


def test_people_pages_are_refused_to_experts_and_trainees(client, expert, trainee):
    profile = TraineeProfileFactory()
    urls = [
        reverse("trainees:trainee-create"),
        reverse("trainees:expert-create"),
        reverse("trainees:expert-list"),
        reverse("trainees:import"),
        reverse("trainees:person-edit", args=[profile.user.pk]),
    ]
    for user in (expert, trainee):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [403] * len(urls)


def test_coordinators_cannot_edit_another_coordinator_through_people_pages(
    client, coordinator, admin_user
):
    client.force_login(coordinator)
    assert client.get(reverse("trainees:person-edit", args=[admin_user.pk])).status_code == 404


def test_trainee_edits_their_own_contact_details(client):
    profile = TraineeProfileFactory(phone="")
    client.force_login(profile.user)
    client.post(
        reverse("trainees:profile"),
        {"phone": "+254 20 000", "languages": "English, Swahili", "position": "Chief"},
    )
    profile.refresh_from_db()
    assert (profile.phone, profile.languages, profile.country) == (
        "+254 20 000",
        "English, Swahili",
        "KE",
    )


def test_expert_edits_their_languages(client):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)
    client.post(reverse("trainees:profile"), {"languages": "Japanese, English, French"})
    profile.refresh_from_db()
    assert profile.languages == "Japanese, English, French"


def test_the_profile_page_is_not_for_coordinators(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("trainees:profile")).status_code == 403


def test_coordinator_pages_render_without_inline_styles_or_scripts(client, coordinator):
    profile = ExpertProfileFactory()
    trainee = TraineeProfileFactory()
    client.force_login(coordinator)
    urls = [
        reverse("trainees:trainee-create"),
        reverse("trainees:expert-create"),
        reverse("trainees:expert-list"),
        reverse("trainees:import"),
        reverse("trainees:person-edit", args=[profile.user.pk]),
        reverse("trainees:person-edit", args=[trainee.user.pk]),
        reverse("trainees:roster"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "style=" not in html
        assert "<script>" not in html


def test_own_profile_page_renders_for_trainee_and_expert(client):
    for profile in (TraineeProfileFactory(), ExpertProfileFactory()):
        client.force_login(profile.user)
        response = client.get(reverse("trainees:profile"))
        assert response.status_code == 200
        assert "Your contact details" in response.content.decode()
