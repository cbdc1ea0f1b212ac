"""A person's erasure may also replace their name in the captions, text alternatives and annex
titles frozen with a version (the attachments column), as 0009 lets it do in the title, the text
and the authors: only inside a transaction that says so (SET LOCAL ecotown.erasing = 'on').
SQLite lifts its trigger for the erasure instead (planning_docs.personal_data)."""

from importlib import import_module

from django.db import migrations

# Going back restores 0009's function: attachments frozen even for an erasure.
POSTGRES_DOWN = import_module(
    "planning_docs.migrations.0009_planversion_title_erasable"
).POSTGRES_UP

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION planning_docs_planversion_immutable() RETURNS trigger AS $$
BEGIN
    IF NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.number IS DISTINCT FROM OLD.number
       OR ((NEW.title IS DISTINCT FROM OLD.title
            OR NEW.sections::text IS DISTINCT FROM OLD.sections::text
            OR NEW.contributors::text IS DISTINCT FROM OLD.contributors::text
            OR NEW.attachments::text IS DISTINCT FROM OLD.attachments::text)
           AND coalesce(current_setting('ecotown.erasing', true), '') <> 'on')
       OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
       OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'plan versions are immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("planning_docs", "0009_planversion_title_erasable")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
