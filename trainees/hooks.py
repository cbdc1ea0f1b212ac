"""What trainees ask of the apps above them (see ecotown.core.hooks)."""

from django.db.models import CharField, IntegerField, Value

from ecotown.core.hooks import Hook

# Annotations of each enrolment row of the roster (OuterRef("pk") is the enrolment): its plan's
# id and lead expert's name. Plans live in planning_docs, which answers.
roster_annotations = Hook(
    "trainees.roster_annotations",
    default=lambda: {
        "plan_pk": Value(None, output_field=IntegerField()),
        "lead_name": Value("", output_field=CharField()),
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
