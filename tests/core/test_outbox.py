"""The transactional outbox: tasks recorded with the write, sent after commit or by the sweep."""

import time

import pytest
from django.db import transaction

from ecotown.core import outbox
from ecotown.core.models import OutboxTask
from ecotown.core.tasks import ping
from tests.worker import broker_unreachable

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _outbox_not_paused(monkeypatch):
    monkeypatch.setattr(outbox, "_paused_until", 0.0)


@pytest.fixture
def sent(monkeypatch):
    """The arguments of each core.ping that this process handed to the (real) broker."""
    messages = []
    real = ping.apply_async

    def record(args=None, **options):
        result = real(args=args, **options)
        messages.append(args)
        return result

    monkeypatch.setattr(ping, "apply_async", record)
    return messages


def test_a_rolled_back_write_records_and_sends_nothing(sent):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.task_send_on_commit("core.ping", "never")
        raise RuntimeError
    assert not OutboxTask.objects.exists()
    assert sent == []


def test_a_committed_task_is_sent_and_its_row_deleted(sent):
    with transaction.atomic():
        outbox.task_send_on_commit("core.ping", "hello")
        assert OutboxTask.objects.count() == 1  # recorded with the write
    assert sent == [["hello"]]
    assert not OutboxTask.objects.exists()


def test_the_broker_away_keeps_every_task_and_tries_only_once_per_burst():
    with broker_unreachable():
        started = time.monotonic()
        with transaction.atomic():
            for token in ("a", "b", "c"):
                outbox.task_send_on_commit("core.ping", token)
        elapsed = time.monotonic() - started
    assert elapsed < 1.0
    rows = list(OutboxTask.objects.values_list("args", "attempts"))
    assert rows == [(["a"], 1), (["b"], 0), (["c"], 0)]
    assert "Connection refused" in OutboxTask.objects.get(args=["a"]).last_error


def test_the_sweep_stops_at_the_first_refusal_and_sends_all_once_the_broker_is_back():
    with broker_unreachable():
        with transaction.atomic():
            for token in ("a", "b"):
                outbox.task_send_on_commit("core.ping", token)
        assert outbox.outbox_send_pending() == 0
    assert list(OutboxTask.objects.values_list("attempts", flat=True)) == [2, 0]
    assert outbox.outbox_send_pending() == 2
    assert not OutboxTask.objects.exists()
    assert outbox.outbox_send_pending() == 0


def test_the_sweep_is_scheduled_every_half_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-outbox"]
    assert (entry["task"], entry["schedule"]) == ("core.send_outbox", 30.0)
