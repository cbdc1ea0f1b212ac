"""A kept PostgreSQL connection is health-checked without a round trip while it is healthy, and
a connection the server ended is found and replaced before the request uses it
(ecotown/core/postgresql)."""

import time

import psycopg2
import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own connections"),
]


@pytest.fixture
def observer():
    """A second connection, to look at the first from the server's side."""
    other = psycopg2.connect(**connection.get_connection_params())
    other.autocommit = True
    yield other.cursor()
    other.close()


def last_statement(observer, pid: int) -> str:
    observer.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
    return observer.fetchone()[0]


def test_a_healthy_connection_is_checked_without_a_query(observer):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), 'the last statement'")
        pid = cursor.fetchone()[0]
    assert connection.is_usable()
    assert last_statement(observer, pid) == "SELECT pg_backend_pid(), 'the last statement'"


def test_a_connection_the_server_ended_is_found_and_replaced(observer, client):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    observer.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 5
    while connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)  # the server's last message takes a moment to arrive
    assert not connection.is_usable()
    # As at the start of a request: the check closes it, and the next query reconnects.
    connection.health_check_enabled, connection.health_check_done = True, False
    connection.close_if_health_check_failed()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
    assert client.get("/healthz").status_code == 200
