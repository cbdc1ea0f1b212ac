"""An audit row, once written, can be neither changed nor removed: the database refuses both.

As for plan versions (planning_docs 0004), only the recorded columns are guarded, so that deleting
the person who acted (actor SET NULL) still works; a row is never deleted, whoever asks."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION core_auditevent_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit events are immutable';
    END IF;
    IF NEW.content_type_id IS DISTINCT FROM OLD.content_type_id
       OR NEW.object_id IS DISTINCT FROM OLD.object_id OR NEW.verb IS DISTINCT FROM OLD.verb
       OR NEW.from_status IS DISTINCT FROM OLD.from_status
       OR NEW.to_status IS DISTINCT FROM OLD.to_status OR NEW.note IS DISTINCT FROM OLD.note
       OR NEW.at IS DISTINCT FROM OLD.at
       OR (NEW.actor_id IS DISTINCT FROM OLD.actor_id AND NEW.actor_id IS NOT NULL) THEN
        RAISE EXCEPTION 'audit events are immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_immutable BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_immutable();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS core_auditevent_immutable ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_immutable();
"""
SQLITE_UP = [
    """
CREATE TRIGGER core_auditevent_immutable
BEFORE UPDATE OF content_type_id, object_id, verb, from_status, to_status, note, at
ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are immutable'); END;
""",
    """
CREATE TRIGGER core_auditevent_actor_only_cleared
BEFORE UPDATE OF actor_id ON core_auditevent WHEN NEW.actor_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'audit events are immutable'); END;
""",
    """
CREATE TRIGGER core_auditevent_never_deleted
BEFORE DELETE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are immutable'); END;
""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditevent_immutable;",
    "DROP TRIGGER IF EXISTS core_auditevent_actor_only_cleared;",
    "DROP TRIGGER IF EXISTS core_auditevent_never_deleted;",
]


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        statements = sql_by_vendor.get(schema_editor.connection.vendor, [])
        for sql in [statements] if isinstance(statements, str) else statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0007_privacy_acceptance")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
