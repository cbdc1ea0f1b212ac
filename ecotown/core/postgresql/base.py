"""Django's PostgreSQL backend, with a health check that costs no round trip to the server, and
the pages' fixed queries kept prepared on the server (statements.py).

A kept connection (CONN_MAX_AGE) is checked before the first query of each request
(CONN_HEALTH_CHECKS) with `SELECT 1`: a round trip that on a busy two-core machine costs a page
as much as one of its own queries. A connection that the server has ended (a restart, an idle
timeout, pg_terminate_backend) has something to read on its socket: the server's last message,
or the end of the stream. So the socket is polled without waiting, and only a connection with
something to read is checked with `SELECT 1`, as Django checks it. A server that vanished
without a word is found by the first query, as it would be if it vanished after the check.
"""

import select
from typing import Any

from django.db.backends.postgresql import base

from ecotown.core.postgresql.statements import PreparingConnection, PreparingCursor

# OPTIONS key (settings: DATABASE_PREPARED_STATEMENTS): keep the marked texts prepared.
PREPARED_STATEMENTS = "prepared_statements"


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        params: dict[str, Any] = super().get_connection_params()
        if params.pop(PREPARED_STATEMENTS, True):
            params["connection_factory"] = PreparingConnection
            params["cursor_factory"] = PreparingCursor
        return params

    def is_usable(self) -> bool:
        if self.connection is None or self.connection.closed:
            return False
        poller = select.poll()
        poller.register(self.connection.fileno(), select.POLLIN)
        if poller.poll(0):  # something to read, a hang-up or an error: ask the server
            return bool(super().is_usable())
        return True
