"""How reviews answers the apps below it (ecotown.core.hooks): the experts' scores on the
coordinators' plan list."""

from typing import Any

from django.db import connection
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from planning_docs.models import Plan, PlanVersion
from reviews.models import Score
from reviews.selectors import DISAGREEMENT


def _newest_scores_sql(select: str, tail: str = "") -> str:
    """A subquery over the scores of the newest version of the plan in the outer query."""
    quote = connection.ops.quote_name
    score, version = quote(Score._meta.db_table), quote(PlanVersion._meta.db_table)
    outer = f"{quote(Plan._meta.db_table)}.{quote('id')}"
    # Only the models' table names and this module's constant SQL: no input reaches the text.
    return (
        f"SELECT {select} FROM {score} s INNER JOIN {version} v ON s.version_id = v.id "  # noqa: S608
        f"WHERE v.plan_id = {outer} AND v.number = "
        f"(SELECT MAX(n.number) FROM {version} n WHERE n.plan_id = {outer}){tail}"
    )


def plan_list_scores() -> dict[str, Any]:
    """`score_mean` (the mean of every score of the newest version) and `scores_disagree` (some
    criterion's scores lie DISAGREEMENT or more apart) for the plan list's query.

    Written in SQL: the same subqueries built with nested OuterRefs cost about 4 ms of Python to
    resolve and compile on every page of the list, ten times what the database takes to run
    them. They name the plan table as the outer query does, so they serve the list's own query
    only, never a subquery of another.
    """
    apart = _newest_scores_sql(
        "1", " GROUP BY s.criterion_id HAVING MAX(s.value) - MIN(s.value) >= %s"
    )
    return {
        "score_mean": RawSQL(  # noqa: S611 - constant SQL (above)
            _newest_scores_sql("AVG(s.value)"), (), output_field=FloatField()
        ),
        "scores_disagree": RawSQL(  # noqa: S611 - constant SQL, the threshold a parameter
            f"EXISTS ({apart})", (DISAGREEMENT,), output_field=BooleanField()
        ),
    }
