"""Internal comments reach the trainee together: with the decision, or all at once, in one e-mail
that lists them by section."""

import pytest
from django.core import mail
from django.urls import reverse

from ecotown.core.workflow import history_of
from notifications.models import Notification
from reviews.models import Comment
from reviews.services import (
    comment_create,
    comments_release_all,
    review_approve,
    review_request_changes,
)
from tests.factories.core import ExpertFactory
from tests.factories.planning_docs import submitted_version

pytestmark = pytest.mark.django_db


def _internal(plan, author, key, body):
    return comment_create(plan=plan, author=author, section_key=key, body=body)


def _mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_request_changes_releases_the_experts_comments_in_one_mail_by_section(
    expert, eager_tasks, on_commit
):
    version = submitted_version(lead=expert)
    plan, trainee = version.plan, version.plan.enrolment.trainee
    other_expert = ExpertFactory()
    plan.assignments.create(expert=other_expert, role="adviser")
    with on_commit(execute=True):
        first = _internal(plan, expert, "financing-plan", "Which share is the donor's?")
        second = _internal(plan, expert, "risks", "Rank the risks by likelihood.")
        third = _internal(plan, expert, "financing-plan", "Add the city's own budget.")
        kept = _internal(plan, other_expert, "risks", "A note of the adviser's own.")
        review_request_changes(
            plan=plan, version=version, actor=expert, summary="Please revise.", release=True
        )
    for comment in (first, second, third, kept):
        comment.refresh_from_db()
    assert [c.visibility for c in (first, second, third)] == ["released"] * 3
    assert kept.visibility == "internal"  # another expert's note is theirs to release
    assert [n.verb for n in Notification.objects.filter(recipient=trainee)] == ["plan_decision"]
    [message] = _mails_to(trainee)
    body = message.body
    # By section, in the template's order: financing plan before risks, both comments under it.
    assert body.index("Financing plan") < body.index("Which share is the donor's?")
    assert body.index("Which share is the donor's?") < body.index("Add the city's own budget.")
    assert body.index("Add the city's own budget.") < body.index("Risks")
    assert body.index("Risks") < body.index("Rank the risks by likelihood.")
    assert "A note of the adviser's own." not in body
    assert [e.verb for e in history_of(first)] == ["comment_released", "comment_created"]


def test_a_decision_without_release_leaves_internal_comments_internal(
    expert, eager_tasks, on_commit
):
    version = submitted_version(lead=expert)
    plan = version.plan
    note = _internal(plan, expert, "risks", "Only for the experts.")
    with on_commit(execute=True):
        review_approve(plan=plan, version=version, actor=expert, summary="Fine.", release=False)
    note.refresh_from_db()
    assert note.visibility == "internal"
    [message] = _mails_to(plan.enrolment.trainee)
    assert "Only for the experts." not in message.body


def test_release_all_sends_one_mail_listing_every_released_comment(expert, eager_tasks, on_commit):
    version = submitted_version(lead=expert)
    plan, trainee = version.plan, version.plan.enrolment.trainee
    with on_commit(execute=True):
        one = _internal(plan, expert, "risks", "First remark.")
        two = _internal(plan, expert, "national-policy-context", "Second remark.")
        released = comments_release_all(plan=plan, actor=expert)
    assert sorted(c.pk for c in released) == sorted([one.pk, two.pk])
    assert Comment.objects.filter(plan=plan, visibility="internal").count() == 0
    [message] = _mails_to(trainee)
    assert "First remark." in message.body and "Second remark." in message.body
    assert message.body.index("National policy context") < message.body.index("Risks")


def test_release_all_with_nothing_internal_sends_nothing(expert, eager_tasks, on_commit):
    version = submitted_version(lead=expert)
    with on_commit(execute=True):
        assert comments_release_all(plan=version.plan, actor=expert) == []
    assert mail.outbox == []


def test_releasing_one_comment_names_its_section(expert, eager_tasks, on_commit):
    from reviews.services import comment_release

    version = submitted_version(lead=expert)
    plan = version.plan
    with on_commit(execute=True):
        comment = _internal(plan, expert, "risks", "One remark.")
        comment_release(comment=comment, actor=expert)
    [message] = _mails_to(plan.enrolment.trainee)
    assert "Risks" in message.subject
    assert "Risks" in message.body


def test_release_all_button_on_the_review_desk(client, expert, eager_tasks, on_commit):
    version = submitted_version(lead=expert)
    plan = version.plan
    note = _internal(plan, expert, "risks", "Via the button.")
    client.force_login(expert)
    page = client.get(reverse("reviews:review", args=[plan.pk])).content.decode()
    assert "Release my 1 internal comment" in page
    with on_commit(execute=True):
        response = client.post(reverse("reviews:release-all", args=[plan.pk]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.is_released


def test_release_all_is_refused_to_the_trainee_and_changes_nothing(client, expert):
    version = submitted_version(lead=expert)
    plan = version.plan
    note = _internal(plan, expert, "risks", "Stays internal.")
    client.force_login(plan.enrolment.trainee)
    response = client.post(reverse("reviews:release-all", args=[plan.pk]))
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.visibility == "internal"
    assert mail.outbox == []


def test_the_review_desk_counts_only_the_readers_own_unreleased_comments(
    client, expert, eager_tasks, on_commit
):
    """The count is read from the threads the page loads: replies count, another expert's
    notes and released comments do not, and it agrees with internal_comment_count."""
    from reviews.selectors import internal_comment_count
    from reviews.services import comment_release

    version = submitted_version(lead=expert)
    plan = version.plan
    other_expert = ExpertFactory()
    plan.assignments.create(expert=other_expert, role="adviser")
    with on_commit(execute=True):
        thread = _internal(plan, other_expert, "risks", "Another expert's note.")
        comment_create(
            plan=plan, author=expert, section_key="risks", body="My reply.", parent=thread
        )
        _internal(plan, expert, "financing-plan", "My own note.")
        comment_release(comment=_internal(plan, expert, "risks", "Sent already."), actor=expert)
    assert internal_comment_count(expert, plan) == 2
    client.force_login(expert)
    page = client.get(reverse("reviews:review", args=[plan.pk])).content.decode()
    assert "Release my 2 internal comments now" in page
    client.force_login(other_expert)
    page = client.get(reverse("reviews:review", args=[plan.pk])).content.decode()
    assert "Release my 1 internal comment now" in page
