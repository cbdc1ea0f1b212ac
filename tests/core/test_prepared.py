"""Prepared queries (ecotown.core.prepared): built and compiled once, they give the rows their
queryset gives, and only queries whose SQL depends on their values alone may be prepared."""

import pytest
from django.contrib.sessions.models import Session
from django.db.models import Prefetch
from django.urls import get_resolver
from django.utils import timezone

from ecotown.core import prepared as prepared_module
from ecotown.core.prepared import PreparedQuery, check_prepared, prefetched, prepared
from planning_docs import selectors as plan_selectors
from planning_docs.models import Plan, PlanAssignment, PlanVersion
from reviews import selectors as review_selectors
from tests.factories.planning_docs import add_coauthor, make_plan, submitted_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_prepared_queries(monkeypatch):
    """The prepared queries a test makes stay out of the project's list."""
    monkeypatch.setattr(prepared_module, "EVERY", list(prepared_module.EVERY))


def test_every_prepared_query_of_the_project_depends_on_its_values_alone():
    assert get_resolver().url_patterns  # every view, and so every selector module, imported
    assert len(prepared_module.EVERY) >= 15
    problems = [problem for query in prepared_module.EVERY for problem in check_prepared(query)]
    assert problems == []


def test_a_query_of_the_time_is_refused(own_prepared_queries):
    @prepared(str)
    def live_session(key):
        return Session.objects.filter(session_key=key, expire_date__gt=timezone.now())

    [problem] = check_prepared(live_session)
    assert "live_session" in problem and "changes with more than its values" in problem


def test_a_prefetch_that_varies_is_refused(own_prepared_queries):
    @prepared(int)
    def plans_with_recent_versions(pk):
        recent = PlanVersion.objects.filter(created_at__gt=timezone.now())
        return Plan.objects.filter(pk=pk).prefetch_related(Prefetch("versions", queryset=recent))

    @prepared(int)
    def plans_with_a_value_in_a_prefetch(pk):
        mine = PlanVersion.objects.filter(created_by=pk)
        return Plan.objects.filter(pk=pk).prefetch_related(Prefetch("versions", queryset=mine))

    assert len(check_prepared(plans_with_recent_versions)) == 1
    assert len(check_prepared(plans_with_a_value_in_a_prefetch)) == 1


def test_a_value_that_does_not_reach_the_parameters_is_refused(own_prepared_queries):
    first_plans = PreparedQuery(lambda count: Plan.objects.all()[:count], (int,))
    with pytest.raises(TypeError, match="is not a parameter of its SQL"):
        first_plans(3)


def test_only_ints_and_strs_are_values():
    with pytest.raises(TypeError):
        prepared(float)


def test_a_prepared_plan_is_the_plan_its_queryset_gives_with_its_relations(
    django_assert_num_queries,
):
    plan = make_plan()
    add_coauthor(plan)
    make_plan()  # another plan, not to be found
    experts = [a.expert_id for a in plan.assignments.order_by("pk")]
    with django_assert_num_queries(3):  # the plan with its people, assignments, co-authors
        [found] = plan_selectors._plan_with(
            plan.pk, plan_selectors._assignments_of, plan_selectors._coauthors_of
        )
    with django_assert_num_queries(0):
        assert found.enrolment.trainee == plan.enrolment.trainee
        assert found.enrolment.seminar == plan.enrolment.seminar
        assert [a.expert_id for a in found.assignments.all()] == experts
        assert all(a.plan is found for a in found.assignments.all())
        assert len(found.coauthors.all()) == 1
    fields = [f.attname for f in Plan._meta.concrete_fields]
    assert [getattr(found, f) for f in fields] == [getattr(plan, f) for f in fields]
    assert plan_selectors._plan_by_key(plan.pk + 1000) == []


def test_a_filter_on_prefetched_rows_still_reads_the_relation(django_assert_num_queries):
    plan, other = make_plan(), make_plan()
    prefetched(plan, "assignments", list(other.assignments.all()))  # rows of another plan
    with django_assert_num_queries(1):
        leads = list(plan.assignments.filter(role=PlanAssignment.Role.LEAD))
    assert [a.plan_id for a in leads] == [plan.pk]


def test_each_call_binds_its_own_values_and_gets_fresh_rows():
    first, second = submitted_version(), submitted_version()
    for version in (first, second, first):
        [review_plan] = plan_selectors._plan_by_key(version.plan_id)
        assert review_plan.pk == version.plan_id
        assert [v.pk for v in plan_selectors.version_headers(review_plan)] == [version.pk]
    first.plan.title = "Renamed"
    first.plan.save()
    assert plan_selectors._plan_by_key(first.plan_id)[0].title == "Renamed"


def test_values_rows_and_several_values_are_bound_in_place(expert):
    version = submitted_version(lead=expert)
    plan = version.plan
    drafts = plan_selectors.plan_drafts(plan)
    keys = [d.section.key for d in drafts]
    assert keys == list(
        plan.drafts.order_by("section__position").values_list("section__key", flat=True)
    )
    assert all(d.plan is plan for d in drafts)
    assert plan_selectors.plan_draft(plan, keys[2]).section.key == keys[2]
    assert plan_selectors.plan_draft(plan, "no-such-section") is None
    assert review_selectors.unresolved_counts_by_section(expert, plan) == {}


def test_first_gives_the_first_row_or_none():
    plan = make_plan()
    assert review_selectors._reviews_of_plan.first(plan.pk) is None
    assert plan_selectors._plan_by_key.first(plan.pk) == plan
    assert plan_selectors._plan_by_key.first(plan.pk + 1_000) is None
