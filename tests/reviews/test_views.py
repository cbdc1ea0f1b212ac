"""Review pages as each person meets them: the visibility matrix, actions and decisions."""

import pytest
from django.core import mail
from django.urls import reverse

from planning_docs.models import PlanAssignment
from planning_docs.services import plan_submit, section_save
from reviews.models import Comment
from reviews.services import (
    comment_create,
    comment_mark_addressed,
    comment_release,
    review_request_changes,
)
from tests.factories.core import CoordinatorFactory, ExpertFactory
from tests.factories.planning_docs import submitted_version

pytestmark = pytest.mark.django_db
SECTION = "legal-framework"
SECRET = "INTERNAL-ONLY weak legal basis"
PUBLIC = "Please name the decree that sets the EPR targets."


@pytest.fixture
def version(expert):
    return submitted_version(lead=expert)


@pytest.fixture
def plan(version):
    return version.plan


@pytest.fixture
def trainee_of_plan(plan):
    return plan.enrolment.trainee


@pytest.fixture
def two_comments(plan, expert, eager_tasks, on_commit):
    with on_commit(execute=True):
        comment_create(plan=plan, author=expert, section_key=SECTION, body=SECRET)
        released = comment_create(plan=plan, author=expert, section_key=SECTION, body=PUBLIC)
        comment_release(comment=released, actor=expert)
    return released


def pages_of(client, plan, version):
    urls = [
        reverse("planning_docs:plan-detail", args=[plan.pk]),
        reverse("planning_docs:section-edit", args=[plan.pk, SECTION]),
        reverse("planning_docs:version-detail", args=[plan.pk, version.number]),
        reverse("planning_docs:version-list", args=[plan.pk]),
        reverse("notifications:list"),
        "/",
    ]
    return {url: client.get(url) for url in urls}


def test_internal_notes_never_reach_the_trainee_in_any_page_or_mail(
    client, plan, version, trainee_of_plan, two_comments
):
    client.force_login(trainee_of_plan)
    for url, response in pages_of(client, plan, version).items():
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    section = client.get(reverse("planning_docs:section-edit", args=[plan.pk, SECTION]))
    assert PUBLIC in section.content.decode()
    trainee_mail = [m for m in mail.outbox if trainee_of_plan.email in m.to]
    assert len(trainee_mail) == 1
    assert all(SECRET not in m.body for m in mail.outbox)
    internal = Comment.objects.get(body=SECRET)
    assert client.get(reverse("reviews:comment-release", args=[internal.pk])).status_code == 404


def test_the_expert_sees_internal_and_released_comments(client, plan, expert, two_comments):
    client.force_login(expert)
    html = client.get(reverse("planning_docs:section-edit", args=[plan.pk, SECTION])).content
    assert SECRET in html.decode()
    assert PUBLIC in html.decode()
    assert "Internal: experts and coordinators only" in html.decode()


def test_expert_comments_on_a_quoted_passage(client, plan, expert):
    client.force_login(expert)
    response = client.post(
        reverse("reviews:comment-create", args=[plan.pk]),
        {"section_key": SECTION, "quote": "Text of Legal", "body": "Which text?"},
    )
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert (comment.quote, comment.quote_start, comment.visibility) == (
        "Text of Legal",
        0,
        "internal",
    )
    page = client.get(reverse("planning_docs:section-edit", args=[plan.pk, SECTION])).content
    assert "«Text of Legal»" in page.decode()


def test_a_comment_on_text_that_is_not_there_is_refused_with_a_message(client, plan, expert):
    client.force_login(expert)
    response = client.post(
        reverse("reviews:comment-create", args=[plan.pk]),
        {"section_key": SECTION, "quote": "words nowhere", "body": "?"},
        follow=True,
    )
    assert "Select the passage in the section" in response.content.decode()
    assert not Comment.objects.exists()


def test_release_preview_then_release(client, plan, expert, trainee_of_plan, eager_tasks):
    comment = comment_create(plan=plan, author=expert, section_key=SECTION, body=PUBLIC)
    client.force_login(expert)
    preview = client.get(reverse("reviews:comment-release", args=[comment.pk]))
    assert PUBLIC in preview.content.decode()
    assert "exactly what" in preview.content.decode()
    comment.refresh_from_db()
    assert comment.visibility == "internal"  # looking changes nothing
    client.post(reverse("reviews:comment-release", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.visibility == "released"


def test_trainee_addresses_and_expert_accepts_through_the_pages(
    client, plan, expert, trainee_of_plan, two_comments
):
    client.force_login(trainee_of_plan)
    client.post(
        reverse("reviews:comment-move", args=[two_comments.pk, "address"]),
        {"reply": "Decree 38/2015 now cited."},
    )
    two_comments.refresh_from_db()
    assert two_comments.status == "addressed"
    assert two_comments.replies.get().body == "Decree 38/2015 now cited."
    client.force_login(expert)
    client.post(reverse("reviews:comment-move", args=[two_comments.pk, "accept"]))
    two_comments.refresh_from_db()
    assert two_comments.status == "accepted"


def test_trainee_cannot_accept_their_own_answer(client, trainee_of_plan, two_comments):
    comment_mark_addressed(comment=two_comments, actor=trainee_of_plan)
    client.force_login(trainee_of_plan)
    response = client.post(reverse("reviews:comment-move", args=[two_comments.pk, "accept"]))
    assert response.status_code == 403
    two_comments.refresh_from_db()
    assert two_comments.status == "addressed"


def test_decision_through_the_review_desk(client, plan, version, expert):
    client.force_login(expert)
    response = client.post(
        reverse("reviews:decide", args=[plan.pk]),
        {"decision": "changes_requested", "version": version.number, "summary": "Add costs."},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "changes_requested"


def test_decision_without_summary_is_a_form_error(client, plan, version, expert):
    client.force_login(expert)
    response = client.post(
        reverse("reviews:decide", args=[plan.pk]),
        {"decision": "approved", "version": version.number, "summary": ""},
    )
    assert response.status_code == 400
    assert response.context["decision_form"].errors["summary"]
    plan.refresh_from_db()
    assert plan.status == "submitted"


def test_decision_on_an_old_version_answers_409_with_the_reason(
    client, plan, version, expert, trainee_of_plan
):
    review_request_changes(plan=plan, version=version, actor=expert, summary="more")
    plan.refresh_from_db()
    plan_submit(plan=plan, actor=trainee_of_plan)
    client.force_login(expert)
    response = client.post(
        reverse("reviews:decide", args=[plan.pk]),
        {"decision": "approved", "version": 1, "summary": "ok"},
    )
    assert response.status_code == 409
    assert "not the newest version" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "submitted"


def test_adviser_cannot_approve_through_the_page(client, plan, version):
    adviser = ExpertFactory()
    PlanAssignment.objects.create(plan=plan, expert=adviser, role="adviser")
    client.force_login(adviser)
    page = client.get(reverse("reviews:review", args=[plan.pk]))
    assert 'value="approved"' not in page.content.decode()
    response = client.post(
        reverse("reviews:decide", args=[plan.pk]),
        {"decision": "approved", "version": version.number, "summary": "ok"},
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == "submitted"


def test_review_desk_shows_what_changed_since_the_experts_last_review(
    client, plan, version, expert, trainee_of_plan, two_comments
):
    review_request_changes(plan=plan, version=version, actor=expert, summary="Cite the decree.")
    comment_mark_addressed(comment=two_comments, actor=trainee_of_plan, reply="Cited.")
    draft = plan.drafts.get(section__key=SECTION)
    section_save(
        draft=draft,
        body=draft.body + " Decree 38/2015 applies.",
        revision=draft.revision,
        actor=trainee_of_plan,
    )
    plan.refresh_from_db()
    plan_submit(plan=plan, actor=trainee_of_plan)
    client.force_login(expert)
    response = client.get(reverse("reviews:review", args=[plan.pk]))
    html = response.content.decode()
    assert response.context["since"].number == 1
    assert [d.key for d in response.context["changed"]] == [SECTION]
    assert "<ins>Decree 38/2015 applies.</ins>" in html.replace("<ins> ", "<ins>")
    assert [t.pk for t in response.context["addressed"]] == [two_comments.pk]


def test_coordinator_reopens_an_approved_plan_from_the_plan_page(client, plan, version, expert):
    from reviews.services import review_approve

    review_approve(plan=plan, version=version, actor=expert, summary="ok")
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    page = client.get(reverse("planning_docs:plan-detail", args=[plan.pk]))
    assert "Reopen for changes" in page.content.decode()
    client.post(reverse("reviews:reopen", args=[plan.pk]), {"reason": "The ministry asks more."})
    plan.refresh_from_db()
    assert plan.status == "changes_requested"


def test_plan_overview_counts_open_comments_per_section(
    client, plan, trainee_of_plan, two_comments
):
    client.force_login(trainee_of_plan)
    response = client.get(reverse("planning_docs:plan-detail", args=[plan.pk]))
    html = response.content.decode()
    assert f'href="/plans/{plan.pk}/sections/{SECTION}/#comments">1<' in html


def test_coordinator_dashboard_shows_the_turnaround(client, plan):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    assert "Turnaround: who is waiting on whom" in html
    assert str(plan.enrolment.trainee) in html


def test_approving_asks_for_confirmation_first_and_changes_nothing_until_then(
    client, plan, version, expert
):
    client.force_login(expert)
    url = reverse("reviews:decide", args=[plan.pk])
    data = {"decision": "approved", "version": version.number, "summary": "Well done."}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Approve version 1?" in page
    assert "Editing stays locked" in page and "Well done." in page
    plan.refresh_from_db()
    assert plan.status == "submitted"
    assert not plan.reviews.exists()
    response = client.post(url, {**data, "confirmed": "on"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert plan.reviews.get().summary == "Well done."
