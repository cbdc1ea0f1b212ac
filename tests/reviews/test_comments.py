import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ecotown.core.workflow import TransitionNotAllowed, history_of
from planning_docs.models import PlanAssignment, SectionDraft
from reviews.anchors import locate, plain_text
from reviews.models import Comment
from reviews.selectors import comments_for_user, threads_for_user, unresolved_counts_by_section
from reviews.services import (
    comment_accept,
    comment_create,
    comment_mark_addressed,
    comment_release,
    comment_reopen,
)
from tests.factories.core import ExpertFactory
from tests.factories.planning_docs import submitted_version
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
SECTION = "financing-plan"


@pytest.fixture
def version(expert):
    return submitted_version(lead=expert)


@pytest.fixture
def plan(version):
    return version.plan


def trainee_of(plan):
    return plan.enrolment.trainee


# (from, to, allowed), written out by hand
COMMENT_MOVES = [
    ("open", "addressed", True),
    ("open", "accepted", False),
    ("open", "reopened", False),
    ("addressed", "accepted", True),
    ("addressed", "reopened", True),
    ("addressed", "open", False),
    ("accepted", "reopened", True),
    ("accepted", "addressed", False),
    ("reopened", "addressed", True),
    ("reopened", "accepted", False),
]


@pytest.mark.parametrize(("source", "target", "allowed"), COMMENT_MOVES)
def test_comment_status_table(source, target, allowed):
    assert (target in Comment.TRANSITIONS[Comment.Status(source)]) is allowed


def test_expert_comment_on_a_quote_starts_internal_and_open(plan, expert):
    comment = comment_create(
        plan=plan,
        author=expert,
        section_key=SECTION,
        body="Which budget line exactly?",
        quote="of  Financing\nplan",
    )
    # "Text of Financing plan." is the section's text; white space in a selection is folded.
    assert (comment.status, comment.visibility, comment.quote, comment.quote_start) == (
        "open",
        "internal",
        "of Financing plan",
        5,
    )
    assert comment.version == plan.versions.get()
    assert list(comments_for_user(trainee_of(plan), plan)) == []
    assert list(comments_for_user(expert, plan)) == [comment]


def test_internal_comment_never_reaches_the_trainee_until_released(
    plan, expert, eager_tasks, on_commit
):
    trainee = trainee_of(plan)
    with on_commit(execute=True):
        comment_create(plan=plan, author=expert, section_key=SECTION, body="Internal: weak costing")
    assert mail.outbox == []
    assert trainee.notifications.count() == 0

    visible = comment_create(plan=plan, author=expert, section_key=SECTION, body="Cite the budget")
    with on_commit(execute=True):
        comment_release(comment=visible, actor=expert)
    assert [m.to for m in mail.outbox] == [[trainee.email]]
    assert "Cite the budget" in mail.outbox[0].body
    assert "Internal: weak costing" not in mail.outbox[0].body
    assert [c.body for c in comments_for_user(trainee, plan)] == ["Cite the budget"]


def test_release_mail_is_sent_only_after_commit(plan, expert, eager_tasks, on_commit):
    comment = comment_create(plan=plan, author=expert, section_key=SECTION, body="Please revise")
    with on_commit(execute=False) as callbacks:
        comment_release(comment=comment, actor=expert)
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_trainee_addresses_expert_accepts_and_each_move_is_logged(plan, expert):
    trainee = trainee_of(plan)
    comment = comment_create(plan=plan, author=expert, section_key=SECTION, body="Add PPP row")
    comment_release(comment=comment, actor=expert)
    comment_mark_addressed(comment=comment, actor=trainee, reply="Added a PPP row for the plant.")
    comment.refresh_from_db()
    assert comment.status == "addressed"
    reply = comment.replies.get()
    assert (reply.author, reply.visibility) == (trainee, "released")

    comment_accept(comment=comment, actor=expert)
    comment.refresh_from_db()
    assert comment.status == "accepted"
    assert [(e.verb, e.actor) for e in history_of(comment)] == [
        ("comment_accepted", expert),
        ("comment_addressed", trainee),
        ("comment_released", expert),
        ("comment_created", expert),
    ]
    assert [(e.verb, e.actor) for e in history_of(reply)] == [("comment_replied", trainee)]


def test_expert_reopens_and_trainee_addresses_again(plan, expert):
    trainee = trainee_of(plan)
    comment = comment_release(
        comment=comment_create(plan=plan, author=expert, section_key=SECTION, body="Totals?"),
        actor=expert,
    )
    comment_mark_addressed(comment=comment, actor=trainee)
    comment_reopen(comment=comment, actor=expert)
    comment_mark_addressed(comment=comment, actor=trainee)
    comment.refresh_from_db()
    assert comment.status == "addressed"


def test_refused_move_changes_nothing(plan, expert):
    comment = comment_create(plan=plan, author=expert, section_key=SECTION, body="x")
    with nothing_changes(comment, Comment), pytest.raises(TransitionNotAllowed):
        comment_accept(comment=comment, actor=expert)  # open -> accepted is not a move
    comment.refresh_from_db()
    assert comment.status == "open"
    assert [e.verb for e in history_of(comment)] == ["comment_created"]


def test_trainee_cannot_address_an_internal_comment_nor_comment_first(plan, expert):
    trainee = trainee_of(plan)
    comment = comment_create(plan=plan, author=expert, section_key=SECTION, body="internal")
    with nothing_changes(comment, Comment):
        with pytest.raises(PermissionDenied):
            comment_mark_addressed(comment=comment, actor=trainee)
        with pytest.raises(PermissionDenied):
            comment_create(plan=plan, author=trainee, section_key=SECTION, body="hello")
    comment.refresh_from_db()
    assert comment.status == "open"


def test_expert_of_another_plan_cannot_comment(plan):
    stranger = ExpertFactory()
    with nothing_changes(Comment), pytest.raises(PermissionDenied):
        comment_create(plan=plan, author=stranger, section_key=SECTION, body="hi")
    assert not Comment.objects.exists()


def test_adviser_may_comment(plan):
    adviser = ExpertFactory()
    PlanAssignment.objects.create(plan=plan, expert=adviser, role=PlanAssignment.Role.ADVISER)
    assert comment_create(plan=plan, author=adviser, section_key=SECTION, body="ok").pk


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_empty_or_huge_comment_is_refused(plan, expert, body):
    with nothing_changes(Comment), pytest.raises(ValidationError):
        comment_create(plan=plan, author=expert, section_key=SECTION, body=body)
    assert not Comment.objects.exists()


def test_unknown_section_is_refused(plan, expert):
    with nothing_changes(Comment), pytest.raises(ValidationError):
        comment_create(plan=plan, author=expert, section_key="no-such-section", body="x")


def test_trainee_reply_tells_the_experts(plan, expert, eager_tasks, on_commit):
    thread = comment_release(
        comment=comment_create(plan=plan, author=expert, section_key=SECTION, body="Why?"),
        actor=expert,
    )
    mail.outbox.clear()
    with on_commit(execute=True):
        comment_create(plan=plan, author=trainee_of(plan), body="Because.", parent=thread)
    assert [m.to for m in mail.outbox] == [[expert.email]]


def test_threads_and_counts_hide_internal_replies_from_the_trainee(plan, expert):
    trainee = trainee_of(plan)
    thread = comment_release(
        comment=comment_create(plan=plan, author=expert, section_key=SECTION, body="Q"),
        actor=expert,
    )
    comment_create(plan=plan, author=expert, body="note to co-reviewers", parent=thread)
    comment_create(plan=plan, author=expert, section_key="risks", body="internal only")

    [trainee_thread] = threads_for_user(trainee, plan)
    assert trainee_thread.visible_replies == []
    assert unresolved_counts_by_section(trainee, plan) == {SECTION: 1}
    assert unresolved_counts_by_section(expert, plan) == {SECTION: 1, "risks": 1}
    [expert_thread] = threads_for_user(expert, plan, section_key=SECTION)
    assert [r.body for r in expert_thread.visible_replies] == ["note to co-reviewers"]


def test_anchor_is_found_again_after_the_text_moves():
    old = "The plant costs 2 million USD from the donor budget."
    new = "Phase one. " + old
    anchor = locate("donor budget", new, hint=old.index("donor budget"))
    assert anchor.found
    assert new[anchor.start : anchor.start + len("donor budget")] == "donor budget"


def test_anchor_prefers_the_occurrence_nearest_to_where_it_was():
    text = "recycling here, recycling there, recycling everywhere"
    assert locate("recycling", text, hint=18).start == text.index("recycling there")
    assert locate("recycling", text, hint=30).start == text.index("recycling everywhere")


def comment_card(page: str, comment: Comment) -> str:
    """The HTML of one comment's card on a section page."""
    start = page.index(f'<article id="comment-{comment.pk}"')
    return page[start : page.index("</article>", start)]


def test_a_comment_whose_passage_is_gone_is_kept_and_marked_on_changed_text(client, plan, expert):
    SectionDraft.objects.filter(plan=plan, section__key=SECTION).update(
        body="The plant costs 2 million USD from the donor budget."
    )
    gone = comment_create(
        plan=plan, author=expert, section_key=SECTION, body="Which donor?", quote="donor budget"
    )
    kept = comment_create(
        plan=plan, author=expert, section_key=SECTION, body="In which year?", quote="2 million"
    )
    for comment in (gone, kept):
        comment_release(comment=comment, actor=expert)
    # The trainee rewrites the sentence: "donor budget" is gone, "2 million" stays.
    SectionDraft.objects.filter(plan=plan, section__key=SECTION).update(
        body="The plant costs 2 million USD, all of it national."
    )

    url = reverse("planning_docs:section-edit", args=[plan.pk, SECTION])
    for reader in (expert, trainee_of(plan)):
        client.force_login(reader)
        page = client.get(url).content.decode()
        gone_card, kept_card = comment_card(page, gone), comment_card(page, kept)
        assert "on changed text" in gone_card, reader
        assert "«donor budget»" in gone_card
        assert "Which donor?" in gone_card
        assert "on changed text" not in kept_card, reader
        assert "In which year?" in kept_card
    assert Comment.objects.filter(pk=gone.pk, status="open").exists()


def test_a_quote_that_is_not_in_the_section_is_refused(plan, expert):
    refused = pytest.raises(ValidationError, match="Select the passage")
    with nothing_changes(Comment), refused:
        comment_create(plan=plan, author=expert, section_key=SECTION, body="?", quote="nowhere")
    assert not Comment.objects.exists()


def test_anchor_matches_a_selection_across_formatting():
    text = plain_text("The **donor** budget covers *phase one*.\n\nIt ends in 2028.")
    assert text == "The donor budget covers phase one. It ends in 2028."
    assert locate("donor budget covers phase", text).start == 4
