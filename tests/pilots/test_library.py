import importlib
import sqlite3

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecotown.core.roles import COORDINATOR, EXPERT
from pilots.library import LibraryQuery, library_for_user, library_search, may_read_in_library
from pilots.library_search import FTS5_SELECT, fts5_query
from pilots.models import LibraryEntry, PlanConsent
from tests.factories.core import AdminFactory, UserFactory
from tests.factories.planning_docs import add_coauthor
from tests.pilots.library_world import approved_in, seminar_of, trainee_in

pytestmark = pytest.mark.django_db


def consent(plan, *, trainees=True):
    PlanConsent.objects.create(plan=plan, show_to_trainees=trainees)


@pytest.fixture
def years():
    """2024: a consented plan and one without consent; 2026: a trainee's own plan, and a
    consented plan of the same year (not "earlier")."""
    old, new = seminar_of(2024), seminar_of(2026)
    shown = approved_in(old, title="Shown 2024")
    consent(shown)
    hidden = approved_in(old, title="Hidden 2024")
    consent(hidden, trainees=False)
    own = approved_in(new, title="Own 2026")
    peer = approved_in(new, title="Peer 2026")
    consent(peer)
    return {"shown": shown, "hidden": hidden, "own": own, "peer": peer, "new": new}


def titles(user) -> set[str]:
    return set(library_for_user(user).values_list("title", flat=True))


EVERYTHING = {"Shown 2024", "Hidden 2024", "Own 2026", "Peer 2026"}


def test_the_library_is_scoped_by_consent_and_role(years):
    own_trainee = years["own"].enrolment.trainee
    newcomer = trainee_in(years["new"])
    expected = {
        # Coordinators and experts (any expert, assigned or not) read every approved plan.
        UserFactory(role=COORDINATOR): EVERYTHING,
        AdminFactory(): EVERYTHING,
        UserFactory(role=EXPERT): EVERYTHING,
        years["shown"].assignments.get().expert: EVERYTHING,
        # A 2026 trainee: their own plan and the consented plans of earlier seminars.
        own_trainee: {"Own 2026", "Shown 2024"},
        newcomer: {"Shown 2024"},
        # A 2024 trainee: their own; the consented 2026 plan is not "earlier".
        years["hidden"].enrolment.trainee: {"Hidden 2024"},
        # A trainee without a seat anywhere reads nothing but their own (none).
        UserFactory(role="trainee"): set(),
        # A co-author is no trainee: nothing, not even the plan they write.
        add_coauthor(years["own"]): set(),
        UserFactory(): set(),
    }
    for user, want in expected.items():
        assert titles(user) == want, user


def test_the_single_plan_rule_agrees_with_the_list(years):
    users = [
        years["own"].enrolment.trainee,
        years["hidden"].enrolment.trainee,
        trainee_in(years["new"]),
        UserFactory(role=EXPERT),
        add_coauthor(years["own"]),
    ]
    plans = [years[key] for key in ("shown", "hidden", "own", "peer")]
    for user in users:
        listed = set(library_for_user(user).values_list("pk", flat=True))
        for plan in plans:
            assert may_read_in_library(user, plan) == (plan.pk in listed), (user, plan)


def test_the_library_pages_answer_within_consent(client, years):
    newcomer = trainee_in(years["new"])
    client.force_login(newcomer)
    html = client.get(reverse("library:library-list")).content.decode()
    assert "Shown 2024" in html and "Hidden 2024" not in html and "Peer 2026" not in html
    shown = client.get(reverse("library:library-detail", args=[years["shown"].pk]))
    assert shown.status_code == 200
    assert "Text of Legal framework." in shown.content.decode()
    for key in ("hidden", "peer"):
        response = client.get(reverse("library:library-detail", args=[years[key].pk]))
        assert response.status_code == 404


def test_withdrawn_consent_takes_the_plan_out_of_later_trainees_library(years):
    newcomer = trainee_in(years["new"])
    PlanConsent.objects.filter(plan=years["shown"]).update(show_to_trainees=False)
    assert titles(newcomer) == set()


def test_a_reopened_plan_leaves_the_library(years):
    from planning_docs.models import Plan

    Plan.objects.filter(pk=years["shown"].pk).update(status=Plan.Status.CHANGES_REQUESTED)
    assert "Shown 2024" not in titles(UserFactory(role=COORDINATOR))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_full_text_search_finds_a_word_in_a_section_body_on_postgresql():
    old = seminar_of(2024)
    approved_in(old, title="Windrows", body="Market waste goes to windrow composting.")
    approved_in(old, title="Circuit boards", body="Boards go to a precious-metal refinery.")
    coordinator = UserFactory(role=COORDINATOR)
    entry = LibraryEntry.objects.get(plan__title="Windrows")
    assert entry.search_vector is not None

    def found(words):
        plans = library_search(coordinator, LibraryQuery(text=words))
        return [p.title for p in plans]

    assert found("windrow") == ["Windrows"]
    assert found("refinery") == ["Circuit boards"]
    assert found("refinery windrow") == []  # every word must be there
    assert sorted(found("Legal framework")) == ["Circuit boards", "Windrows"]
    assert found("'; DROP TABLE x; --") == []


def test_filters_by_country_sector_and_technology():
    old = seminar_of(2024)
    approved_in(old, title="Compost Kenya", body="Windrow composting", country="KE")
    approved_in(
        old,
        title="Cars Viet Nam",
        body="Depollution line",
        country="VN",
        sector="vehicles",
    )
    approved_in(old, title="Sited Ghana", pilot_country="GH", country="KE")
    coordinator = UserFactory(role=COORDINATOR)

    def found(**query):
        return sorted(p.title for p in library_search(coordinator, LibraryQuery(**query)))

    assert found(country="KE") == ["Compost Kenya"]
    assert found(country="GH") == ["Sited Ghana"]
    assert found(sector="vehicles") == ["Cars Viet Nam"]
    assert found(technology="windrow") == ["Compost Kenya"]


MIGRATION = importlib.import_module("pilots.migrations.0004_library_search_and_frozen_photos")


def sqlite_library(rows: dict[int, str]) -> sqlite3.Connection:
    """An in-memory SQLite database with the entries' table and the migration's FTS5 table
    and triggers, holding `rows` (id: text)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE pilots_libraryentry (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    for statement in MIGRATION.SQLITE_FTS:
        db.execute(statement)
    db.executemany("INSERT INTO pilots_libraryentry (id, text) VALUES (?, ?)", rows.items())
    return db


def fts5_ids(db: sqlite3.Connection, words: str) -> list[int]:
    sql = FTS5_SELECT.replace("%s", "?")
    return sorted(row[0] for row in db.execute(sql, [fts5_query(words)]))


def test_fts5_finds_words_in_the_text_and_follows_changes():
    db = sqlite_library({1: "Windrow composting at the market", 2: "Précieux métaux, refinery"})
    assert fts5_ids(db, "windrow") == [1]
    assert fts5_ids(db, "COMPOSTING market") == [1]
    assert fts5_ids(db, "metaux") == [2]  # diacritics removed on both sides
    assert fts5_ids(db, "windrow refinery") == []
    db.execute("UPDATE pilots_libraryentry SET text = 'Sorting line' WHERE id = 1")
    assert fts5_ids(db, "windrow") == [] and fts5_ids(db, "sorting") == [1]
    db.execute("DELETE FROM pilots_libraryentry WHERE id = 2")
    assert fts5_ids(db, "refinery") == []


def test_fts5_query_quotes_every_word_so_no_input_is_syntax():
    assert fts5_query('compost" OR text:* NEAR(a b) -x') == (
        '"compost" "OR" "text" "NEAR" "a" "b" "x"'
    )
    assert fts5_query("  ;'--  ") == ""
    db = sqlite_library({1: "OR near text"})
    assert fts5_ids(db, 'text:* OR "near') == [1]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_library_list_queries_do_not_grow_with_the_number_of_plans(client):
    old = seminar_of(2024)
    coordinator = UserFactory(role=COORDINATOR)
    client.force_login(coordinator)

    def add(n):
        for _ in range(n):
            consent(approved_in(old))

    add(2)
    url = reverse("library:library-list") + "?q=Legal"
    small = queries_for(client, url)
    add(4)
    assert queries_for(client, url) == small


def test_approving_again_indexes_the_newly_approved_version():
    from planning_docs.services import plan_approve, plan_reopen, plan_submit

    plan = approved_in(seminar_of(2024), body="Windrow composting")
    coordinator = UserFactory(role=COORDINATOR)
    plan_reopen(plan=plan, actor=coordinator, reason="Add the sorting line")
    draft = plan.drafts.get(section__key="technologies-and-recycling-chains")
    draft.body = "A conveyor sorting line"
    draft.save()
    version = plan_submit(plan=plan, actor=plan.enrolment.trainee)
    plan_approve(plan=plan, version=version, actor=plan.assignments.get().expert, note="Ok")
    entry = LibraryEntry.objects.get(plan=plan)
    assert (entry.version.number, entry.technology) == (2, "A conveyor sorting line")
    found = library_search(coordinator, LibraryQuery(text="conveyor"))
    assert [p.pk for p in found] == [plan.pk]
    assert list(library_search(coordinator, LibraryQuery(text="windrow"))) == []
