"""The pages' fixed SQL texts are kept prepared on the PostgreSQL server
(ecotown/core/postgresql/statements.py): prepared once per connection, run with EXECUTE, logged
as written, and run plainly when turned off."""

import pytest
from django.db import NotSupportedError, connection, connections, transaction
from django.db.utils import ConnectionHandler
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from ecotown.core import page_sql
from ecotown.core import prepared as prepared_module
from ecotown.core.postgresql.statements import prepared_body
from tests.factories.planning_docs import make_plan

ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's prepared statements"
)
MARKED = "SELECT %s::int + 1, '100%%', %s::text"


def held_on_server() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_prepared_statements")
        return dict(cursor.fetchall())


def test_placeholders_are_numbered_and_a_literal_percent_stays_escaped():
    assert prepared_body("SELECT %s, '5%%' WHERE a = %s") == ("SELECT $1, '5%%' WHERE a = $2", 2)
    assert prepared_body("SELECT 1") == ("SELECT 1", 0)


@ON_POSTGRESQL
@pytest.mark.django_db
def test_a_marked_text_is_prepared_once_then_executed():
    assert page_sql.rows(MARKED, [1, "a"]) == [(2, "100%", "a")]
    name = page_sql.statement_name(MARKED)
    statement = held_on_server()[name]
    assert statement == f"PREPARE {name} AS SELECT $1::int + 1, '100%', $2::text"
    assert page_sql.rows(MARKED, [41, "b"]) == [(42, "100%", "b")]
    assert list(held_on_server()).count(name) == 1


@ON_POSTGRESQL
@pytest.mark.django_db
def test_an_unmarked_text_is_not_prepared():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::int * 2", [21])
        assert cursor.fetchone() == (42,)
    assert not any("$1::int * 2" in statement for statement in held_on_server().values())


@ON_POSTGRESQL
@pytest.mark.django_db
def test_what_django_logs_is_the_text_as_written_with_its_values():
    page_sql.rows(MARKED, [1, "a"])  # prepared already: the next one is an EXECUTE
    with CaptureQueriesContext(connection) as captured:
        page_sql.rows(MARKED, [2, "logged"])
    assert [query["sql"] for query in captured] == ["SELECT 2::int + 1, '100%', 'logged'::text"]


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_a_statement_prepared_in_a_rolled_back_transaction_is_still_there():
    with pytest.raises(RuntimeError), transaction.atomic():
        assert page_sql.rows(MARKED, [1, "in"]) == [(2, "100%", "in")]
        raise RuntimeError("roll back")
    assert page_sql.statement_name(MARKED) in held_on_server()
    assert page_sql.rows(MARKED, [2, "after"]) == [(3, "100%", "after")]


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_statements_the_server_forgot_are_prepared_again():
    page_sql.rows(MARKED, [1, "a"])
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    # Outside a transaction the query is prepared again and answers.
    assert page_sql.rows(MARKED, [2, "b"]) == [(3, "100%", "b")]
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    # Inside one, the failed statement spoils it, as any failed statement would; the next
    # transaction prepares anew.
    with pytest.raises(Exception, match="does not exist"), transaction.atomic():
        page_sql.rows(MARKED, [3, "c"])
    with transaction.atomic():
        assert page_sql.rows(MARKED, [4, "d"]) == [(5, "100%", "d")]


@ON_POSTGRESQL
@pytest.mark.django_db
def test_every_prepared_query_of_the_project_is_prepared_by_the_server():
    """PostgreSQL must infer each parameter's type from the text alone."""
    assert get_resolver().url_patterns  # every view, and so every selector module, imported
    for query in prepared_module.EVERY:
        with transaction.atomic():
            query(*query.stand_ins(0))
    names = held_on_server()
    for query in prepared_module.EVERY:
        sql = query._compiled[2]
        assert page_sql.statement_name(sql) in names, query.build.__qualname__


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_turned_off_every_text_runs_plainly():
    settings = {**connection.settings_dict, "OPTIONS": {"prepared_statements": False}}
    plain = ConnectionHandler({"default": settings})["default"]
    try:
        with plain.cursor() as cursor:
            cursor.execute(MARKED, [1, "a"])
            assert cursor.fetchone() == (2, "100%", "a")
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            assert cursor.fetchone() == (0,)
    finally:
        plain.close()
    assert connections["default"].settings_dict["OPTIONS"].get("prepared_statements", True)


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_a_text_the_server_cannot_prepare_runs_as_written():
    unpreparable = "SELECT %s IS NULL, %s::int"  # the type of the first value is anyone's guess
    assert page_sql.rows(unpreparable, [None, 1]) == [(True, 1)]
    assert page_sql.statement_name(unpreparable) is None
    with transaction.atomic():  # where a failed PREPARE would spoil the transaction
        assert page_sql.rows(unpreparable, ["x", 2]) == [(False, 2)]
    assert not any("$1 IS NULL" in statement for statement in held_on_server().values())


@ON_POSTGRESQL
@pytest.mark.django_db
def test_a_list_page_keeps_its_query_prepared(client, coordinator):
    make_plan()
    client.force_login(coordinator)
    assert client.get(reverse("trainees:roster")).status_code == 200
    assert client.get(reverse("planning_docs:plan-list")).status_code == 200
    statements = " ".join(held_on_server().values())
    assert '"trainees_enrolment"."id" AS "pk"' in statements
    assert '"planning_docs_plan"."id" AS "pk"' in statements


def test_past_so_many_texts_new_ones_run_unprepared(monkeypatch):
    monkeypatch.setattr(page_sql, "_STATEMENT_NAMES", {})
    monkeypatch.setattr(page_sql, "MOST_STATEMENTS", 2)
    for n in range(3):
        page_sql.keep_prepared(f"SELECT {n}")
    assert [page_sql.statement_name(f"SELECT {n}") is not None for n in range(3)] == [
        True,
        True,
        False,
    ]


@ON_POSTGRESQL
@pytest.mark.django_db
def test_a_marked_text_read_through_a_server_side_cursor_runs_as_written():
    page_sql.rows(MARKED, [1, "a"])
    with connection.chunked_cursor() as cursor:  # what a queryset's .iterator() reads with
        cursor.execute(MARKED, [2, "b"])
        assert cursor.fetchall() == [(3, "100%", "b")]


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_a_statement_a_migration_outdated_is_prepared_anew():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE prepared_probe (word varchar(5))")
        cursor.execute("INSERT INTO prepared_probe VALUES ('short')")
    reads = "SELECT word FROM prepared_probe WHERE word <> %s"
    try:
        assert page_sql.rows(reads, ["x"]) == [("short",)]
        with connection.cursor() as cursor:  # a migration makes the column longer
            cursor.execute("ALTER TABLE prepared_probe ALTER word TYPE varchar(50)")
            cursor.execute("INSERT INTO prepared_probe VALUES ('a longer word')")
        assert page_sql.rows(reads, ["x"]) == [("short",), ("a longer word",)]
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE prepared_probe ALTER word TYPE text")
        with pytest.raises(NotSupportedError), transaction.atomic():
            page_sql.rows(reads, ["x"])  # spoils its transaction, as any failed statement
        with transaction.atomic():
            assert len(page_sql.rows(reads, ["x"])) == 2
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE prepared_probe")
