"""A submitted progress report can never change: the database refuses to update its content.

A draft changes freely. Only the content columns are guarded, so that deleting the person who
submitted it (submitted_by SET NULL) still works.
"""

from django.db import migrations

COLUMNS = (
    "check_in_id",
    "status",
    "indicators",
    "milestones",
    "financing",
    "worked",
    "obstacles",
    "help_requested",
    "submitted_at",
    "created_at",
)


def _changed(column: str) -> str:
    cast = "::text" if column in ("indicators", "milestones", "financing") else ""
    return f"NEW.{column}{cast} IS DISTINCT FROM OLD.{column}{cast}"


POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION pilots_progressreport_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'submitted' AND ({" OR ".join(_changed(c) for c in COLUMNS)}) THEN
        RAISE EXCEPTION 'submitted progress reports are immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER pilots_progressreport_immutable BEFORE UPDATE ON pilots_progressreport
    FOR EACH ROW EXECUTE FUNCTION pilots_progressreport_immutable();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS pilots_progressreport_immutable ON pilots_progressreport;
DROP FUNCTION IF EXISTS pilots_progressreport_immutable();
"""
SQLITE_UP = f"""
CREATE TRIGGER pilots_progressreport_immutable
BEFORE UPDATE OF {", ".join(COLUMNS)} ON pilots_progressreport
WHEN OLD.status = 'submitted'
BEGIN SELECT RAISE(ABORT, 'submitted progress reports are immutable'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS pilots_progressreport_immutable;"


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("pilots", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
