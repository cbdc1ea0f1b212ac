"""Page queries whose SQL is built once per process rather than on every request.

Django builds a queryset's SQL anew each time it runs: a plan with its trainee and seminar costs
about 0.45 ms of Python to build and compile, and the database answers it in 0.07 ms. Each main
page makes several such queries, always of the same shape; only a value or two changes (the
plan's id, the person's). A PreparedQuery is a function that builds the queryset from those
values. It is built and compiled once, with stand-in values; each call then puts its own values
in the stand-ins' places among the compiled parameters, and Django's own iterables turn the rows
into models or values, prefetches included, as the queryset would have. The compiled text is
also kept prepared on the database server where it can be (ecotown.core.page_sql.keep_prepared).

What may be prepared, so that the SQL text cannot depend on anything but the values:
- the values are ints, strs, dates or datetimes that reach the SQL as parameters (ids, keys,
  choice values, today, now);
- nothing else varies: no time, no language, no zone, no list of values whose length varies,
  and no value, time or language in the queryset of a Prefetch (kept with the template).
Compiling refuses a value that does not reach the parameters; `check_prepared` (run by the
tests over every PreparedQuery of the project) refuses the rest.
"""

import copy
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from django.db import connection, connections
from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone, translation

from ecotown.core import page_sql


# Stand-ins: unlike any id, key or date a page asks for, and within every column's range.
def _stand_in(kind: type, which: int, n: int) -> Any:
    if kind is int:
        return 29_311 + 1_000 * which + n
    if kind is str:
        return f"\u2063prepared-{which}-{n}\u2063"
    if kind is date:
        return date(2191, 1 + which, 1 + n)
    return datetime(2191, 1 + which, 1 + n, 12, tzinfo=UTC)


def _adapt(kind: type, value: Any) -> Any:
    """A value as Django passes it to the database for a field of its kind."""
    if kind is datetime:
        return connection.ops.adapt_datetimefield_value(value)
    if kind is date:
        return connection.ops.adapt_datefield_value(value)
    return kind(value)


EVERY: list["PreparedQuery"] = []  # for check_prepared


class PreparedQuery:
    """`build(*values)` gives the queryset; calling the PreparedQuery gives its rows, a list."""

    def __init__(self, build: Callable[..., QuerySet], kinds: tuple[type, ...]) -> None:
        self.build, self.kinds = build, kinds
        self.__doc__ = build.__doc__
        self._compiled: tuple | None = None  # built on first use, kept for the process
        EVERY.append(self)

    def __call__(self, *values: Any) -> list[Any]:
        bound = self._adapted(values)
        if self._compiled is None:
            self._compiled = self._compile(self.build(*self.stand_ins(0)), 0)
            page_sql.keep_prepared(self._compiled[2])  # and on the server, where it can be
        template, compiler, sql, params, slots = self._compiled
        params = list(params)
        for position, slot in slots:
            params[position] = bound[slot]
        queryset = template._chain()  # a fresh queryset: its own rows and prefetches
        own = copy.copy(compiler)  # select, klass_info and the rest, as compiled
        own.connection = connections[template.db]  # this thread's connection
        own.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        queryset.query.get_compiler = lambda *args, **kwargs: own
        return list(queryset)

    def first(self, *values: Any) -> Any | None:
        """The first row, or None when there is none (a lookup by key, a newest one)."""
        return next(iter(self(*values)), None)

    def _adapted(self, values: Any) -> list[Any]:
        return [_adapt(kind, value) for kind, value in zip(self.kinds, values, strict=True)]

    def stand_ins(self, which: int) -> list[Any]:
        return [_stand_in(kind, which, n) for n, kind in enumerate(self.kinds)]

    def _compile(self, template: QuerySet, which: int) -> tuple:
        compiler = template.query.get_compiler(using=template.db)
        sql, params = compiler.as_sql()
        stand_ins = self._adapted(self.stand_ins(which))
        slots = [
            (position, stand_ins.index(param))
            for position, param in enumerate(params)
            if param in stand_ins
        ]
        missing = set(range(len(stand_ins))) - {slot for _, slot in slots}
        if missing:
            raise TypeError(
                f"{self.build.__qualname__}: value {sorted(missing)} is not a parameter of its "
                "SQL, so it cannot be prepared"
            )
        return template, compiler, sql, params, slots

    def compiled_as(self, which: int, zone: str, language: str) -> tuple:
        """(SQL, parameters with the stand-ins' places marked, the SQL of each prefetch's own
        queryset) under a zone and a language."""
        with timezone.override(zone), translation.override(language):
            template = self.build(*self.stand_ins(which))
            _, _, sql, params, slots = self._compile(template, which)
            # A prefetch's queryset is kept with the template: it must not vary at all.
            prefetches = [
                lookup.queryset.query.sql_with_params()
                for lookup in template._prefetch_related_lookups  # type: ignore[attr-defined]
                if isinstance(lookup, Prefetch) and lookup.queryset is not None
            ]
        marked = list(params)
        for position, slot in slots:
            marked[position] = ("value", slot)
        return sql, marked, prefetches


def prefetched(instance: Model, name: str, rows: list[Any]) -> None:
    """Leave `rows` as `instance.<name>.all()`, as prefetch_related leaves a one-to-many
    relation: read later with no query, each row knowing `instance`. For one object read by
    a PreparedQuery, whose rows the prefetch would read with a query built on every request.

    What Django's prefetch_one_level stores is stored here: the relation's own queryset (so a
    filter on it still queries the right rows) holding the rows.
    """
    manager = getattr(instance, name)
    related = manager.get_queryset()  # the relation's filter, applied only if it is used
    related._result_cache = rows
    related._prefetch_done = True
    for row in rows:
        manager.field.set_cached_value(row, instance)
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[manager.field.remote_field.cache_name] = related


def prepared(*kinds: type) -> Callable[[Callable[..., QuerySet]], PreparedQuery]:
    """Decorate `build(*values) -> QuerySet`, naming each value's kind: int, str, date or
    datetime (aware)."""
    if not all(kind in (int, str, date, datetime) for kind in kinds):
        raise TypeError("prepared values are ints, strs, dates or datetimes")
    return lambda build: PreparedQuery(build, kinds)


def check_prepared(query: PreparedQuery) -> list[str]:
    """What makes `query` unfit to prepare: its SQL or fixed parameters change with the values,
    the time, the zone or the language. Empty when fit."""
    first = query.compiled_as(0, "UTC", "en")
    problems = []
    if query.compiled_as(1, "Asia/Tokyo", "ar") != first:
        problems.append(
            f"{query.build.__qualname__}: its SQL changes with more than its values: {first[0]}"
        )
    return problems
