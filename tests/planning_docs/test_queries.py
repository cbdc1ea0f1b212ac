import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planning_docs.attachments import annex_add, figure_add
from planning_docs.demo_attachments import process_flow_png, site_map_png, text_pdf
from tests.factories.planning_docs import attach_figure_and_annex, fill_plan, make_plan
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["coordinator", "expert"])
def test_plan_list_queries_do_not_grow_with_the_number_of_plans(client, request, who):
    user = request.getfixturevalue(who)
    seminar = SeminarFactory()
    lead = user if who == "expert" else None

    def add(n):
        for _ in range(n):
            make_plan(enrolment=AcceptedEnrolmentFactory(seminar=seminar), lead=lead)

    client.force_login(user)
    add(2)
    small = queries_for(client, reverse("planning_docs:plan-list"))
    add(10)
    large = queries_for(client, reverse("planning_docs:plan-list"))
    assert small == large


def test_plan_page_and_version_page_queries_do_not_grow_with_the_sections(client, trainee):
    from planning_docs.services import plan_submit

    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    client.force_login(trainee)
    url = reverse("planning_docs:plan-detail", args=[plan.pk])
    empty = queries_for(client, url)
    fill_plan(plan)
    plan_submit(plan=plan, actor=trainee)
    # A second plan with more versions must not change the count for this one.
    other = make_plan()
    fill_plan(other)
    plan_submit(plan=other, actor=other.enrolment.trainee)
    assert queries_for(client, url) == empty
    section = queries_for(client, reverse("planning_docs:section-edit", args=[plan.pk, "risks"]))
    financing = queries_for(
        client, reverse("planning_docs:section-edit", args=[plan.pk, "financing-plan"])
    )
    assert section == financing


@pytest.mark.parametrize("page", ["figure-list", "annex-list"])
def test_figure_and_annex_lists_queries_do_not_grow_with_their_length(
    client, settings, tmp_path, page
):
    settings.MEDIA_ROOT = tmp_path
    plan = fill_plan(make_plan())
    trainee = plan.enrolment.trainee
    attach_figure_and_annex(plan)
    client.force_login(trainee)
    url = reverse(f"planning_docs:{page}", args=[plan.pk])
    small = queries_for(client, url)
    for n, content in enumerate((site_map_png(), process_flow_png()) * 3):
        figure_add(
            plan=plan,
            content=content,
            name="f.png",
            declared_type="image/png",
            caption=f"Figure {n}",
            alt="A picture",
            actor=trainee,
        )
        annex_add(plan=plan, content=text_pdf([f"Annex {n}"]), title=f"Annex {n}", actor=trainee)
    assert queries_for(client, url) == small


@pytest.mark.parametrize("page", ["plan-detail", "version-list"])
def test_lists_of_versions_leave_the_frozen_text_in_the_database(client, trainee, page):
    """Each version freezes the whole plan; a list of them names them without reading it."""
    from planning_docs.services import plan_submit

    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    fill_plan(plan)
    plan_submit(plan=plan, actor=trainee)
    client.force_login(trainee)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(f"planning_docs:{page}", args=[plan.pk]))
    assert "Version 1" in response.content.decode()
    reads = [q["sql"] for q in captured if 'FROM "planning_docs_planversion"' in q["sql"]]
    assert reads
    assert not [sql for sql in reads if '"planning_docs_planversion"."sections"' in sql]
