"""The benchmarks' own arithmetic: each page against the login turns beside it, the CPU batches
taken in turns, the seeded database settled, and query counts compared across every size."""

import pytest
from django.db import connection

from ecotown.bench import latency
from tests.factories.planning_docs import make_plan


def test_each_page_alone_is_compared_with_the_login_turns_beside_it():
    timings = {
        latency.LOGIN: [10.0] * 20,
        "roster": [30.0] * 19 + [90.0],  # p95 of 20 samples is the 19th: 30 ms
        "plan list": [20.0] * 20,
    }
    floors = {latency.LOGIN: [10.0] * 20, "roster": [30.0] * 20, "plan list": [5.0] * 20}
    metrics = []
    worst = latency.summarise(
        timings, [latency.LOGIN, "roster", "plan list"], "alone", metrics, floors
    )
    assert worst == 4.0  # the plan list: 20 ms against the 5 ms login turns beside it
    assert [(m.name, m.value, m.note) for m in metrics] == [
        ("latency alone: login page (Django's own)", 10.0, "p50 10.0 ms, 1.00x the login page"),
        ("latency alone: roster", 30.0, "p50 30.0 ms, 1.00x the login page beside it"),
        ("latency alone: plan list", 20.0, "p50 20.0 ms, 4.00x the login page beside it"),
    ]


def test_the_mixed_walk_is_compared_with_its_own_login_requests():
    timings = {latency.LOGIN: [10.0] * 20, "roster": [25.0] * 20}
    metrics = []
    assert latency.summarise(timings, [latency.LOGIN, "roster"], "mixed", metrics) == 2.5
    assert metrics[1].note == "p50 25.0 ms, 2.50x the login page"


def test_the_cpu_batches_of_a_page_and_the_login_page_are_taken_in_turns():
    from ecotown.bench import cpu

    asked = []

    class Client:
        def get(self, url):
            asked.append(url)

    best = cpu._best_batches([(Client(), "/page/"), (Client(), "/login/")], repeats=3, batch=2)
    assert asked == ["/page/", "/page/", "/login/", "/login/"] * 3
    assert len(best) == 2 and all(ms >= 0 for ms in best)


@pytest.mark.django_db(transaction=True)
def test_the_seeded_database_is_settled_before_it_is_measured():
    """Statistics read and writes flushed, so that autovacuum does not change the plans midway."""
    make_plan()
    latency.settle_database()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables"
                " WHERE relname = 'planning_docs_plan'"
            )
        else:
            cursor.execute("SELECT count(*) > 0 FROM sqlite_stat1 WHERE tbl = 'planning_docs_plan'")
        assert cursor.fetchone()[0]


def test_query_counts_are_compared_across_every_size():
    from ecotown.bench import queries

    rows = queries.flatness(
        {
            1: {"plan page": 11, "roster": 6},
            10: {"plan page": 11, "roster": 6},
            100: {"plan page": 11, "roster": 7},
        }
    )
    assert rows == [
        ("plan page", 11, "1x=11 10x=11 100x=11 flat", True),
        ("roster", 6, "1x=6 10x=6 100x=7 GROWS", False),
    ]
