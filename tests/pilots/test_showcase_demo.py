import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from pilots.models import PlanConsent
from pilots.showcase import showcased_plans

pytestmark = pytest.mark.django_db


def test_demo_shows_three_consented_public_summaries(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent: still three
    shown = list(showcased_plans())
    owners = sorted(p.enrolment.trainee.username for p in shown)
    assert owners == ["trainee04", "trainee10", "trainee12"]
    # Public: those three; shown to later trainees: those and the earlier years' alumni but one.
    assert PlanConsent.objects.filter(public=True).count() == 3
    assert PlanConsent.objects.filter(show_to_trainees=True).count() == 3 + 9
    assert all(p.sector and p.consent.approved_by.username == "unido" for p in shown)
    html = Client().get(reverse("showcase:public-index")).content.decode()
    for plan in shown:
        assert reverse("showcase:public-detail", args=[plan.pk]) in html
        page = Client().get(reverse("showcase:public-detail", args=[plan.pk]))
        assert escape(plan.consent.summary) in page.content.decode()
