from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="coauthor")


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="coauthor").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0005_outbox")]

    operations = [migrations.RunPython(create_group, remove_group)]
