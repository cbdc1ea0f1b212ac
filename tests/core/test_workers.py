"""Background work through real brokers: Redis (production, tests) and files (make run)."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.db import transaction

from ecotown.core.tasks import ping
from tests.factories.core import UserFactory
from tests.worker import ROOT, start_worker, stop_worker, wait_until_ready, worker_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_a_task_runs_end_to_end_on_a_real_worker_through_redis(celery_worker):
    UserFactory.create_batch(3)
    token = uuid.uuid4().hex
    result = ping.delay(token).get(timeout=30)
    assert result["token"] == token
    assert result["users"] == 3  # the worker reads the same (test) database


def test_tasks_queued_on_commit_are_not_sent_when_the_transaction_rolls_back(celery_worker):
    sent = []
    with pytest.raises(RuntimeError), transaction.atomic():
        transaction.on_commit(lambda: sent.append(ping.delay("never")))
        raise RuntimeError("roll back")
    assert sent == []


def test_the_file_system_broker_of_make_run_carries_a_round_trip(tmp_path):
    UserFactory()
    env = worker_env(VAR_DIR=str(tmp_path))
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        env.pop(name, None)  # the embedded default, exactly as `make run` has it
    log_path = tmp_path / "worker.log"
    worker = start_worker(env, log_path)
    try:
        wait_until_ready(worker, log_path)
        client = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django, json; django.setup(); from ecotown.core.tasks import ping; "
                "print(json.dumps(ping.delay('fs').get(timeout=30)))",
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "ecotown.settings"},
            capture_output=True,
            text=True,
            timeout=90,
        )
    finally:
        stop_worker(worker)
    assert client.returncode == 0, client.stderr + log_path.read_text()
    answer = json.loads(client.stdout.strip().splitlines()[-1])
    assert answer["token"] == "fs"
    assert answer["users"] == 1
    assert os.listdir(tmp_path / "broker" / "queue") == []  # the message was consumed
