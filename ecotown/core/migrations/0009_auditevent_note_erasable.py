"""An audit row's note may change in one case only: a person's erasure (ecotown.core.erasure)
replacing their name or address where a note holds it (a co-author's invitation names the
address), inside a transaction that says so (SET LOCAL ecotown.erasing = 'on'). Every other
column, and the note at any other time, stays as written; no row is ever deleted. SQLite, the
embedded demo's database, lifts its trigger for that one statement instead."""

from importlib import import_module

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
       OR NEW.to_status IS DISTINCT FROM OLD.to_status
       OR (NEW.note IS DISTINCT FROM OLD.note
           AND coalesce(current_setting('ecotown.erasing', true), '') <> 'on')
       OR NEW.at IS DISTINCT FROM OLD.at
       OR (NEW.actor_id IS DISTINCT FROM OLD.actor_id AND NEW.actor_id IS NOT NULL) THEN
        RAISE EXCEPTION 'audit events are immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""
# Going back: 0008's function, the note frozen even for an erasure (its trigger stays).
POSTGRES_DOWN = import_module(
    "ecotown.core.migrations.0008_auditevent_immutable"
).POSTGRES_UP.split("CREATE TRIGGER")[0]


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0008_auditevent_immutable")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
