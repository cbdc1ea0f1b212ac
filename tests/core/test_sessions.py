from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from ecotown.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_live_session_is_read_back_and_an_expired_one_starts_anew():
    live = SessionStore()
    live["answer"] = 42
    live.save()
    assert SessionStore(live.session_key).load() == {"answer": 42}
    Session.objects.filter(pk=live.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(live.session_key)
    assert expired.load() == {}
    assert expired.session_key is None
    assert SessionStore("no-such-key-0123456789abcdef").load() == {}


def test_a_signed_in_person_stays_signed_in_until_the_session_expires(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("core:dashboard")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
