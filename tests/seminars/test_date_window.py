"""Dates are bounded where they are entered: year 9999 broke the iCal feeds, the copy page and
the PDF, and year 1 cannot even be stored in UTC from a zone east of it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ecotown.core.forms import date_window
from seminars.models import Seminar
from tests.seminars.test_seminar_pages import SEMINAR_DATA

pytestmark = pytest.mark.django_db


def test_the_window_spans_thirty_years_back_and_ten_ahead():
    first, last = date_window()
    year = timezone.localdate().year
    assert (first.isoformat(), last.isoformat()) == (f"{year - 30}-01-01", f"{year + 10}-12-31")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start_date", "9999-12-30"),
        ("end_date", "9999-12-31"),
        ("start_date", "0001-01-01"),
        ("plan_deadline", "9999-12-31T23:00"),
        ("plan_deadline", "0001-01-01T00:00"),
    ],
)
def test_a_seminar_date_outside_the_window_is_refused(client, coordinator, field, value):
    first, last = date_window()
    data = {**SEMINAR_DATA, field: value}
    if field == "start_date":
        data["end_date"] = "9999-12-31"
    client.force_login(coordinator)
    response = client.post(reverse("seminars:seminar-create"), data)
    assert response.status_code == 200
    expected = f"Choose a date between {first.isoformat()} and {last.isoformat()}."
    assert response.context["form"].errors[field] == [expected]
    assert not Seminar.objects.exists()


@pytest.mark.parametrize("value", ["9999-12-31T09:00", "0001-01-01T00:30"])
def test_a_session_outside_the_window_is_refused(client, coordinator, seminar, value):
    client.force_login(coordinator)
    response = client.post(
        reverse("seminars:session-add", args=[seminar.pk]),
        {"title": "Far away", "track": "other", "starts_at": value, "ends_at": value},
    )
    assert response.status_code == 200
    assert "Choose a date between" in response.context["form"].errors["starts_at"][0]
    assert not seminar.sessions.exists()


def test_copying_a_seminar_to_year_9999_is_refused(client, coordinator, seminar):
    client.force_login(coordinator)
    response = client.post(
        reverse("seminars:seminar-copy", args=[seminar.pk]),
        {"title": "Far future", "start_date": "9999-12-01"},
    )
    assert response.status_code == 200
    assert "Choose a date between" in response.context["form"].errors["start_date"][0]
    assert not Seminar.objects.filter(title="Far future").exists()


def test_the_admin_keeps_to_the_same_window(rf, admin_user):
    from django.contrib import admin

    from seminars.admin import SeminarAdmin

    request = rf.get("/")
    request.user = admin_user
    form_class = SeminarAdmin(Seminar, admin.site).get_form(request)
    form = form_class(
        data={
            "title": "Far",
            "year": 9999,
            "start_date": "9999-12-01",
            "end_date": "9999-12-02",
            "venue_city": "Kitakyushu",
            "venue_country": "JP",
            "time_zone": "Asia/Tokyo",
            "capacity": 12,
            "country_seat_limit": 2,
            "review_target_days": 5,
            "status": "planned",
        }
    )
    assert not form.is_valid()
    assert "Choose a date between" in form.errors["start_date"][0]
    assert "Choose a date between" in form.errors["end_date"][0]
