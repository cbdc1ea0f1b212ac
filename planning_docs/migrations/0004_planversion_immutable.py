"""A frozen plan version can never change: the database refuses to update its content.

Only the content columns are guarded, so that deleting the author (created_by SET NULL) still works.
"""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION planning_docs_planversion_immutable() RETURNS trigger AS $$
BEGIN
    IF NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.number IS DISTINCT FROM OLD.number
       OR NEW.title IS DISTINCT FROM OLD.title OR NEW.sections::text IS DISTINCT FROM OLD.sections::text
       OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
       OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'plan versions are immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER planning_docs_planversion_immutable BEFORE UPDATE ON planning_docs_planversion
    FOR EACH ROW EXECUTE FUNCTION planning_docs_planversion_immutable();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS planning_docs_planversion_immutable ON planning_docs_planversion;
DROP FUNCTION IF EXISTS planning_docs_planversion_immutable();
"""
SQLITE_UP = """
CREATE TRIGGER planning_docs_planversion_immutable
BEFORE UPDATE OF plan_id, number, title, sections, content_hash, created_at
ON planning_docs_planversion
BEGIN SELECT RAISE(ABORT, 'plan versions are immutable'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS planning_docs_planversion_immutable;"


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("planning_docs", "0003_default_eco_town_template")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
