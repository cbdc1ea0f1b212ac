import pytest
from django.urls import reverse

from planning_docs.models import Plan, PlanAssignment, PlanVersion, SectionDraft
from planning_docs.selectors import plans_for_user
from planning_docs.services import plan_submit
from tests.factories.core import ExpertFactory, TraineeFactory
from tests.factories.planning_docs import fill_plan, make_plan
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(plan, trainee):
    fill_plan(plan)
    plan_submit(plan=plan, actor=trainee)
    return plan


def read_urls(plan):
    return [
        reverse("planning_docs:plan-detail", args=[plan.pk]),
        reverse("planning_docs:section-edit", args=[plan.pk, "risks"]),
        reverse("planning_docs:version-list", args=[plan.pk]),
        reverse("planning_docs:version-detail", args=[plan.pk, 1]),
        reverse("planning_docs:version-diff", args=[plan.pk]) + "?from=1&to=1",
    ]


def save(client, plan):
    return client.post(
        reverse("planning_docs:section-edit", args=[plan.pk, "risks"]),
        {"body": "Changed by someone.", "revision": 1},
    )


@pytest.mark.parametrize("who", ["trainee", "coordinator", "admin_user", "lead", "adviser"])
def test_owner_coordinators_and_the_plans_experts_read_every_page(client, request, submitted, who):
    if who == "adviser":
        user = ExpertFactory()
        PlanAssignment.objects.create(plan=submitted, expert=user, role="adviser")
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    for url in read_urls(submitted):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["other_trainee", "other_expert", "no_role_user"])
def test_anyone_else_gets_404_on_every_plan_page_and_action(client, request, submitted, who):
    user = {"other_trainee": TraineeFactory, "other_expert": ExpertFactory}.get(who)
    user = user() if user else request.getfixturevalue(who)
    make_plan(enrolment=None, lead=user) if who == "other_expert" else None
    client.force_login(user)
    with nothing_changes(submitted, submitted.drafts.all(), PlanVersion):
        for url in read_urls(submitted):
            assert client.get(url).status_code == 404, url
        assert save(client, submitted).status_code == 404
        submit = client.post(reverse("planning_docs:plan-submit", args=[submitted.pk]))
        assert submit.status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "lead"])
def test_readers_may_not_write_403(client, request, plan, who):
    fill_plan(plan)
    client.force_login(request.getfixturevalue(who))
    with nothing_changes(plan, plan.drafts.all(), PlanVersion):
        assert save(client, plan).status_code == 403
        submit = client.post(reverse("planning_docs:plan-submit", args=[plan.pk]))
        assert submit.status_code == 403
        assert client.get(reverse("planning_docs:plan-edit", args=[plan.pk])).status_code == 403
    assert SectionDraft.objects.get(plan=plan, section__key="risks").body == "Text of Risks."
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_the_owner_may_not_write_a_submitted_plan_403(client, submitted, trainee):
    client.force_login(trainee)
    with nothing_changes(submitted, submitted.drafts.all()):
        assert save(client, submitted).status_code == 403
        edit = reverse("planning_docs:plan-edit", args=[submitted.pk])
        assert client.get(edit).status_code == 403
        refused = client.post(edit, {"title": "Renamed after submission", "pilot_site": "X"})
        assert refused.status_code == 403


def test_the_owner_writes_again_once_changes_are_requested(client, submitted, trainee):
    Plan.objects.filter(pk=submitted.pk).update(status=Plan.Status.CHANGES_REQUESTED)
    client.force_login(trainee)
    assert save(client, submitted).status_code == 302
    assert SectionDraft.objects.get(plan=submitted, section__key="risks").revision == 2


def test_readers_see_the_text_not_the_editor(client, plan, coordinator):
    fill_plan(plan)
    client.force_login(coordinator)
    html = client.get(reverse("planning_docs:section-edit", args=[plan.pk, "risks"])).content
    assert b'id="section-form"' not in html
    assert b"<p>Text of Risks.</p>" in html


def test_plan_list_and_object_permissions_agree(client, plan, trainee, lead, coordinator):
    other = make_plan()
    for user, expected in ((trainee, [plan]), (lead, [plan]), (coordinator, [plan, other])):
        visible = set(plans_for_user(user))
        assert visible == set(expected)
        for candidate in (plan, other):
            assert user.has_perm("planning_docs.view_plan", candidate) == (candidate in visible)
    client.force_login(lead)
    html = client.get(reverse("planning_docs:plan-list")).content.decode()
    assert plan.title in html and str(other.enrolment.trainee) not in html


def test_coordinator_filters_the_plan_list_by_status_seminar_and_country(client, coordinator):
    first = make_plan(pilot_country="GH")
    second = make_plan(pilot_country="VN", status=Plan.Status.SUBMITTED)
    client.force_login(coordinator)
    url = reverse("planning_docs:plan-list")

    def titles(query):
        return [p.pk for p in client.get(url, query).context["plans"]]

    assert sorted(titles({})) == sorted([first.pk, second.pk])
    assert titles({"status": "submitted"}) == [second.pk]
    assert titles({"country": "GH"}) == [first.pk]
    assert titles({"seminar": second.enrolment.seminar.pk}) == [second.pk]


def test_the_owner_edits_title_and_pilot_site(client, plan, trainee):
    client.force_login(trainee)
    response = client.post(
        reverse("planning_docs:plan-edit", args=[plan.pk]),
        {
            "title": "Kisumu composting pilot",
            "language": "en",
            "pilot_site": "Kachok",
            "pilot_region": "Kisumu",
            "pilot_country": "KE",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.pilot_site, plan.pilot_region, plan.pilot_country.code) == (
        "Kisumu composting pilot",
        "Kachok",
        "Kisumu",
        "KE",
    )


def test_plan_page_names_the_lead_expert_and_advisers(client, plan, trainee, lead):
    adviser = ExpertFactory(first_name="Aiko", last_name="Sato")
    PlanAssignment.objects.create(plan=plan, expert=adviser, role="adviser")
    client.force_login(trainee)
    html = client.get(reverse("planning_docs:plan-detail", args=[plan.pk])).content.decode()
    assert f"Lead expert: {lead} · Adviser: Aiko Sato" in html


def test_plan_list_rows_show_escaped_values_and_the_lead_expert(
    client, plan, submitted, lead, coordinator
):
    Plan.objects.filter(pk=plan.pk).update(title="Waste <b>&</b> water", pilot_country="KE")
    client.force_login(coordinator)
    html = client.get(reverse("planning_docs:plan-list")).content.decode()
    row = html.split(f'href="{reverse("planning_docs:plan-detail", args=[plan.pk])}"')[1]
    row = row.split("</tr>")[0]
    assert ">Waste &lt;b&gt;&amp;&lt;/b&gt; water</a>" in row
    assert f"<td>{lead}</td>" in row and "<td>Kenya</td>" in row
    assert "<td>1</td>" in row  # versions
    assert "score</th>" in html and '<td class="text-end">' in row
    client.force_login(lead)
    html = client.get(reverse("planning_docs:plan-list")).content.decode()
    assert "score</th>" not in html and '<td class="text-end">' not in html
