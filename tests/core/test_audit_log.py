"""The coordinators' audit page (filters, pages, a flat query count) and audit rows that the
database refuses to change or delete."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, InternalError, connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from tests.factories.core import CoordinatorFactory, ExpertFactory, TraineeFactory
from tests.factories.seminars import SeminarFactory

pytestmark = pytest.mark.django_db


def listed(response):
    return [(e.verb, e.object_id) for e in response.context["events"]]


@pytest.fixture
def log(coordinator):
    """Three actions by two people on a seminar and a person, on three different days."""
    seminar = SeminarFactory()
    expert = ExpertFactory(first_name="Yuki", last_name="Tanaka")
    trainee = TraineeFactory()
    now = timezone.now()
    actions = [
        (10, seminar, AuditEvent.Verb.SEMINAR_CREATED, coordinator),
        (5, seminar, AuditEvent.Verb.SESSION_ADDED, expert),
        (0, trainee, AuditEvent.Verb.PERSON_CHANGED, coordinator),
    ]
    for days, obj, verb, actor in actions:
        # Written then: the trigger would refuse moving "at" afterwards.
        with mock.patch("django.utils.timezone.now", return_value=now - timedelta(days=days)):
            record(obj, verb=verb, actor=actor)
    return {"seminar": seminar, "expert": expert, "trainee": trainee, "now": now}


def test_the_log_lists_everything_newest_first(client, coordinator, log):
    client.force_login(coordinator)
    response = client.get(reverse("core:audit"))
    assert response.status_code == 200
    seminar, trainee = log["seminar"].pk, log["trainee"].pk
    assert listed(response) == [
        ("person_changed", trainee),
        ("session_added", seminar),
        ("seminar_created", seminar),
    ]
    page = response.content.decode()
    assert "person&#x27;s details changed" in page or "person's details changed" in page


def test_filters_by_person_object_verb_and_dates(client, coordinator, log):
    client.force_login(coordinator)
    url = reverse("core:audit")
    seminar, trainee = log["seminar"].pk, log["trainee"].pk
    seminar_type = ContentType.objects.get_for_model(log["seminar"]).pk
    assert listed(client.get(url, {"person": "tanaka"})) == [("session_added", seminar)]
    assert listed(client.get(url, {"object_type": seminar_type, "object_id": seminar})) == [
        ("session_added", seminar),
        ("seminar_created", seminar),
    ]
    assert listed(client.get(url, {"verb": "person_changed"})) == [("person_changed", trainee)]
    today = timezone.localdate(log["now"])
    since, until = today - timedelta(days=6), today - timedelta(days=1)
    assert listed(client.get(url, {"since": since, "until": until})) == [("session_added", seminar)]


def test_a_reversed_date_range_says_so_and_lists_everything(client, coordinator, log):
    client.force_login(coordinator)
    response = client.get(reverse("core:audit"), {"since": "2026-05-02", "until": "2026-05-01"})
    assert "The end comes before the start." in response.content.decode()
    assert len(listed(response)) == 3


def test_only_coordinators_read_the_log(client, log):
    for user in (log["expert"], log["trainee"]):
        client.force_login(user)
        assert client.get(reverse("core:audit")).status_code == 403


def queries_for(client, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("core:audit"), params).status_code == 200
    return len(captured)


def test_the_page_costs_as_many_queries_for_many_rows_as_for_few(client, coordinator):
    client.force_login(coordinator)
    people = CoordinatorFactory.create_batch(3)

    def write(n):
        for i in range(n):
            record(people[i % 3], verb=AuditEvent.Verb.PERSON_CHANGED, actor=people[(i + 1) % 3])

    write(2)
    few = queries_for(client)
    write(60)  # past one page
    assert queries_for(client) == few
    assert queries_for(client, page=2) == few


def test_the_database_refuses_to_change_or_delete_an_audit_row(coordinator):
    event = record(coordinator, verb=AuditEvent.Verb.PERSON_CHANGED, actor=coordinator, note="x")
    for change in (
        lambda: AuditEvent.objects.filter(pk=event.pk).update(note="rewritten"),
        lambda: AuditEvent.objects.filter(pk=event.pk).update(verb="submit"),
        lambda: AuditEvent.objects.filter(pk=event.pk).update(actor=ExpertFactory()),
        lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
    ):
        with pytest.raises((InternalError, IntegrityError, DatabaseError)), transaction.atomic():
            change()
    event.refresh_from_db()
    assert (event.note, event.verb, event.actor) == ("x", "person_changed", coordinator)


def test_deleting_the_person_who_acted_keeps_their_actions(coordinator, trainee):
    event = record(trainee, verb=AuditEvent.Verb.PERSON_CHANGED, actor=coordinator)
    User.objects.filter(pk=coordinator.pk).delete()
    event.refresh_from_db()
    assert (event.actor, event.verb, event.object_id) == (None, "person_changed", trainee.pk)


def test_the_embedded_sqlite_database_refuses_too(tmp_path):
    import sqlite3

    from tests.core.test_settings import run_python

    database = tmp_path / "embedded.sqlite3"
    env = {"VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}"}
    migrated = run_python("", env, "manage.py", "migrate", "--no-input", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    db = sqlite3.connect(database)
    db.execute(
        "INSERT INTO core_auditevent (content_type_id, object_id, verb, from_status, to_status,"
        " note, at) VALUES (1, 1, 'submit', '', '', 'kept', '2026-11-30 00:00:00')"
    )
    db.commit()
    for change in (
        "UPDATE core_auditevent SET note = 'rewritten'",
        "UPDATE core_auditevent SET actor_id = 1",
        "DELETE FROM core_auditevent",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="audit events are immutable"):
            db.execute(change)
    db.execute("UPDATE core_auditevent SET actor_id = NULL")  # its actor deleted: allowed
    assert db.execute("SELECT note FROM core_auditevent").fetchall() == [("kept",)]
