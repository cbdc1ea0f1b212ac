import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("seminars", "0004_places_from_free_text")]

    operations = [
        migrations.AlterModelOptions(name="session", options={"ordering": ["starts_at", "pk"]}),
        migrations.RemoveField(model_name="session", name="place"),
        migrations.RenameField(model_name="session", old_name="place_ref", new_name="place"),
        migrations.AlterField(
            model_name="session",
            name="place",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sessions",
                to="seminars.place",
                verbose_name="place",
            ),
        ),
    ]
