"""The scoring rubric: each assigned expert scores the version waiting for review; scores stay
with the experts and coordinators; a gap of two points or more is flagged."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ecotown.core.workflow import history_of
from planning_docs.services import plan_request_changes, plan_submit
from reviews.models import Criterion, Score
from reviews.selectors import score_sheet
from reviews.services import scores_record
from tests.factories.core import CoordinatorFactory, ExpertFactory
from tests.factories.planning_docs import submitted_version

pytestmark = pytest.mark.django_db

KEYS = [
    "policy-fit",
    "technical-feasibility",
    "financing-realism",
    "institutional-set-up",
    "environment-and-basel",
    "monitoring",
]


def all_scores(value: int) -> dict[str, int]:
    return dict.fromkeys(KEYS, value)


def test_the_default_template_has_the_six_criteria():
    version = submitted_version()
    keys = list(
        Criterion.objects.filter(template=version.plan.template).values_list("key", flat=True)
    )
    assert keys == KEYS


def test_an_expert_scores_and_scoring_again_replaces_the_scores(expert):
    version = submitted_version(lead=expert)
    scores_record(version=version, actor=expert, values=all_scores(3))
    scores_record(version=version, actor=expert, values={**all_scores(4), "monitoring": 2})
    stored = dict(
        Score.objects.filter(version=version, expert=expert).values_list("criterion__key", "value")
    )
    assert stored == {**all_scores(4), "monitoring": 2}
    assert [e.verb for e in history_of(version)] == ["scores_recorded", "scores_recorded"]


@pytest.mark.parametrize(
    "values",
    [
        {**all_scores(3), "monitoring": 0},
        {**all_scores(3), "monitoring": 6},
        dict.fromkeys(KEYS[:-1], 3),
    ],
    ids=["below the scale", "above the scale", "a criterion missing"],
)
def test_a_score_outside_the_scale_or_missing_is_refused_and_nothing_is_stored(expert, values):
    version = submitted_version(lead=expert)
    with pytest.raises(ValidationError) as refused:
        scores_record(version=version, actor=expert, values=values)
    assert "Monitoring: give a score from 1 to 5." in refused.value.messages
    assert not Score.objects.exists()


def test_only_the_plans_experts_score(expert):
    version = submitted_version(lead=expert)
    for outsider in (ExpertFactory(), CoordinatorFactory(), version.plan.enrolment.trainee):
        with pytest.raises(PermissionDenied):
            scores_record(version=version, actor=outsider, values=all_scores(3))
    assert not Score.objects.exists()


def test_the_sheet_flags_a_gap_of_two_points_and_is_hidden_from_the_trainee(expert):
    version = submitted_version(lead=expert)
    adviser = ExpertFactory()
    version.plan.assignments.create(expert=adviser, role="adviser")
    scores_record(version=version, actor=expert, values=all_scores(4))
    scores_record(version=version, actor=adviser, values={**all_scores(4), "financing-realism": 2})
    sheet = score_sheet(CoordinatorFactory(), version)
    assert sheet is not None
    flagged = [(row.criterion.key, row.spread) for row in sheet.rows if row.disagree]
    assert flagged == [("financing-realism", 2)]
    assert sheet.disagree
    assert score_sheet(expert, version).mine == all_scores(4)
    assert score_sheet(version.plan.enrolment.trainee, version) is None
    assert score_sheet(ExpertFactory(), version) is None


def test_scoring_on_the_review_desk(client, expert):
    version = submitted_version(lead=expert)
    plan = version.plan
    client.force_login(expert)
    page = client.get(reverse("reviews:review", args=[plan.pk])).content.decode()
    assert "Record my scores" in page and "Financing realism" in page
    data = {f"score-{key}": "5" for key in KEYS}
    response = client.post(reverse("reviews:score", args=[plan.pk]), data)
    assert response.status_code == 302
    page = client.get(reverse("reviews:review", args=[plan.pk])).content.decode()
    assert "5 / 5" in page


def test_a_bad_score_on_the_desk_says_why_and_stores_nothing(client, expert):
    version = submitted_version(lead=expert)
    client.force_login(expert)
    data = {**{f"score-{key}": "4" for key in KEYS}, "score-monitoring": "nine"}
    response = client.post(reverse("reviews:score", args=[version.plan.pk]), data)
    assert response.status_code == 400
    assert "Monitoring: give a score from 1 to 5." in response.content.decode()
    assert not Score.objects.exists()


def test_the_trainee_never_sees_scores(client, expert):
    version = submitted_version(lead=expert)
    scores_record(version=version, actor=expert, values=all_scores(2))
    trainee = version.plan.enrolment.trainee
    client.force_login(trainee)
    for url in (
        reverse("planning_docs:plan-detail", args=[version.plan.pk]),
        reverse("planning_docs:version-detail", args=[version.plan.pk, 1]),
    ):
        assert "2 / 5" not in client.get(url).content.decode()


def _scored_plans(expert):
    """Three submitted plans: scored 5s, scored 2s with a 2-point disagreement, unscored."""
    high, low, none = (submitted_version(lead=expert) for _ in range(3))
    adviser = ExpertFactory()
    low.plan.assignments.create(expert=adviser, role="adviser")
    scores_record(version=high, actor=expert, values=all_scores(5))
    scores_record(version=low, actor=expert, values=all_scores(2))
    scores_record(version=low, actor=adviser, values={**all_scores(2), "monitoring": 4})
    return high.plan, low.plan, none.plan


def test_the_coordinators_plan_list_sorts_by_score_and_flags_disagreement(client, expert):
    high, low, unscored = _scored_plans(expert)
    client.force_login(CoordinatorFactory())
    url = reverse("planning_docs:plan-list")
    by_high = list(client.get(url, {"order": "score-high"}).context["plans"])
    assert by_high == [high, low, unscored]
    by_low = list(client.get(url, {"order": "score-low"}).context["plans"])
    assert by_low == [low, high, unscored]
    means = {plan.pk: plan.score_mean for plan in by_low}
    assert means[high.pk] == 5.0
    assert means[low.pk] == pytest.approx((2 * 11 + 4) / 12)
    assert means[unscored.pk] is None
    disagreeing = list(client.get(url, {"disagree": "on"}).context["plans"])
    assert disagreeing == [low]
    page = client.get(url).content.decode()
    assert "experts disagree" in page and "5.0" in page


def test_only_the_coordinators_plan_list_shows_scores(client, expert):
    _scored_plans(expert)
    client.force_login(expert)
    page = client.get(reverse("planning_docs:plan-list"), {"order": "score-high"})
    assert "Experts&#x27; score" not in page.content.decode()
    assert not hasattr(page.context["plans"][0], "score_mean")


def test_the_plan_list_scores_only_the_newest_version(client, expert):
    """Version 1 was scored low with a disagreement; the resubmitted version 2 scored 4s: the
    list shows 4.0 and no disagreement, and sorts and filters by version 2."""
    first = submitted_version(lead=expert)
    plan = first.plan
    adviser = ExpertFactory()
    plan.assignments.create(expert=adviser, role="adviser")
    scores_record(version=first, actor=expert, values=all_scores(1))
    scores_record(version=first, actor=adviser, values={**all_scores(1), "monitoring": 5})
    plan_request_changes(plan=plan, version=first, actor=expert, note="More on financing.")
    second = plan_submit(plan=plan, actor=plan.enrolment.trainee)
    assert second.number == 2
    scores_record(version=second, actor=expert, values=all_scores(4))
    other = submitted_version(lead=expert)
    scores_record(version=other, actor=expert, values=all_scores(3))
    client.force_login(CoordinatorFactory())
    url = reverse("planning_docs:plan-list")
    by_high = list(client.get(url, {"order": "score-high"}).context["plans"])
    assert by_high == [plan, other.plan]
    assert by_high[0].score_mean == 4.0
    assert not by_high[0].scores_disagree
    assert list(client.get(url, {"disagree": "on"}).context["plans"]) == []


def test_the_score_form_preselects_the_experts_own_scores(client, expert):
    version = submitted_version(lead=expert)
    scores_record(version=version, actor=expert, values={**all_scores(4), "monitoring": 2})
    client.force_login(expert)
    page = client.get(reverse("reviews:review", args=[version.plan.pk])).content.decode()
    select = page[
        page.index('id="score-monitoring"') : page.index(
            "</select>", page.index('id="score-monitoring"')
        )
    ]
    assert '<option value="">Choose</option>' in select
    assert '<option value="2" selected>2 / 5</option>' in select
    assert select.count(" selected") == 1
    assert [f'<option value="{n}"' in select for n in range(1, 6)] == [True] * 5
