"""What planning_docs asks of the apps above it (see ecotown.core.hooks)."""

from django.db.models import BooleanField, FloatField, Value

from ecotown.core.hooks import Hook

# Annotations of each plan row of the coordinators' plan list (OuterRef("pk") is the plan):
# `score_mean`, the mean of the experts' scores of its newest version, and `scores_disagree`,
# whether they lie far apart on a criterion. Scores live in reviews, which answers.
plan_list_scores = Hook(
    "planning_docs.plan_list_scores",
    default=lambda: {
        "score_mean": Value(None, output_field=FloatField()),
        "scores_disagree": Value(False, output_field=BooleanField()),
    },
)
