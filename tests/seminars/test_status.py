import pytest
from django.urls import reverse

from ecotown.core.workflow import TransitionNotAllowed, history_of
from seminars import services
from seminars.models import Seminar
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db

S = Seminar.Status

# Every (from, to) pair written out by hand: the table in models.py must say exactly this.
MOVES = [
    (S.PLANNED, S.PLANNED, False),
    (S.PLANNED, S.NOMINATIONS_OPEN, True),
    (S.PLANNED, S.IN_SESSION, False),
    (S.PLANNED, S.CLOSED, False),
    (S.NOMINATIONS_OPEN, S.PLANNED, True),
    (S.NOMINATIONS_OPEN, S.NOMINATIONS_OPEN, False),
    (S.NOMINATIONS_OPEN, S.IN_SESSION, True),
    (S.NOMINATIONS_OPEN, S.CLOSED, False),
    (S.IN_SESSION, S.PLANNED, False),
    (S.IN_SESSION, S.NOMINATIONS_OPEN, False),
    (S.IN_SESSION, S.IN_SESSION, False),
    (S.IN_SESSION, S.CLOSED, True),
    (S.CLOSED, S.PLANNED, False),
    (S.CLOSED, S.NOMINATIONS_OPEN, False),
    (S.CLOSED, S.IN_SESSION, False),
    (S.CLOSED, S.CLOSED, False),
]


def test_the_table_covers_every_pair_of_statuses():
    assert {(a, b) for a, b, _ in MOVES} == {(a, b) for a in S for b in S}


@pytest.mark.parametrize(("from_status", "to_status", "allowed"), MOVES)
def test_status_move_follows_the_table(seminar, coordinator, from_status, to_status, allowed):
    Seminar.objects.filter(pk=seminar.pk).update(status=from_status)
    seminar.refresh_from_db()
    service = services.SEMINAR_MOVES[to_status]
    if allowed:
        moved = service(seminar=seminar, actor=coordinator)
        assert moved.status == to_status
        event = history_of(seminar).get()
        assert (event.from_status, event.to_status, event.actor) == (
            from_status,
            to_status,
            coordinator,
        )
    else:
        with nothing_changes(seminar), pytest.raises(TransitionNotAllowed):
            service(seminar=seminar, actor=coordinator)
        assert not history_of(seminar).exists()
    seminar.refresh_from_db()
    assert seminar.status == (to_status if allowed else from_status)


def test_close_records_who_and_the_verb(seminar, coordinator):
    Seminar.objects.filter(pk=seminar.pk).update(status=S.IN_SESSION)
    services.seminar_close(seminar=seminar, actor=coordinator)
    event = history_of(seminar).get()
    assert (event.verb, event.actor, event.to_status) == ("close", coordinator, S.CLOSED)


def test_coordinator_moves_status_from_the_page(client, coordinator, seminar):
    client.force_login(coordinator)
    response = client.post(
        reverse("seminars:seminar-move", args=[seminar.pk]), {"to": S.IN_SESSION}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("seminars:seminar-detail", args=[seminar.pk])
    seminar.refresh_from_db()
    assert seminar.status == S.IN_SESSION


def test_refused_move_answers_409_with_the_reason_and_changes_nothing(client, coordinator, seminar):
    client.force_login(coordinator)
    with nothing_changes(seminar):
        response = client.post(
            reverse("seminars:seminar-move", args=[seminar.pk]), {"to": S.CLOSED}
        )
    assert response.status_code == 409
    assert "Cannot move from Nominations open to Closed." in response.content.decode()
    seminar.refresh_from_db()
    assert seminar.status == S.NOMINATIONS_OPEN
    assert not history_of(seminar).exists()


def test_unknown_status_is_a_400(client, coordinator, seminar):
    client.force_login(coordinator)
    with nothing_changes(seminar):
        response = client.post(reverse("seminars:seminar-move", args=[seminar.pk]), {"to": "party"})
    assert response.status_code == 400
    seminar.refresh_from_db()
    assert seminar.status == S.NOMINATIONS_OPEN


def test_speaker_who_sees_the_seminar_may_not_move_it(client, speaker, seminar):
    client.force_login(speaker)
    with nothing_changes(seminar):
        response = client.post(
            reverse("seminars:seminar-move", args=[seminar.pk]), {"to": S.IN_SESSION}
        )
    assert response.status_code == 403
    seminar.refresh_from_db()
    assert seminar.status == S.NOMINATIONS_OPEN


def test_stranger_expert_gets_404_on_a_move(client, expert, seminar):
    client.force_login(expert)
    with nothing_changes(seminar):
        response = client.post(
            reverse("seminars:seminar-move", args=[seminar.pk]), {"to": S.IN_SESSION}
        )
    assert response.status_code == 404
    seminar.refresh_from_db()
    assert seminar.status == S.NOMINATIONS_OPEN


def test_page_offers_only_the_allowed_moves(client, coordinator, seminar):
    client.force_login(coordinator)
    html = client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).content.decode()
    assert "Pause nominations" in html
    assert "Start the seminar" in html
    assert "Close the seminar" not in html
    assert "Open nominations" not in html
