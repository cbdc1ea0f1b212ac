"""A frozen version's title, sections and contributors may change in one case only: a person's
erasure (ecotown.core.erasure) replacing their name in the title and in the authors frozen with
the text, inside a transaction that says so (SET LOCAL ecotown.erasing = 'on').
Every other column, and the title at any other time, stays as the version froze it. SQLite, the
embedded demo's database, lifts its trigger for that one statement instead (see
planning_docs.personal_data)."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION planning_docs_planversion_immutable() RETURNS trigger AS $$
BEGIN
    IF NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.number IS DISTINCT FROM OLD.number
       OR ((NEW.title IS DISTINCT FROM OLD.title
            OR NEW.sections::text IS DISTINCT FROM OLD.sections::text
            OR NEW.contributors::text IS DISTINCT FROM OLD.contributors::text)
           AND coalesce(current_setting('ecotown.erasing', true), '') <> 'on')
       OR NEW.attachments::text IS DISTINCT FROM OLD.attachments::text
       OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
       OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'plan versions are immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""
POSTGRES_DOWN = """
CREATE OR REPLACE FUNCTION planning_docs_planversion_immutable() RETURNS trigger AS $$
BEGIN
    IF NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.number IS DISTINCT FROM OLD.number
       OR NEW.title IS DISTINCT FROM OLD.title OR NEW.sections::text IS DISTINCT FROM OLD.sections::text
       OR NEW.attachments::text IS DISTINCT FROM OLD.attachments::text
       OR NEW.contributors::text IS DISTINCT FROM OLD.contributors::text
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
    dependencies = [("planning_docs", "0008_figures_and_annexes")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
