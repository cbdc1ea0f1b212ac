"""The seminar's attendance threshold: 80% unless a coordinator sets it; kept when left empty."""

from django.urls import reverse

from seminars.models import Seminar
from tests.seminars.test_seminar_pages import SEMINAR_DATA
from tests.unchanged import nothing_changes


def edit(client, seminar, **fields):
    data = {**SEMINAR_DATA, "start_date": "2026-11-02", "end_date": "2026-11-13", **fields}
    return client.post(reverse("seminars:seminar-edit", args=[seminar.pk]), data)


def test_a_coordinator_sets_and_keeps_the_threshold(client, coordinator, seminar):
    assert seminar.attendance_threshold == 80
    client.force_login(coordinator)
    assert edit(client, seminar, attendance_threshold=70).status_code == 302
    seminar.refresh_from_db()
    assert seminar.attendance_threshold == 70
    assert edit(client, seminar, attendance_threshold="").status_code == 302
    seminar.refresh_from_db()
    assert seminar.attendance_threshold == 70


def test_a_threshold_above_a_hundred_is_refused(client, coordinator, seminar):
    client.force_login(coordinator)
    with nothing_changes(Seminar):
        response = edit(client, seminar, attendance_threshold=101)
    assert response.status_code == 200  # the form again, with the reason
    assert response.context["form"].errors["attendance_threshold"]
