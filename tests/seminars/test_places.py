"""The list of places: kept by coordinators, one row per place however it is spelt, never
removed while a session is held there; free-text places of old became rows."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from ecotown.core.workflow import history_of
from seminars.models import Place
from tests.factories.seminars import SessionFactory, place_named
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def test_coordinator_adds_a_place_with_its_details(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("seminars:place-add"),
        {
            "name": "  Kitakyushu   Eco-Town Center ",
            "kind": "site",
            "address": "Hibikinada, Wakamatsu-ku",
            "capacity": "60",
            "map_url": "https://www.openstreetmap.org/?mlat=33.9339&mlon=130.7713",
            "latitude": "33.933900",
            "longitude": "130.771300",
            "notes": "Exhibition hall",
        },
    )
    assert response.status_code == 302
    place = Place.objects.get()
    assert (place.name, place.kind, place.capacity, str(place.latitude)) == (
        "Kitakyushu Eco-Town Center",
        "site",
        60,
        "33.933900",
    )
    assert history_of(place).get().verb == "place_added"
    listed = client.get(reverse("seminars:place-list")).content.decode()
    assert "Kitakyushu Eco-Town Center" in listed and "Hibikinada, Wakamatsu-ku" in listed


def test_a_second_place_of_the_same_name_in_other_case_and_spacing_is_refused(client, coordinator):
    place_named("Room 31")
    client.force_login(coordinator)
    with nothing_changes(Place):
        response = client.post(reverse("seminars:place-add"), {"name": "room  31", "kind": "room"})
    assert response.status_code == 200
    assert "A place of that name exists already." in response.content.decode()


def test_half_a_coordinate_is_refused(client, coordinator):
    client.force_login(coordinator)
    with nothing_changes(Place):
        response = client.post(
            reverse("seminars:place-add"), {"name": "Plant", "kind": "site", "latitude": "33.9"}
        )
    assert "Give both latitude and longitude, or neither." in response.content.decode()


def test_coordinator_edits_a_place(client, coordinator):
    place = place_named("Room 31")
    client.force_login(coordinator)
    response = client.post(
        reverse("seminars:place-edit", args=[place.pk]),
        {"name": "Room 31", "kind": "room", "capacity": "40"},
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.capacity == 40


def test_a_place_in_use_is_not_removed(client, coordinator, seminar):
    session = SessionFactory(seminar=seminar, place="Room 31")
    client.force_login(coordinator)
    with nothing_changes(Place):
        response = client.post(reverse("seminars:place-remove", args=[session.place.pk]))
    assert response.status_code == 409
    assert "Room 31 is the place of 1 session; move it elsewhere first." in (
        response.content.decode()
    )


def test_an_unused_place_is_removed(client, coordinator):
    place = place_named("Room 99")
    client.force_login(coordinator)
    assert client.post(reverse("seminars:place-remove", args=[place.pk])).status_code == 302
    assert not Place.objects.exists()


def test_place_list_query_count_does_not_grow(client, coordinator, seminar):
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("seminars:place-list")).status_code == 200
        return len(captured)

    client.force_login(coordinator)
    place_named("Room 1")
    small = count()
    for n in range(10):
        SessionFactory(seminar=seminar, place=f"Room {n + 2}")
    assert count() == small


@pytest.mark.django_db(transaction=True)
def test_free_text_places_become_one_row_per_place_as_people_meant_it():
    executor = MigrationExecutor(connection)
    before = [("seminars", "0003_places_versions_site_visits")]
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Seminar = old.get_model("seminars", "Seminar")
    Session = old.get_model("seminars", "Session")
    seminar = Seminar.objects.create(
        title="S", year=2026, start_date="2026-11-02", end_date="2026-11-13"
    )
    for n, spelt in enumerate(["Room 31", "room 31", "  Room   31 ", "Eco-Town Centre", ""]):
        Session.objects.create(
            seminar=seminar,
            title=f"T{n}",
            starts_at=f"2026-11-0{n + 2}T00:00Z",
            ends_at=f"2026-11-0{n + 2}T01:00Z",
            place=spelt,
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    assert sorted(Place.objects.values_list("name", flat=True)) == ["Eco-Town Centre", "Room 31"]
    from seminars.models import Session as Now

    by_title = {s.title: s.place.name if s.place else "" for s in Now.objects.all()}
    assert by_title == {
        "T0": "Room 31",
        "T1": "Room 31",
        "T2": "Room 31",
        "T3": "Eco-Town Centre",
        "T4": "",
    }
