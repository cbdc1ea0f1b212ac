"""API tokens: created on the account page and shown once, stored hashed, revoked at once."""

import hashlib

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import api_token_create
from ecotown.core.models import AuditEvent
from tests.factories.core import TraineeFactory

pytestmark = pytest.mark.django_db

PLANS = "/api/plans/"


def bearer(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_the_account_page_links_to_the_tokens_page(client, trainee):
    client.force_login(trainee)
    response = client.get(reverse("account-settings"))
    assert f'href="{reverse("api_tokens:list")}"' in response.content.decode()


def test_a_token_is_created_shown_once_and_stored_only_as_its_hash(client, trainee):
    client.force_login(trainee)
    response = client.post(reverse("api_tokens:list"), {"name": "Vienna CRM", "scope": "read"})
    assert response.status_code == 201
    token = ApiToken.objects.get(user=trainee)
    key = response.context["key"]
    assert key.startswith("ecot_") and len(key) > 40
    assert key in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    assert (token.name, token.scope, token.prefix) == ("Vienna CRM", "read", key[:11])
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in [str(value) for value in stored.values()]
    # Never again: the list shows the prefix only.
    again = client.get(reverse("api_tokens:list")).content.decode()
    assert key not in again and token.prefix in again
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.API_TOKEN_CREATED)
    assert (event.actor, event.object_id, event.note) == (
        trainee,
        token.pk,
        "Vienna CRM (Read only)",
    )
    assert key not in event.note


def test_a_token_without_a_name_is_refused_and_nothing_is_made(client, trainee):
    client.force_login(trainee)
    response = client.post(reverse("api_tokens:list"), {"name": "", "scope": "write"})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0


def test_revocation_takes_effect_at_once(client, trainee):
    token, key = api_token_create(user=trainee, name="sync", scope="write")
    api = bearer(key)
    assert api.get(PLANS).status_code == 200
    client.force_login(trainee)
    response = client.post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    refused = api.get(PLANS)
    assert refused.status_code == 401
    assert refused.json()["detail"] == "This token is not valid or has been revoked."
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.API_TOKEN_REVOKED)
    assert (event.actor, event.object_id) == (trainee, token.pk)


def test_nobody_revokes_another_persons_token(client, trainee):
    token, key = api_token_create(user=trainee, name="sync", scope="read")
    client.force_login(TraineeFactory())
    response = client.post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert bearer(key).get(PLANS).status_code == 200


def test_a_deactivated_persons_token_is_refused(trainee):
    _token, key = api_token_create(user=trainee, name="sync", scope="read")
    trainee.is_active = False
    trainee.save()
    assert bearer(key).get(PLANS).status_code == 401


def test_a_use_is_noted_on_the_token(trainee):
    token, key = api_token_create(user=trainee, name="sync", scope="read")
    bearer(key).get(PLANS)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_each_token_is_rate_limited_by_the_setting(settings, trainee):
    settings.API_RATE_LIMIT = "3/minute"
    _first, key = api_token_create(user=trainee, name="one", scope="read")
    _second, other_key = api_token_create(user=trainee, name="two", scope="read")
    api = bearer(key)
    assert [api.get(PLANS).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert int(api.get(PLANS)["Retry-After"]) > 0
    # The limit counts per token.
    assert bearer(other_key).get(PLANS).status_code == 200
