"""The few small queries every signed-in page makes, written as SQL, and the SQL texts that the
database may keep prepared.

Django's ORM spends about 0.2 ms of Python building a query such as "the person's group names",
which the database answers in a twentieth of that. A page makes these on every request, so they
are written once, from the models' own table and column names, and run as plain SQL. Only those
names reach the SQL text; every value is a parameter.

Such a text, fixed for the life of the process, is also worth preparing on the server: PostgreSQL
then parses and plans it once per connection rather than on each request (about half of the
server's work for a page's queries; ecotown/core/postgresql/statements.py). `keep_prepared`
names the texts it may prepare: these, those of ecotown.core.prepared, and a list page's own
query (`listed`).
"""

import itertools
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection
from django.db.models import Model

# SQL text -> the name of its prepared statement, the same on every connection of the process.
_STATEMENT_NAMES: dict[str, str] = {}
_REFUSED: set[str] = set()  # texts the server could not prepare
_numbers = itertools.count(1)
# A list's texts vary with its filters and its page (an OFFSET in the text): past this many
# texts, new ones run unprepared, so that no sequence of requests grows the process without end.
MOST_STATEMENTS = 500


def keep_prepared(sql: str) -> str:
    """Mark `sql`, a text that only its parameters vary, as one to prepare; returns it."""
    if sql not in _STATEMENT_NAMES and len(_STATEMENT_NAMES) < MOST_STATEMENTS:
        if sql in _REFUSED:
            return sql
        _STATEMENT_NAMES.setdefault(sql, f"ecotown_{next(_numbers)}")
    return sql


def listed[Row](rows: Iterable[Row]) -> list[Row]:
    """`rows` (a list page's queryset, its page of rows) read with its SQL kept prepared: a
    list has a few shapes (which filters are set, which page) and is read on every visit."""
    with connection.execute_wrapper(_mark_prepared):
        return list(rows)


def _mark_prepared(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
    if not many:
        keep_prepared(sql)
    return execute(sql, params, many, context)


def unmark(sql: str) -> None:
    """Run `sql` unprepared from now on, though marked again (the server could not prepare it)."""
    _REFUSED.add(sql)
    _STATEMENT_NAMES.pop(sql, None)


def statement_name(sql: str) -> str | None:
    """The prepared statement's name for `sql`, if it is marked to be kept prepared."""
    return _STATEMENT_NAMES.get(sql)


def table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(model: type[Model], field: str) -> str:
    name = model._meta.get_field(field).column  # type: ignore[union-attr]
    assert isinstance(name, str)
    return connection.ops.quote_name(name)


def rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """The rows of `sql`, a text written from names only (kept prepared)."""
    with connection.cursor() as cursor:
        cursor.execute(keep_prepared(sql), params)
        found: list[tuple[Any, ...]] = cursor.fetchall()
        return found
