"""A version's contributors are frozen with its text: the immutability trigger covers them too."""

from django.db import migrations

_CHECKED = """
    IF NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.number IS DISTINCT FROM OLD.number
       OR NEW.title IS DISTINCT FROM OLD.title OR NEW.sections::text IS DISTINCT FROM OLD.sections::text
       OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
       OR NEW.created_at IS DISTINCT FROM OLD.created_at{extra} THEN
"""


def _postgres(extra: str) -> str:
    return (
        "CREATE OR REPLACE FUNCTION planning_docs_planversion_immutable() RETURNS trigger AS $$\n"
        "BEGIN"
        + _CHECKED.format(extra=extra)
        + "        RAISE EXCEPTION 'plan versions are immutable';\n"
        "    END IF;\n    RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;"
    )


def _sqlite(columns: str) -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS planning_docs_planversion_immutable;",
        "CREATE TRIGGER planning_docs_planversion_immutable\n"
        f"BEFORE UPDATE OF {columns}\nON planning_docs_planversion\n"
        "BEGIN SELECT RAISE(ABORT, 'plan versions are immutable'); END;",
    ]


COLUMNS = "plan_id, number, title, sections, content_hash, created_at"
SQL = {
    "forward": {
        "postgresql": [
            _postgres("\n       OR NEW.contributors::text IS DISTINCT FROM OLD.contributors::text")
        ],
        "sqlite": _sqlite(f"{COLUMNS}, contributors"),
    },
    "backward": {"postgresql": [_postgres("")], "sqlite": _sqlite(COLUMNS)},
}


def _run(direction: str):
    def run(apps, schema_editor):
        for statement in SQL[direction].get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("planning_docs", "0006_coauthors")]

    operations = [migrations.RunPython(_run("forward"), _run("backward"))]
