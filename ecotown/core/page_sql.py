"""The few small queries every signed-in page makes, written as SQL.

Django's ORM spends about 0.2 ms of Python building a query such as "the person's group names",
which the database answers in a twentieth of that. A page makes these on every request, so they
are written once, from the models' own table and column names, and run as plain SQL. Only those
names reach the SQL text; every value is a parameter.
"""

from typing import Any

from django.db import connection
from django.db.models import Model


def table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(model: type[Model], field: str) -> str:
    name = model._meta.get_field(field).column  # type: ignore[union-attr]
    assert isinstance(name, str)
    return connection.ops.quote_name(name)


def rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found: list[tuple[Any, ...]] = cursor.fetchall()
        return found
