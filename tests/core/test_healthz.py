import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_reports_database_and_broker_ok(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_broker_when_it_is_down(client, settings):
    # Nothing listens on port 1: the broker is unreachable as if Redis were down.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["broker"].startswith("error: ")
    assert "refused" in body["broker"].lower()


@pytest.mark.django_db
def test_healthz_needs_no_sign_in_and_is_not_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
