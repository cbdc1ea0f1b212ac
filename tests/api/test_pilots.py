"""Pilot status through the API: the status the pages show, with the check-ins behind it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from pilots.services import pilot_status_override
from planning_docs.models import Plan
from planning_docs.services import plan_approve
from tests.api.test_reads import results
from tests.factories.pilots import submitted_report


def pilot_of(world) -> None:
    """The world's plan approved, its 6-month report submitted, the 12-month one open."""
    plan_approve(plan=world.plan, version=world.version, actor=world.users["expert"], note="OK")
    world.plan.refresh_from_db()
    submitted_report(world.plan.check_ins.get(months=6))


pytestmark = pytest.mark.django_db


def test_a_coordinator_reads_each_pilots_status_and_check_ins(world):
    pilot_of(world)
    response = world.client("coordinator").get(reverse("api:pilot-list"))
    assert response.status_code == 200
    [pilot] = results(response)
    assert (pilot["plan"], pilot["status"], pilot["derived_status"]) == (
        world.plan.pk,
        "on_track",
        "on_track",
    )
    assert pilot["override"] is None
    assert [(c["months"], c["report"]) for c in pilot["check_ins"]] == [
        (6, "submitted"),
        (12, "none"),
        (24, "none"),
    ]
    assert pilot["check_ins"][0]["submitted_at"].endswith("Z")


def test_a_coordinators_override_shows_with_its_reason_beside_the_derived_status(world):
    pilot_of(world)
    pilot_status_override(
        plan=world.plan,
        actor=world.users["coordinator"],
        derived="on_track",
        status="at_risk",
        reason="The municipality froze its budget.",
    )
    response = world.client("owner").get(reverse("api:pilot-detail", args=[world.plan.pk]))
    body = response.json()
    assert (body["status"], body["derived_status"]) == ("at_risk", "on_track")
    assert body["override"]["reason"] == "The municipality froze its budget."


def test_a_plan_not_yet_approved_has_no_check_ins(world):
    body = world.client("expert").get(reverse("api:pilot-detail", args=[world.plan.pk])).json()
    assert (body["status"], body["check_ins"]) == ("not_started", [])


def test_a_pilot_carries_its_sector_and_place(world):
    pilot_of(world)
    Plan.objects.filter(pk=world.plan.pk).update(
        sector="e_waste", pilot_latitude=Decimal("5.60370"), pilot_longitude=Decimal("-0.18700")
    )
    response = world.client("coordinator").get(reverse("api:pilot-detail", args=[world.plan.pk]))
    body = response.json()
    assert (body["sector"], body["latitude"], body["longitude"]) == (
        "e_waste",
        "5.60370",
        "-0.18700",
    )
