"""The main pages a benchmark visits: (label, who, URL), found in the demo data."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from planning_docs.models import Plan
from seminars.models import Seminar


def demo_user(username: str):
    return get_user_model().objects.get(username=username)


def main_pages() -> list[tuple[str, str, str]]:
    """Each page once, seen by the person who uses it (the demo's copy 0)."""
    draft = Plan.objects.get(enrolment__trainee__username="trainee01")
    two_versions = Plan.objects.get(enrolment__trainee__username="trainee05")
    seminar = draft.enrolment.seminar
    assert isinstance(seminar, Seminar)
    return [
        ("dashboard (coordinator)", "unido", reverse("core:dashboard")),
        ("dashboard (expert)", "expert", reverse("core:dashboard")),
        ("dashboard (trainee)", "trainee01", reverse("core:dashboard")),
        ("plan list (coordinator)", "unido", reverse("planning_docs:plan-list")),
        ("plan page", "trainee01", reverse("planning_docs:plan-detail", args=[draft.pk])),
        (
            "section editor",
            "trainee01",
            reverse("planning_docs:section-edit", args=[draft.pk, "risks"]),
        ),
        ("seminar page", "trainee01", reverse("seminars:seminar-detail", args=[seminar.pk])),
        ("roster", "unido", reverse("trainees:roster")),
        (
            "diff",
            "expert",
            reverse("planning_docs:version-diff", args=[two_versions.pk]) + "?from=1&to=2",
        ),
        ("review desk", "expert", reverse("reviews:review", args=[two_versions.pk])),
    ]
