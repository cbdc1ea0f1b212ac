"""Prepared statements on the server for the SQL texts that the pages run on every request.

psycopg2 sends each query as text with its values in it, and PostgreSQL parses and plans it anew:
for the larger page queries, planning alone takes longer than answering (0.1 to 0.45 ms against
0.02 to 0.3 ms), and on a two-core machine the server's work is time the pages wait for. A text
that only its parameters vary (marked by ecotown.core.page_sql.keep_prepared) is prepared once
per connection, under the same name on every connection of the process, and then run with
EXECUTE: parsed once, and planned once when a generic plan serves (PostgreSQL's plan cache
decides, plan_cache_mode). Any other text runs as Django runs it.

- The first use on a connection sends PREPARE on its own, and the name is kept once the server
  has it: a failed EXECUTE (a deadlock, a timeout) then leaves no doubt about what is prepared.
- A prepared statement belongs to the session and outlives a rolled-back transaction, so the
  names a connection holds are kept with the connection and die with it.
- What Django logs and counts (DEBUG, assertNumQueries) is the marked text with its values, as
  it would be without preparing.
- A statement that a migration outdated while the process ran (a column made longer) is
  prepared anew, as is one the server forgot. Outside a transaction the query then answers; in
  one, it fails as any failed statement would, and the next transaction succeeds.
- A text the server cannot prepare (a parameter whose type it cannot tell) runs as written from
  then on; a test prepares every prepared query of the project on the server.
- Behind a pooler that hands each transaction another server connection (pgbouncer in
  transaction mode), a connection's prepared statements are not its own:
  DATABASE_PREPARED_STATEMENTS=false turns this off.
"""

import re
from typing import Any

import psycopg2.errors
import psycopg2.extensions

from ecotown.core import page_sql

# Marked text -> (its PREPARE body, with $1..$n for psycopg2's %s, and how many there are).
_BODIES: dict[str, tuple[str, int]] = {}
_PLACEHOLDER = re.compile(r"%[%s]")


def prepared_body(sql: str) -> tuple[str, int]:
    """(`sql` with its %s placeholders numbered as PREPARE wants them, their count). A literal
    %% stays %%: the body is sent through psycopg2's formatting with the EXECUTE's values."""
    if sql not in _BODIES:
        count = 0

        def number(match: re.Match[str]) -> str:
            nonlocal count
            if match.group() == "%%":
                return "%%"
            count += 1
            return f"${count}"

        _BODIES[sql] = (_PLACEHOLDER.sub(number, sql), count)
    return _BODIES[sql]


class PreparingConnection(psycopg2.extensions.connection):
    """A connection that knows which statements it has prepared."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prepared_names: set[str] = set()
        self.stale_names: set[str] = set()  # prepared, but to be prepared anew


class PreparingCursor(psycopg2.extensions.cursor):
    """Runs a marked text as its prepared statement (preparing it on first use)."""

    _shown: tuple[str, Any] | None = None  # the marked text and values, as logged

    def execute(self, query: Any, vars: Any = None) -> None:
        name = page_sql.statement_name(query) if isinstance(query, str) else None
        # Marked texts always come with a sequence of values (without any, psycopg2 would not
        # read %% as %, and the prepared body would differ). A named cursor (a queryset's
        # .iterator()) declares a cursor FOR its text, which cannot be an EXECUTE.
        if name is None or not isinstance(vars, list | tuple) or self.name is not None:
            self._shown = None
            super().execute(query, vars)
            return
        self._shown = (query, vars)
        try:
            self._execute_prepared(name, query, vars)
        except (psycopg2.errors.InvalidSqlStatementName, psycopg2.errors.FeatureNotSupported) as e:
            if isinstance(e, psycopg2.errors.InvalidSqlStatementName):
                # The server forgot them (DISCARD ALL, DEALLOCATE ALL): prepare anew from now on.
                self.connection.prepared_names.clear()
            else:
                # "cached plan must not change result type": a migration changed a column that
                # the statement reads (a longer CharField) while this process ran.
                self.connection.prepared_names.discard(name)
                self.connection.stale_names.add(name)
            if not self.connection.autocommit:
                raise  # the transaction is spoilt, as by any failed statement; the next succeeds
            self._execute_prepared(name, query, vars)

    def _execute_prepared(self, name: str, query: str, vars: Any) -> None:
        body, count = prepared_body(query)
        held = self.connection.prepared_names
        if name not in held:
            if name in self.connection.stale_names:
                super().execute(f"DEALLOCATE {name}", ())
                self.connection.stale_names.discard(name)
            try:
                super().execute(f"PREPARE {name} AS {body}", ())
            except psycopg2.ProgrammingError:
                # A text whose parameters' types the server cannot tell alone ($1 IS NULL):
                # it runs as written, here and from now on.
                page_sql.unmark(query)
                if not self.connection.autocommit:
                    raise  # the transaction is spoilt, as by any failed statement
                self._shown = None
                super().execute(query, vars)
                return
            held.add(name)
        execute = f"EXECUTE {name} ({', '.join(['%s'] * count)})" if count else f"EXECUTE {name}"
        super().execute(execute, vars)

    @property
    def query(self) -> bytes | None:
        """What Django logs for the last statement: the marked text with its values."""
        if self._shown is not None:
            shown: bytes = self.mogrify(*self._shown)
            return shown
        last: bytes | None = psycopg2.extensions.cursor.query.__get__(self)
        return last
