"""Each pilot's stored standing (pilots.standing), worked out for the pilots there are."""

from types import SimpleNamespace

import django.db.models.deletion
from django.db import migrations, models


def standing_for_every_pilot(apps, schema_editor):
    from pilots.standing import standing_of

    models_then = SimpleNamespace(
        CheckIn=apps.get_model("pilots", "CheckIn"),
        StatusOverride=apps.get_model("pilots", "StatusOverride"),
    )
    PilotStanding = apps.get_model("pilots", "PilotStanding")
    plan_ids = models_then.CheckIn.objects.order_by().values_list("plan_id", flat=True)
    for plan_id in plan_ids.distinct().iterator():
        standing = standing_of(plan_id, models=models_then)
        PilotStanding.objects.create(plan_id=plan_id, **standing)


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0007_programme_report_language"),
        ("planning_docs", "0012_pilot_point_and_sector"),
    ]

    operations = [
        migrations.CreateModel(
            name="PilotStanding",
            fields=[
                (
                    "plan",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="pilot_standing",
                        serialize=False,
                        to="planning_docs.plan",
                    ),
                ),
                (
                    "settled",
                    models.CharField(
                        choices=[
                            ("not_started", "Not started"),
                            ("on_track", "On track"),
                            ("at_risk", "At risk"),
                            ("late", "Late"),
                            ("stalled", "Stalled"),
                            ("completed", "Completed"),
                        ],
                        max_length=16,
                    ),
                ),
                ("oldest_unfiled_due", models.DateField(null=True)),
                (
                    "override",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("not_started", "Not started"),
                            ("on_track", "On track"),
                            ("at_risk", "At risk"),
                            ("late", "Late"),
                            ("stalled", "Stalled"),
                            ("completed", "Completed"),
                        ],
                        max_length=16,
                    ),
                ),
            ],
        ),
        migrations.RunPython(standing_for_every_pilot, migrations.RunPython.noop),
    ]
