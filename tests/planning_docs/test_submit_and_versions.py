import hashlib
import json

import pytest
from django.db import IntegrityError, InternalError, transaction
from django.urls import reverse

from ecotown.core.models import AuditEvent
from ecotown.core.workflow import TransitionNotAllowed
from planning_docs.models import Plan, PlanVersion, SectionDraft
from planning_docs.services import (
    PlanIncomplete,
    plan_submit,
    section_save,
)
from tests.factories.planning_docs import fill_plan
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def test_submit_refused_with_a_missing_required_section_changes_nothing(plan, trainee):
    fill_plan(plan, skip=("risks", "monitoring-indicators"))
    with nothing_changes(plan, plan.drafts.all()), pytest.raises(PlanIncomplete) as refused:
        plan_submit(plan=plan, actor=trainee)
    assert refused.value.missing == ["Monitoring indicators", "Risks"]
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    assert not PlanVersion.objects.exists()
    assert list(AuditEvent.objects.values_list("verb", flat=True)) == ["plan_created"]


def test_submit_refused_through_the_page_names_the_missing_sections(client, plan, trainee):
    fill_plan(plan, skip=("financing-plan",))
    client.force_login(trainee)
    with nothing_changes(plan, plan.drafts.all(), PlanVersion):
        response = client.post(reverse("planning_docs:plan-submit", args=[plan.pk]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Not submitted: these required sections are empty" in html
    assert "<li>Financing plan</li>" in html
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_the_optional_basel_section_may_stay_empty(plan, trainee):
    fill_plan(plan, skip=("transboundary-waste-and-basel",))
    version = plan_submit(plan=plan, actor=trainee)
    assert version.sections[-1]["body"] == ""


def test_submit_freezes_version_one_with_snapshot_hash_and_author_and_locks_editing(
    client, plan, trainee
):
    fill_plan(plan)
    client.force_login(trainee)
    response = client.post(reverse("planning_docs:plan-submit", args=[plan.pk]))
    version = PlanVersion.objects.get(plan=plan)
    assert response["Location"] == reverse("planning_docs:version-detail", args=[plan.pk, 1])
    assert (version.number, version.title, version.created_by) == (1, plan.title, trainee)
    assert len(version.sections) == 12
    assert version.sections[0] == {
        "key": "national-policy-context",
        "title": "National policy context",
        "kind": "prose",
        "body": "Text of National policy context.",
        "rows": [],
        "edited_by": None,  # written straight into the drafts: no one's save
    }
    assert version.sections[7]["rows"][0]["item"] == "Sorting line"
    canonical = json.dumps(
        {"title": version.title, "sections": version.sections},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    assert version.content_hash == hashlib.sha256(canonical.encode()).hexdigest()
    assert len(version.content_hash) == 64
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED
    event = AuditEvent.objects.exclude(verb="plan_created").get()  # the plan's making before
    assert (event.verb, event.from_status, event.to_status, event.actor) == (
        "submit",
        "draft",
        "submitted",
        trainee,
    )
    with nothing_changes(plan, plan.drafts.all()):
        save = client.post(
            reverse("planning_docs:section-edit", args=[plan.pk, "risks"]),
            {"body": "Too late.", "revision": 1},
            HTTP_ACCEPT="application/json",
        )
    assert save.status_code == 403
    assert SectionDraft.objects.get(plan=plan, section__key="risks").body == "Text of Risks."


def test_a_submitted_plan_cannot_be_submitted_again(plan, trainee):
    fill_plan(plan)
    plan_submit(plan=plan, actor=trainee)
    with nothing_changes(plan, PlanVersion), pytest.raises(TransitionNotAllowed):
        plan_submit(plan=plan, actor=trainee)
    assert PlanVersion.objects.count() == 1


def test_the_version_snapshot_is_immutable(plan, trainee):
    fill_plan(plan)
    version = plan_submit(plan=plan, actor=trainee)
    frozen = (version.sections, version.content_hash)
    # Later edits (after changes are requested) never reach the frozen version.
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CHANGES_REQUESTED)
    draft = SectionDraft.objects.select_related("section").get(plan=plan, section__key="risks")
    section_save(draft=draft, body="Rewritten.", revision=draft.revision, actor=trainee)
    version.refresh_from_db()
    assert (version.sections, version.content_hash) == frozen
    # And the database itself refuses to change it.
    version.sections[0]["body"] = "Tampered."
    with pytest.raises((InternalError, IntegrityError)), transaction.atomic():
        version.save()
    with pytest.raises((InternalError, IntegrityError)), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(content_hash="0" * 64)
    version.refresh_from_db()
    assert (version.sections, version.content_hash) == frozen


def test_resubmitting_after_changes_requested_makes_version_two(plan, trainee):
    fill_plan(plan)
    plan_submit(plan=plan, actor=trainee)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CHANGES_REQUESTED)
    draft = SectionDraft.objects.select_related("section").get(plan=plan, section__key="risks")
    section_save(draft=draft, body="Floods and prices.", revision=draft.revision, actor=trainee)
    second = plan_submit(plan=plan, actor=trainee)
    assert second.number == 2
    assert second.sections[10]["body"] == "Floods and prices."
    assert PlanVersion.objects.get(plan=plan, number=1).sections[10]["body"] == "Text of Risks."


def test_submitting_shows_what_will_happen_first_and_changes_nothing(client, plan, trainee):
    fill_plan(plan)
    client.force_login(trainee)
    with nothing_changes(plan, plan.drafts.all(), PlanVersion):
        page = client.get(reverse("planning_docs:plan-submit", args=[plan.pk])).content.decode()
    assert "Submit version 1?" in page
    assert "Editing is locked until your experts request changes." in page
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    assert not PlanVersion.objects.filter(plan=plan).exists()


def test_the_submit_page_lists_the_empty_required_sections_and_offers_no_button(
    client, plan, trainee
):
    fill_plan(plan, skip=("risks",))
    client.force_login(trainee)
    with nothing_changes(plan, plan.drafts.all(), PlanVersion):
        page = client.get(reverse("planning_docs:plan-submit", args=[plan.pk])).content.decode()
    assert "cannot be submitted yet" in page
    assert reverse("planning_docs:section-edit", args=[plan.pk, "risks"]) in page
    assert "Submit version 1</button>" not in page
