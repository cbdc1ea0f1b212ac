"""A real Celery worker process for tests, against the test database and the test broker.

Tests that use it must be `django_db(transaction=True)`: the worker reads committed rows only.
"""

import email
import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url_of_test_db() -> str:
    db = connection.settings_dict
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{db['NAME']}"


def closed_port() -> int:
    """A local TCP port that nothing listens on: connections to it are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def broker_unreachable():
    """Point this process's Celery app at a closed port (the broker is down, for it only; the
    workers keep their connection), then back to the real broker."""
    from ecotown.celery import app

    def point(url: str | None) -> None:
        # Sending uses the write URL (the broker's URL unless set; the environment's
        # CELERY_BROKER_URL would win over broker_url). The pools are made from it on first use.
        app.conf.broker_write_url = url
        app._pool = None
        app.amqp._producer_pool = None

    point(f"redis://127.0.0.1:{closed_port()}/0")
    try:
        yield
    finally:
        point(None)


def sent_mails(mail_dir: Path, to: str) -> list[tuple[str, str]]:
    """(subject, body) of each message to `to` that a worker's file mail backend wrote."""
    if not mail_dir.exists():
        return []
    texts = [path.read_text() for path in sorted(mail_dir.iterdir())]
    messages = [email.message_from_string(m) for t in texts for m in t.split("-" * 79 + "\n")]
    # The backend writes a newline after each message: not part of its body.
    return [
        (str(m["Subject"]), m.get_payload(decode=True).decode().removesuffix("\n"))
        for m in messages
        if m["To"] == to
    ]


def worker_env(**overrides: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url_of_test_db(), "DEBUG": "true"}
    env.update(overrides)
    return env


def start_worker(env: dict[str, str], log_path: Path, *extra: str) -> subprocess.Popen:
    hostname = f"test-{uuid.uuid4().hex[:8]}@%h"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "ecotown",
        "worker",
        "--loglevel=INFO",
        "--concurrency=1",
        "--without-gossip",
        "--without-mingle",
        "-n",
        hostname,
        *extra,
    ]
    log = log_path.open("w")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_ready(process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"worker exited early:\n{log_path.read_text()}")
        if "ready." in log_path.read_text():
            return
        time.sleep(0.2)
    raise RuntimeError(f"worker not ready in {timeout}s:\n{log_path.read_text()}")


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# The session's worker, once a test has started it: it outlives that test.
_SESSION_WORKERS: list[subprocess.Popen] = []


def settle_session_worker(timeout: float = 30) -> None:
    """Before a transactional test's tables are flushed: none of its tasks left queued, and
    none running in the session's worker. A task that writes while the flush truncates the
    tables deadlocks with it (PostgreSQL then refuses the flush, and the test errs)."""
    if not any(process.poll() is None for process in _SESSION_WORKERS):
        return
    from ecotown.celery import app

    app.control.purge()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not _idle(app):
        time.sleep(0.1)


def _idle(app) -> bool:
    """Whether the worker answered that it runs no task and holds none for later."""
    inspect = app.control.inspect(timeout=1, limit=1)
    running, held = inspect.active(), inspect.reserved()
    if running is None or held is None:  # no answer yet
        return False
    return not any(running.values()) and not any(held.values())


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """One worker process for the session, consuming from the test Redis broker."""
    from ecotown.celery import app

    folder = tmp_path_factory.mktemp("worker")
    with django_db_blocker.unblock():
        # The worker's mail goes to files, so that tests can read what it sent.
        env = worker_env(EMAIL_URL=f"filemail://{folder / 'mail'}")
    app.control.purge()
    log_path = folder / "worker.log"
    process = start_worker(env, log_path)
    process.mail_dir = folder / "mail"
    try:
        wait_until_ready(process, log_path)
        _SESSION_WORKERS.append(process)
        yield process
    finally:
        stop_worker(process)
