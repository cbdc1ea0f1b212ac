from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from ecotown.core.models import User
from planning_docs.models import Plan, PlanVersion
from planning_docs.selectors import plans_for_user
from seminars.models import Seminar, TimePreference
from tests.factories.planning_docs import fill_plan, make_plan
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def plan_of(username: str) -> Plan:
    return Plan.objects.get(enrolment__trainee__username=username)


def test_demo_plans_reach_their_states_through_the_services(settings):
    settings.DEBUG = True
    seed()
    one = plan_of("trainee01")
    assert one.status == Plan.Status.DRAFT
    filled = one.drafts.exclude(body="").count()
    assert filled == 6
    assert [v.number for v in plan_of("trainee02").versions.all()] == [1]
    assert plan_of("trainee02").status == Plan.Status.SUBMITTED
    # The review demo then sends trainee03's plan back and approves trainee04's.
    assert plan_of("trainee03").status == Plan.Status.CHANGES_REQUESTED
    assert plan_of("trainee04").status == Plan.Status.APPROVED
    assert plan_of("trainee05").reviews.get().version.number == 1
    for username in ("trainee05", "trainee06"):
        assert [v.number for v in plan_of(username).versions.all()] == [1, 2]
    first, second = plan_of("trainee06").versions.all()
    assert first.content_hash != second.content_hash
    assert "قانون تنظيم إدارة المخلفات" in first.sections[0]["body"]
    assert "循环经济促进法" in plan_of("trainee04").versions.get().sections[0]["body"]
    assert "स्वच्छ भारत मिशन" in plan_of("trainee03").versions.get().sections[0]["body"]
    financing = plan_of("trainee03").versions.get().sections[7]
    assert financing["rows"][0]["currency"] == "INR"


def test_demo_trainee02_writes_with_coauthor02_who_edited_one_section(settings, client):
    settings.DEBUG = True
    seed()
    two = plan_of("trainee02")
    coauthor = User.objects.get(username="coauthor02")
    assert coauthor.check_password("ecotown-demo")
    assert list(plans_for_user(coauthor)) == [two]
    assert [d.section.key for d in two.drafts.filter(updated_by=coauthor)] == [
        "institutions-and-stakeholders"
    ]
    version = two.versions.get()
    assert [(p["name"], p["role"]) for p in version.contributors] == [
        ("Aminata Sow", "owner"),
        ("Ousmane Ndiaye", "coauthor"),
    ]
    [written] = [s for s in version.sections if s["key"] == "institutions-and-stakeholders"]
    assert written["edited_by"]["name"] == "Ousmane Ndiaye"
    coauthor.language = ""  # the demo's colleague reads French; this page is checked in English
    coauthor.save(update_fields=["language"])
    client.force_login(coauthor)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Plans you co-author" in page and two.title in page


def test_demo_is_idempotent(settings):
    settings.DEBUG = True
    seed()
    versions = PlanVersion.objects.count()
    revisions = sorted(plan_of("trainee01").drafts.values_list("revision", flat=True))
    seed()
    assert PlanVersion.objects.count() == versions
    assert sorted(plan_of("trainee01").drafts.values_list("revision", flat=True)) == revisions


def test_trainee_dashboard_leads_with_the_plan_completion_and_deadline_on_the_seminars_clock(
    client, trainee
):
    trainee.time_zone = "Africa/Nairobi"
    trainee.save()
    seminar = SeminarFactory(plan_deadline=datetime(2026, 12, 20, 8, 0, tzinfo=UTC))
    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee, seminar=seminar))
    fill_plan(plan, skip=("risks",))
    client.force_login(trainee)
    html = client.get("/").content.decode()
    assert f'<h2 id="my-plan-heading" class="h5 card-title"><a href="/plans/{plan.pk}/">' in html
    assert "10 of 11 required sections filled" in html
    # An attending trainee lives by the seminar's clock; their home time is beside on request.
    assert 'Sunday 20 December 2026, 17:00 <span class="zone-name">Asia/Tokyo</span>' in html
    assert "Africa/Nairobi)" not in html
    TimePreference.objects.create(user=trainee, show_home_time=True)
    html = client.get("/").content.decode()
    assert "(Sunday 20 December 2026, 11:00 Africa/Nairobi)" in html
    assert f'href="/plans/{plan.pk}/sections/risks/">Risks</a>' in html


def test_expert_sees_assigned_plans_and_coordinator_the_counts(client, plan, lead, coordinator):
    make_plan()
    client.force_login(lead)
    html = client.get("/").content.decode()
    assert "Plans assigned to you" in html and plan.title in html
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    assert "Plans by status" in html
    assert '<a href="/plans/?status=draft">Draft</a>: <strong>2</strong>' in html
    assert Seminar.objects.count() == 2
