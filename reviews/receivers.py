"""How reviews answers the apps below it (ecotown.core.hooks): the experts' scores on the
coordinators' plan list."""

from typing import Any

from django.db.models import Avg, Exists, FloatField, Max, Min, OuterRef, Subquery

from planning_docs.models import PlanVersion
from reviews.models import Score
from reviews.selectors import DISAGREEMENT


def _newest_scores() -> Any:
    """Scores of the newest version of the plan in the outer query."""
    newest = PlanVersion.objects.filter(plan=OuterRef(OuterRef("pk"))).order_by("-number")
    return Score.objects.filter(
        version__plan=OuterRef("pk"), version__number=Subquery(newest.values("number")[:1])
    )


def plan_list_scores() -> dict[str, Any]:
    mean = _newest_scores().values("version").annotate(mean=Avg("value")).values("mean")
    apart = (
        _newest_scores()
        .values("criterion")
        .annotate(gap=Max("value") - Min("value"))
        .filter(gap__gte=DISAGREEMENT)
    )
    return {
        "score_mean": Subquery(mean[:1], output_field=FloatField()),
        "scores_disagree": Exists(apart),
    }
