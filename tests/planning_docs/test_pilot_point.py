"""The pilot's point on the map: entered with the plan's pilot site, refused outside its country."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecotown.core.models import AuditEvent
from tests.unchanged import nothing_changes

DETAILS = {
    "title": "Kisumu composting pilot",
    "language": "en",
    "pilot_site": "Kachok",
    "pilot_region": "Kisumu",
    "pilot_country": "KE",
    "sector": "composting",
}


def _edit(client, plan, **fields):
    return client.post(reverse("planning_docs:plan-edit", args=[plan.pk]), DETAILS | fields)


def test_the_owner_places_the_pilot_in_its_country(client, plan, trainee):
    client.force_login(trainee)
    response = _edit(client, plan, pilot_latitude="-0.10220", pilot_longitude="34.76170")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.pilot_latitude, plan.pilot_longitude, plan.sector) == (
        Decimal("-0.10220"),
        Decimal("34.76170"),
        "composting",
    )
    note = AuditEvent.objects.filter(verb=AuditEvent.Verb.PLAN_DETAILS_CHANGED).get().note
    assert "pilot_latitude" in note and "sector" in note


def test_a_point_in_another_country_is_refused_and_named(client, plan, trainee):
    client.force_login(trainee)
    with nothing_changes(plan):
        response = _edit(client, plan, pilot_latitude="5.6037", pilot_longitude="-0.187")
    assert response.status_code == 200  # the form again, with the reason
    assert "This point lies in Ghana, not in Kenya." in response.content.decode()


def test_a_point_at_sea_is_refused(client, plan, trainee):
    client.force_login(trainee)
    with nothing_changes(plan):
        response = _edit(client, plan, pilot_latitude="-3.0", pilot_longitude="45.0")
    assert "This point lies outside Kenya (at sea or in no country on the map)." in (
        response.content.decode()
    )


def test_half_a_point_or_a_point_without_country_is_refused(client, plan, trainee):
    client.force_login(trainee)
    with nothing_changes(plan):
        half = _edit(client, plan, pilot_latitude="-0.1022", pilot_longitude="")
        homeless = _edit(
            client, plan, pilot_country="", pilot_latitude="-0.1022", pilot_longitude="34.7617"
        )
        off_earth = _edit(client, plan, pilot_latitude="91", pilot_longitude="34.7617")
    assert "Give both the latitude and the longitude, or neither." in half.content.decode()
    assert "Choose the pilot&#x27;s country before placing it on the map." in (
        homeless.content.decode()
    )
    assert off_earth.status_code == 200 and "pilot_latitude" in off_earth.context["form"].errors


def test_the_model_refuses_a_point_outside_its_country_wherever_it_is_saved_from(plan):
    # The admin's forms run the same check as the trainee's (Plan.clean).
    plan.pilot_country = "VN"
    plan.pilot_latitude, plan.pilot_longitude = Decimal("5.6037"), Decimal("-0.187")  # Accra
    with pytest.raises(ValidationError) as refused:
        plan.full_clean()
    assert refused.value.message_dict["pilot_latitude"] == [
        "This point lies in Ghana, not in Vietnam. Check the coordinates."
    ]
    plan.pilot_latitude, plan.pilot_longitude = Decimal("21.0278"), Decimal("105.8342")
    plan.full_clean()  # Hanoi: in Vietnam
