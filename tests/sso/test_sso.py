"""Single sign-on end to end against a real OpenID provider (tests/oidc_provider/)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ecotown.core import roles
from ecotown.core.models import AuditEvent, User
from tests.factories.core import PASSWORD, ExpertFactory, TraineeFactory
from tests.sso.conftest import sign_in_at_provider
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def signed_in_user(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_new_officer_of_an_allowed_domain_gets_an_account_in_the_configured_group(client, sso_on):
    response = sign_in_at_provider(client, "new.officer@unido.example")

    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    user = User.objects.get(email="new.officer@unido.example")
    assert signed_in_user(client) == user
    assert (user.username, user.first_name, user.last_name) == ("new.officer", "Amina", "Haddad")
    assert list(user.groups.values_list("name", flat=True)) == [roles.COORDINATOR]
    assert not user.has_usable_password()
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.SSO_ACCOUNT_CREATED)
    assert (event.object_id, event.note) == (user.pk, "coordinator")
    page = client.get(reverse("core:dashboard"))
    assert page.status_code == 200
    # The organisation's sessions read their person with the roles too (core.backends).
    assert page.context["user"] == user and page.context["is_coordinator"]


def test_the_new_account_joins_the_expert_group_when_configured(client, sso_on):
    sso_on.OIDC_NEW_USER_GROUP = roles.EXPERT
    sign_in_at_provider(client, "new.officer@unido.example")
    user = User.objects.get(email="new.officer@unido.example")
    assert list(user.groups.values_list("name", flat=True)) == [roles.EXPERT]


def test_an_existing_expert_is_found_by_their_verified_address_whatever_its_case(client, sso_on):
    expert = ExpertFactory(email="known.expert@UNIDO.example", first_name="K.")
    users_before = User.objects.count()

    response = sign_in_at_provider(client, "Known.Expert@unido.example", next_url="/plans/")

    assert response["Location"] == "/plans/"
    assert signed_in_user(client) == expert
    assert User.objects.count() == users_before
    expert.refresh_from_db()
    assert expert.first_name == "K."  # the portal's record of the name stays


def test_a_domain_not_allowed_is_refused_with_the_reason(client, sso_on):
    with nothing_changes(User, AuditEvent):
        response = sign_in_at_provider(client, "someone@elsewhere.example")

    assert response["Location"] == reverse("login")
    assert signed_in_user(client) is None
    assert texts(response) == [
        "Addresses at elsewhere.example cannot sign in through the organisation: "
        "sign in with your password, or ask a coordinator."
    ]
    page = client.get(reverse("login"))
    assert "Addresses at elsewhere.example cannot sign in" in page.content.decode()


def test_an_address_the_provider_never_verified_is_refused(client, sso_on):
    ExpertFactory(email="unchecked@unido.example")
    with nothing_changes(User, AuditEvent):
        response = sign_in_at_provider(client, "unchecked@unido.example")
    assert signed_in_user(client) is None
    assert texts(response) == [
        "Your organisation has not verified your e-mail address unchecked@unido.example."
    ]


def test_a_trainee_account_keeps_signing_in_with_its_password(client, sso_on):
    trainee = TraineeFactory(email="trainee.person@unido.example")
    with nothing_changes(User, AuditEvent):
        response = sign_in_at_provider(client, "trainee.person@unido.example")
    assert signed_in_user(client) is None
    assert texts(response) == [
        "Your account signs in with its password, not through the organisation."
    ]

    client.post(reverse("login"), {"username": trainee.username, "password": PASSWORD})
    assert signed_in_user(client) == trainee


def test_a_deactivated_account_is_signed_out_on_its_next_page(client, sso_on):
    expert = ExpertFactory(email="known.expert@UNIDO.example")
    sign_in_at_provider(client, "Known.Expert@unido.example")
    assert client.get(reverse("core:dashboard")).status_code == 200
    User.objects.filter(pk=expert.pk).update(is_active=False)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_replayed_callback_signs_nobody_in(client, sso_on):
    sign_in_at_provider(client, "new.officer@unido.example")
    client.logout()
    # The state was used up; a second, forged callback with any code finds no state.
    response = client.get(reverse("oidc-callback") + "?code=stolen&state=forged")
    assert response.status_code == 302
    assert signed_in_user(client) is None


def test_the_login_page_offers_the_organisation_only_when_configured(client, settings, sso_on):
    assert "Sign in with UNIDO" in client.get(reverse("login")).content.decode()
    settings.OIDC_CLIENT_ID = ""
    assert "Sign in with" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc-authenticate")).status_code == 404
    assert client.get(reverse("oidc-callback")).status_code == 404


def test_local_accounts_sign_in_while_the_provider_is_unreachable(client, settings):
    from tests.worker import closed_port

    settings.OIDC_ISSUER = f"http://127.0.0.1:{closed_port()}/o"
    settings.OIDC_CLIENT_ID = "portal"
    expert = ExpertFactory()
    client.post(reverse("login"), {"username": expert.username, "password": PASSWORD})
    assert signed_in_user(client) == expert

    client.logout()
    response = client.get(reverse("oidc-authenticate"))
    assert response["Location"] == reverse("login")
    assert texts(response) == ["Your organisation's sign-in cannot be reached: try later."]


def test_the_organisations_sign_in_does_not_replace_the_second_factor(client, sso_on):
    sso_on.MFA_REQUIRED_ROLES = ["coordinator"]
    sign_in_at_provider(client, "new.officer@unido.example")
    assert client.get("/plans/")["Location"] == reverse("mfa-setup") + "?next=%2Fplans%2F"
