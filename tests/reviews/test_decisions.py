from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ecotown.core.models import AuditEvent
from ecotown.core.workflow import history_of
from planning_docs.models import Plan, PlanAssignment
from reviews.models import Review
from reviews.selectors import last_reviewed_version
from reviews.services import review_approve, review_reopen, review_request_changes
from reviews.turnaround import waits_for_plans, working_days_between
from tests.factories.core import CoordinatorFactory, ExpertFactory
from tests.factories.planning_docs import PlanVersionFactory, make_plan, submitted_version
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db

# (from, to, allowed) for the plan's life, written out by hand
PLAN_MOVES = [
    ("draft", "submitted", True),
    ("draft", "approved", False),
    ("submitted", "changes_requested", True),
    ("submitted", "approved", True),
    ("submitted", "draft", False),
    ("changes_requested", "submitted", True),
    ("changes_requested", "approved", False),
    ("approved", "changes_requested", True),
    ("approved", "submitted", False),
]


@pytest.mark.parametrize(("source", "target", "allowed"), PLAN_MOVES)
def test_plan_status_table(source, target, allowed):
    assert (target in Plan.TRANSITIONS[Plan.Status(source)]) is allowed


def test_lead_expert_requests_changes_with_a_summary(expert, eager_tasks, on_commit):
    coordinator = CoordinatorFactory()
    version = submitted_version(lead=expert)
    plan = version.plan
    with on_commit(execute=True):
        review = review_request_changes(
            plan=plan, version=version, actor=expert, summary="Add the financing rows."
        )
    plan.refresh_from_db()
    assert plan.status == "changes_requested"
    assert (review.decision, review.reviewer, review.version) == (
        "changes_requested",
        expert,
        version,
    )
    event = history_of(plan).first()  # the newest move
    assert (event.verb, event.actor, event.from_status, event.to_status) == (
        "changes_requested",
        expert,
        "submitted",
        "changes_requested",
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [plan.enrolment.trainee.email, coordinator.email]
    )
    assert "Add the financing rows." in mail.outbox[0].body
    assert last_reviewed_version(expert, plan) == version


def test_adviser_may_request_changes_but_not_approve(expert):
    version = submitted_version(lead=expert)
    adviser = ExpertFactory()
    PlanAssignment.objects.create(plan=version.plan, expert=adviser, role="adviser")
    with nothing_changes(version.plan, Review), pytest.raises(PermissionDenied):
        review_approve(plan=version.plan, version=version, actor=adviser, summary="fine")
    version.plan.refresh_from_db()
    assert version.plan.status == "submitted"
    assert not Review.objects.exists()
    review_request_changes(plan=version.plan, version=version, actor=adviser, summary="more")
    version.plan.refresh_from_db()
    assert version.plan.status == "changes_requested"


@pytest.mark.parametrize("who", ["lead", "coordinator"])
def test_lead_expert_or_coordinator_approves(expert, who):
    version = submitted_version(lead=expert)
    actor = expert if who == "lead" else CoordinatorFactory()
    review = review_approve(plan=version.plan, version=version, actor=actor, summary="Ready.")
    version.plan.refresh_from_db()
    assert version.plan.status == "approved"
    assert review.decision == "approved"


def test_expert_of_another_plan_and_the_trainee_cannot_decide(expert):
    version = submitted_version(lead=expert)
    for outsider in (ExpertFactory(), version.plan.enrolment.trainee):
        with nothing_changes(version.plan, Review), pytest.raises(PermissionDenied):
            review_request_changes(plan=version.plan, version=version, actor=outsider, summary="x")
    version.plan.refresh_from_db()
    assert version.plan.status == "submitted"


def test_decision_on_an_old_version_is_refused_and_changes_nothing(expert):
    old = submitted_version(lead=expert)
    newer = PlanVersionFactory(plan=old.plan, number=2)
    refused = pytest.raises(ValidationError, match="not the newest version")
    with nothing_changes(old.plan, Review), refused:
        review_approve(plan=old.plan, version=old, actor=expert, summary="ok")
    old.plan.refresh_from_db()
    assert old.plan.status == "submitted"
    assert not Review.objects.exists()
    review_approve(plan=old.plan, version=newer, actor=expert, summary="ok")


def test_decision_without_summary_is_refused(expert):
    version = submitted_version(lead=expert)
    events = AuditEvent.objects.count()
    with nothing_changes(version.plan, Review), pytest.raises(ValidationError):
        review_request_changes(plan=version.plan, version=version, actor=expert, summary="  ")
    assert AuditEvent.objects.count() == events
    version.plan.refresh_from_db()
    assert version.plan.status == "submitted"


def test_decision_on_a_plan_not_submitted_is_refused(expert):
    version = submitted_version(lead=expert)
    review_approve(plan=version.plan, version=version, actor=expert, summary="ok")
    refused = pytest.raises(ValidationError, match="Only a submitted plan")
    with nothing_changes(version.plan, Review), refused:
        review_request_changes(plan=version.plan, version=version, actor=expert, summary="again")
    assert Review.objects.count() == 1


def test_only_a_coordinator_reopens_an_approved_plan(expert):
    version = submitted_version(lead=expert)
    review_approve(plan=version.plan, version=version, actor=expert, summary="ok")
    with nothing_changes(version.plan, Review), pytest.raises(PermissionDenied):
        review_reopen(plan=version.plan, actor=expert, reason="typo")
    review_reopen(plan=version.plan, actor=CoordinatorFactory(), reason="Ministry asked for a risk")
    version.plan.refresh_from_db()
    assert version.plan.status == "changes_requested"


def test_working_days_skip_weekends():
    friday = date(2026, 11, 27)
    assert working_days_between(friday, friday) == 0
    assert working_days_between(friday, friday + timedelta(days=3)) == 1  # Monday
    assert working_days_between(friday, friday + timedelta(days=14)) == 10


def test_turnaround_lists_overdue_waits_first(expert):
    today = timezone.localdate()
    # Submitted three weeks ago, and logged then: the audit log cannot be rewritten afterwards.
    three_weeks_ago = timezone.now() - timedelta(days=21)
    with mock.patch("django.utils.timezone.now", return_value=three_weeks_ago):
        overdue = submitted_version(lead=expert)  # waiting on the expert for three weeks
    fresh_draft = make_plan()
    waits = waits_for_plans(Plan.objects.all(), today=today)
    assert [w.plan_id for w in waits] == [overdue.plan.pk, fresh_draft.pk]
    first = waits[0]
    assert (first.waiting_on_id, str(first.role), first.overdue) == (expert.pk, "expert", True)
    assert str(first.waiting_on) == str(expert)
    assert (first.title, str(first.trainee)) == (
        overdue.plan.title,
        str(overdue.plan.enrolment.trainee),
    )
    assert first.working_days >= 14
    trainee = fresh_draft.enrolment.trainee
    assert (waits[1].waiting_on_id, waits[1].overdue) == (trainee.pk, False)
    assert str(waits[1].waiting_on) == str(trainee)


def test_the_turnaround_panel_shows_each_wait_escaped_and_overdue_marked(client, expert):
    three_weeks_ago = timezone.now() - timedelta(days=21)
    with mock.patch("django.utils.timezone.now", return_value=three_weeks_ago):
        overdue = submitted_version(lead=expert)  # logged then: the log is never rewritten
    Plan.objects.filter(pk=overdue.plan.pk).update(title="Kisumu <i>e-waste</i> & compost")
    draft = make_plan()
    client.force_login(CoordinatorFactory())
    html = client.get("/").content.decode()
    table = html[
        html.index('id="turnaround"') : html.index("</table>", html.index('id="turnaround"'))
    ]
    first, second = table.split('<tr class="')[1:3]
    assert first.startswith("table-danger")
    assert f'href="/plans/{overdue.plan.pk}/">{overdue.plan.enrolment.trainee}</a>' in first
    assert "Kisumu &lt;i&gt;e-waste&lt;/i&gt; &amp; compost" in first
    assert f"<td>{expert} " in first and '<span class="visually-hidden">overdue</span>' in first
    assert second.startswith('">')  # not overdue
    assert f"<td>{draft.enrolment.trainee} " in second and "(trainee)" in second


def test_an_expert_sees_the_plans_waiting_on_their_decision_only(client, expert):
    mine = submitted_version(lead=expert).plan
    Plan.objects.filter(pk=mine.pk).update(title="Kisumu <b>compost</b>")
    other = submitted_version(lead=ExpertFactory()).plan
    PlanAssignment.objects.create(plan=other, expert=expert, role=PlanAssignment.Role.ADVISER)
    client.force_login(expert)
    html = client.get("/").content.decode()
    panel = html[
        html.index('id="waiting-heading"') : html.index(
            "</section>", html.index('id="waiting-heading"')
        )
    ]
    assert (
        f'href="/plans/{mine.pk}/review/">{mine.enrolment.trainee}: Kisumu &lt;b&gt;compost'
        in panel
    )
    assert "waiting 0 working days" in panel
    assert f"/plans/{other.pk}/review/" not in panel


def test_turnaround_query_count_does_not_grow(django_assert_max_num_queries):
    for _ in range(2):
        submitted_version()
    with django_assert_max_num_queries(4) as small:
        waits_for_plans(Plan.objects.all())
    for _ in range(6):
        submitted_version()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(waits_for_plans(Plan.objects.all())) == 8


def _plan_ct():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Plan).pk
