import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_reports_database_and_broker_ok(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_naming_only_the_part_that_failed(client, settings, caplog):
    # Nothing listens on port 1: the broker is unreachable as if Redis were down.
    settings.CELERY_BROKER_URL = "redis://secret-host.internal:1/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    # No host name, address or exception text: /healthz is public.
    assert response.json() == {"status": "error", "database": "ok", "broker": "error"}
    assert "secret-host" not in response.content.decode()
    # The operator still finds the reason in the log.
    assert any("broker" in r.getMessage() and r.exc_info for r in caplog.records)


@pytest.mark.django_db
def test_healthz_hides_the_database_error_text(client, monkeypatch):
    from ecotown.core import health

    def fail():
        raise RuntimeError('could not connect to server at "db.internal" (10.0.0.5)')

    monkeypatch.setitem(health.CHECKS, "database", fail)
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_needs_no_sign_in_and_is_not_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
