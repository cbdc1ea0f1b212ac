"""p50/p95 latency of the main pages and the autosave POST under 4 concurrent clients, on
gunicorn with 2 workers at 20x the demo data, beside Django's own login page, measured two ways:

- mixed: each client walks every page in turn, so that a slow page also slows the others;
- alone: the 4 clients ask for one page only, so that each page's p95 is its own. The budget
  (issue 19) is on this one: no page above 3x the login page's p95. Each page is measured in
  short turns with the login page (login, page, login, page ...), and compared with the login
  turns beside it: on a shared machine, load that comes and goes then weighs on both alike.

Beside both, each page's server CPU per request (ecotown/bench/cpu.py), which load does not blur.

The clients are threads on this machine speaking HTTP/1.1 with keep-alive to 127.0.0.1 only.
Sessions are made directly in the session store (as a signed-in browser would hold them), so the
measured requests are the pages themselves.
"""

import contextlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import DatabaseError, connection
from django.http import HttpRequest
from django.middleware.csrf import get_token

from ecotown.bench.pages import demo_user, main_pages
from ecotown.bench.queries import reseed
from ecotown.core.backends import PATH as PERSON_BACKEND
from ecotown.core.sessions import SessionStore
from planning_docs.models import Plan

CLIENTS = 4
BUDGET = 3.0  # no page's p95, measured alone, above this many times the login page's
LOGIN = "login page (Django's own)"
AUTOSAVE = "autosave POST"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def settle_database() -> None:
    """Leave the freshly seeded database as a running portal's would be: its statistics read
    and its writes flushed. Otherwise PostgreSQL's autovacuum and checkpointer do it during the
    measurement, at a moment of their own, and the plans change when the statistics arrive."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")  # the tables this user owns; others are skipped
            # CHECKPOINT needs pg_checkpoint's rights; without them the server flushes later.
            with contextlib.suppress(DatabaseError):
                cursor.execute("CHECKPOINT")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def session_cookie(username: str) -> str:
    user = demo_user(username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = PERSON_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return str(session.session_key)


def server_env(static_root: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        # The sessions are signed here, so the server must share this process's key.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
        # The pages are measured, not the steps after a sign-in (second factor, privacy notice).
        "MFA_REQUIRED_ROLES": "",
        "PRIVACY_NOTICE_VERSION": "",
    }


def start_gunicorn(port: int, env: dict[str, str]) -> subprocess.Popen:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ecotown.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


class BenchClient(threading.Thread):
    """One browser: walks the pages `rounds` times, saving its own section on each round.

    With `only` set to a label, it asks for that request alone on each round.
    """

    def __init__(self, port, pages, cookies, autosave, rounds, timings, errors, only=None):
        super().__init__(daemon=True)
        self.port, self.pages, self.cookies = port, pages, cookies
        self.autosave, self.rounds, self.timings, self.errors = autosave, rounds, timings, errors
        self.only = only

    def wanted(self, label: str) -> bool:
        return self.only is None or self.only == label

    def request(self, label, method, path, cookie="", body=None, headers=None):
        connection = self.connection
        started = time.perf_counter()
        connection.request(method, path, body=body, headers={"Cookie": cookie, **(headers or {})})
        response = connection.getresponse()
        payload = response.read()
        self.timings[label].append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            self.errors.append(f"{label}: HTTP {response.status}")
        return payload

    def run(self):
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        path, session, csrf, revision = self.autosave
        save_cookie = f"sessionid={session}; csrftoken={csrf}"
        save_headers = {
            "X-CSRFToken": csrf,
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        for round_ in range(self.rounds):
            if self.wanted(LOGIN):
                self.request(LOGIN, "GET", "/accounts/login/")
            for label, username, url in self.pages:
                if self.wanted(label):
                    cookie = f"sessionid={self.cookies[username]}"
                    self.request(label, "GET", url, cookie=cookie)
            if not self.wanted(AUTOSAVE):
                continue
            body = urlencode(
                {"body": f"Round {round_}: the risks are ranked.", "revision": revision}
            )
            answer = self.request(AUTOSAVE, "POST", path, save_cookie, body, save_headers)
            if answer.startswith(b"{"):
                revision = json.loads(answer).get("revision", revision)
        self.connection.close()


def autosave_target(copy: int) -> tuple[str, str, str, int]:
    """A separate trainee (a demo copy) per client, so that saves never conflict."""
    username = "trainee01" if copy == 0 else f"trainee01-x{copy}"
    plan = Plan.objects.get(enrolment__trainee__username=username)
    draft = plan.drafts.get(section__key="risks")
    path = f"/plans/{plan.pk}/sections/risks/"

    return path, session_cookie(username), get_token(HttpRequest()), draft.revision


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def server_cpu(env: dict[str, str]) -> dict[str, list[float]]:
    """{page: [its CPU ms per request, the login page's beside it]}, with the server's settings."""
    answer = subprocess.run(
        [sys.executable, "-m", "ecotown.bench.cpu"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def measure(port, pages, cookies, rounds, only=None) -> dict[str, list[float]]:
    """Timings (ms) of CLIENTS clients at once, each with its own trainee's section to save."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    clients = [
        BenchClient(port, pages, cookies, autosave_target(n), rounds, timings, errors, only)
        for n in range(CLIENTS)
    ]
    for client in clients:
        client.start()
    for client in clients:
        client.join(timeout=600)
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, first: {errors[0]}")
    return timings


def measure_alone(port, pages, cookies, label: str, rounds: int) -> tuple[list, list]:
    """(the page's timings, the login page's timings), taken in alternating turns."""
    page, login = [], []
    turns = 10
    for _ in range(turns):
        login += measure(port, pages, cookies, max(1, rounds // turns), only=LOGIN)[LOGIN]
        page += measure(port, pages, cookies, max(1, rounds // turns), only=label)[label]
    return page, login


def summarise(timings, labels, kind: str, metrics: list, floors=None) -> float:
    """Add a metric per label; return the worst p95 as a multiple of the login page's.

    `floors` gives, per label, the login timings to compare with (else the run's own).
    """
    from ecotown.core.management.commands.bench import Metric

    worst = 0.0
    for label in labels:
        floor = percentile((floors or {}).get(label) or timings[LOGIN], 0.95)
        p50, p95 = statistics.median(timings[label]), percentile(timings[label], 0.95)
        ratio = p95 / floor
        if label != LOGIN:
            worst = max(worst, ratio)
        beside = " beside it" if floors and label != LOGIN else ""
        metrics.append(
            Metric(
                f"latency {kind}: {label}",
                round(p95, 1),
                "ms p95",
                f"p50 {p50:.1f} ms, {ratio:.2f}x the login page{beside}",
            )
        )
    return worst


def run(ctx):
    from ecotown.core.management.commands.bench import Metric

    ctx.say("seeding the demo at 20x ...")
    reseed(20)
    settle_database()
    pages = main_pages()
    cookies = {username: session_cookie(username) for _, username, _ in pages}
    labels = [LOGIN, *(label for label, _, _ in pages), AUTOSAVE]
    # Alone, each page is asked 640 times (160 rounds of the 4 clients) in 10 turns: on a
    # shared two-core machine a burst of other work lasts tens of requests, and with 160
    # samples, as before, one burst decided a page's p95 (its top 8) whatever the page did.
    rounds, alone_rounds = (8, 20) if ctx.quick else (25, 160)
    port = free_port()
    with tempfile.TemporaryDirectory() as static_root:
        server = start_gunicorn(port, server_env(static_root))
        try:
            measure(port, pages, cookies, 2)  # warm both workers: templates, connections
            mixed = measure(port, pages, cookies, rounds)
            alone, floors = {}, {}
            for label in labels[1:]:  # each page, with login turns beside it
                alone[label], floors[label] = measure_alone(
                    port, pages, cookies, label, alone_rounds
                )
            alone[LOGIN] = [ms for label in labels[1:] for ms in floors[label]]
            floors[LOGIN] = alone[LOGIN]
        finally:
            server.terminate()
            server.wait(timeout=30)
        cpu = server_cpu(server_env(static_root))
    metrics = []
    worst_mixed = summarise(mixed, labels, "mixed", metrics)
    worst_alone = summarise(alone, labels, "alone", metrics, floors)
    worst_cpu = 0.0
    login_cpu = statistics.median(login_ms for _page_ms, login_ms in cpu.values())
    metrics.append(Metric(f"server CPU: {LOGIN}", round(login_cpu, 1), "ms", "1.00x (median)"))
    for label, (page_ms, login_ms) in cpu.items():
        ratio = page_ms / login_ms
        worst_cpu = max(worst_cpu, ratio)
        note = f"{ratio:.2f}x the login page beside it ({login_ms:.1f} ms)"
        metrics.append(Metric(f"server CPU: {label}", round(page_ms, 1), "ms", note))
    ctx.say(f"worst page, server CPU: {worst_cpu:.2f}x Django's login page")
    ctx.say(f"worst page, mixed: {worst_mixed:.2f}x Django's login page")
    verdict = "within" if worst_alone <= BUDGET else "OVER"
    ctx.say(
        f"worst page, alone: {worst_alone:.2f}x Django's login page "
        f"({verdict} the {BUDGET:g}x budget)"
    )
    return metrics
