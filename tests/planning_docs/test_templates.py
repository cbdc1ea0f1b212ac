import pytest
from django.urls import reverse

from planning_docs.completion import plan_progress, word_count
from planning_docs.models import PlanTemplate, SectionDraft, TemplateSection
from planning_docs.selectors import plan_drafts
from planning_docs.services import default_template, plan_create_for_enrolment
from tests.factories.planning_docs import make_plan
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import AcceptedEnrolmentFactory
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def test_default_template_sections_are_ordered_with_their_limits_and_required_flags():
    sections = list(default_template().sections.order_by("position"))
    assert [s.position for s in sections] == list(range(1, 13))
    assert [(s.key, s.word_limit, s.required, s.kind) for s in sections[7:10]] == [
        ("financing-plan", 600, True, "financing"),
        ("implementation-timeline", 400, True, "timeline"),
        ("monitoring-indicators", 400, True, "indicators"),
    ]
    assert (sections[-1].required, sections[-1].word_limit) == (False, 600)
    assert "Kitakyushu" in sections[5].guidance


def test_word_count_counts_words_not_markup_and_each_han_character():
    assert word_count("# Heading\n\n- one **two**\n- three | four |") == 5
    assert word_count("电子废物回收") == 6
    assert word_count("ई-कचरा पुनर्चक्रण") == 2
    assert word_count("") == 0


def test_progress_marks_words_over_the_limit_and_missing_required_sections(plan):
    SectionDraft.objects.filter(plan=plan, section__key="risks").update(body="word " * 601)
    progress = plan_progress(plan_drafts(plan))
    risks = next(s for s in progress.sections if s.key == "risks")
    assert (risks.words, risks.over_limit, risks.filled) == (601, True, True)
    assert (progress.required_filled, progress.required_total) == (1, 11)
    assert progress.percent == 9


def test_coordinator_adds_a_section_in_order_and_existing_plans_get_its_draft(client, coordinator):
    template = default_template()
    plan = make_plan()
    client.force_login(coordinator)
    url = reverse("planning_docs:template-section-create", args=[template.pk])
    assert client.get(url).context["form"].initial["position"] == 13
    response = client.post(
        url,
        {
            "position": 13,
            "key": "gender-and-inclusion",
            "title": "Gender and inclusion",
            "guidance": "Who benefits?",
            "word_limit": 300,
            "required": "",
            "kind": "prose",
        },
    )
    assert response.status_code == 302
    added = TemplateSection.objects.get(template=template, key="gender-and-inclusion")
    assert (added.position, added.word_limit, added.required) == (13, 300, False)
    assert SectionDraft.objects.filter(plan=plan, section=added).count() == 1


def test_section_form_refuses_a_taken_position_or_key_and_a_zero_limit(client, coordinator):
    template = default_template()
    client.force_login(coordinator)
    url = reverse("planning_docs:template-section-create", args=[template.pk])
    with nothing_changes(TemplateSection, SectionDraft):
        response = client.post(
            url, {"position": 2, "key": "risks", "title": "Again", "word_limit": 0, "kind": "prose"}
        )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["position"] == ["Another section of this template is at this position."]
    assert errors["key"] == ["Another section of this template has this key."]
    assert "word_limit" in errors
    assert template.sections.count() == 12


def test_coordinator_copies_a_template_and_a_seminar_uses_it_for_new_plans(client, coordinator):
    client.force_login(coordinator)
    template = default_template()
    response = client.post(
        reverse("planning_docs:template-copy", args=[template.pk]), {"name": "Coastal cities"}
    )
    copy = PlanTemplate.objects.get(name="Coastal cities")
    assert response["Location"] == reverse("planning_docs:template-detail", args=[copy.pk])
    assert list(copy.sections.values_list("key", flat=True)) == list(
        template.sections.values_list("key", flat=True)
    )
    seminar = SeminarFactory(plan_template=copy)
    plan = plan_create_for_enrolment(
        enrolment=AcceptedEnrolmentFactory(seminar=seminar), actor=None
    )
    assert plan.template == copy
    assert plan.drafts.count() == 12


def test_a_section_in_use_cannot_be_deleted(client, coordinator, plan):
    section = plan.template.sections.get(key="risks")
    client.force_login(coordinator)
    client.post(
        reverse("planning_docs:template-section-delete", args=[plan.template.pk, section.pk])
    )
    assert TemplateSection.objects.filter(pk=section.pk).exists()


@pytest.mark.parametrize("who", ["trainee", "expert"])
def test_only_coordinators_manage_templates(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("planning_docs:template-list")).status_code == 403
    url = reverse("planning_docs:template-section-create", args=[default_template().pk])
    with nothing_changes(PlanTemplate, TemplateSection):
        response = client.post(
            url, {"position": 13, "key": "x", "title": "X", "word_limit": 5, "kind": "prose"}
        )
    assert response.status_code == 403
    assert default_template().sections.count() == 12


def test_admin_lists_plans_and_read_only_versions(client, admin_user, plan):
    from planning_docs.services import plan_submit
    from tests.factories.planning_docs import fill_plan

    fill_plan(plan)
    version = plan_submit(plan=plan, actor=plan.enrolment.trainee)
    client.force_login(admin_user)
    assert client.get("/admin/planning_docs/plan/").status_code == 200
    assert client.get(f"/admin/planning_docs/plan/{plan.pk}/change/").status_code == 200
    assert client.get("/admin/planning_docs/planversion/").status_code == 200
    page = client.get(f"/admin/planning_docs/planversion/{version.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content


def test_coordinator_creates_and_renames_a_template(client, coordinator):
    client.force_login(coordinator)
    created = client.post(reverse("planning_docs:template-create"), {"name": "Islands"})
    template = PlanTemplate.objects.get(name="Islands")
    assert created["Location"] == reverse("planning_docs:template-detail", args=[template.pk])
    client.post(
        reverse("planning_docs:template-edit", args=[template.pk]),
        {"name": "Small islands", "description": "For island states."},
    )
    template.refresh_from_db()
    assert (template.name, template.description) == ("Small islands", "For island states.")
    assert PlanTemplate.objects.count() == 2  # the default and this one, not a third


def test_coordinator_edits_a_sections_limit_and_guidance(client, coordinator):
    template = default_template()
    section = template.sections.get(key="risks")
    client.force_login(coordinator)
    response = client.post(
        reverse("planning_docs:template-section-edit", args=[template.pk, section.pk]),
        {
            "position": 11,
            "key": "risks",
            "title": "Risks",
            "guidance": "Name **three** risks.",
            "word_limit": 450,
            "required": "on",
            "kind": "prose",
        },
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert (section.word_limit, section.guidance) == (450, "Name **three** risks.")
