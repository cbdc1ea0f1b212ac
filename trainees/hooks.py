"""What trainees ask of the apps above them (see ecotown.core.hooks)."""

from django.db.models import IntegerField, Value

from ecotown.core.hooks import Hook

# Annotations of each enrolment row of the roster (OuterRef("pk") is the enrolment): its plan's
# id and its lead expert's user id (names are written by display_name, not in SQL: Japanese
# names put the family name first). Plans live in planning_docs, which answers.
roster_annotations = Hook(
    "trainees.roster_annotations",
    default=lambda: {
        "plan_pk": Value(None, output_field=IntegerField()),
        "lead_id": Value(None, output_field=IntegerField()),
    },
)

# Annotations of each expert row (a User queryset): how many plans they lead and advise.
expert_workload = Hook(
    "trainees.expert_workload",
    default=lambda: {
        "leads": Value(0, output_field=IntegerField()),
        "advises": Value(0, output_field=IntegerField()),
    },
)
