"""What the ORM cannot say, per database:

- the library's full-text index: on PostgreSQL a GIN index on the entries' search vector; on
  SQLite (the embedded default) an FTS5 table mirroring the entries' text, kept in step by
  triggers. Django rebuilds a SQLite table (dropping its triggers) when a later migration alters
  it in ways SQLite cannot: new columns on pilots_libraryentry stay nullable for that reason;
- a report's photos are frozen with it: the database refuses to add a photo to a submitted
  report or to change one of its photos (as 0002 refuses to change the report itself);
- the approved plans there are before this migration are indexed.
"""

from django.db import migrations

PHOTO_COLUMNS = "report_id, file, sha256, content_type, width, height, caption, alt"

# Constant statements: no input reaches them.
POSTGRES_UP = f"""
CREATE INDEX pilots_libraryentry_search_gin ON pilots_libraryentry USING gin (search_vector);
CREATE OR REPLACE FUNCTION pilots_reportphoto_frozen() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pilots_progressreport WHERE status = 'submitted' AND (
        id = NEW.report_id OR (TG_OP = 'UPDATE' AND id = OLD.report_id))) THEN
        RAISE EXCEPTION 'photos of a submitted progress report are frozen';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER pilots_reportphoto_frozen BEFORE INSERT OR UPDATE OF {PHOTO_COLUMNS}
    ON pilots_reportphoto FOR EACH ROW EXECUTE FUNCTION pilots_reportphoto_frozen();
"""  # noqa: S608
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS pilots_reportphoto_frozen ON pilots_reportphoto;
DROP FUNCTION IF EXISTS pilots_reportphoto_frozen();
DROP INDEX IF EXISTS pilots_libraryentry_search_gin;
"""

SUBMITTED = "(SELECT status FROM pilots_progressreport WHERE id = {row}.report_id) = 'submitted'"
FROZEN = "SELECT RAISE(ABORT, 'photos of a submitted progress report are frozen');"
# External-content FTS5: the text lives once, in pilots_libraryentry; the index follows it.
SQLITE_FTS = [
    """CREATE VIRTUAL TABLE pilots_library_fts USING fts5(
        text, content='pilots_libraryentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER pilots_libraryentry_fts_insert AFTER INSERT ON pilots_libraryentry BEGIN
        INSERT INTO pilots_library_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER pilots_libraryentry_fts_delete AFTER DELETE ON pilots_libraryentry BEGIN
        INSERT INTO pilots_library_fts(pilots_library_fts, rowid, text)
            VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER pilots_libraryentry_fts_update AFTER UPDATE OF text ON pilots_libraryentry
    BEGIN
        INSERT INTO pilots_library_fts(pilots_library_fts, rowid, text)
            VALUES ('delete', old.id, old.text);
        INSERT INTO pilots_library_fts(rowid, text) VALUES (new.id, new.text);
    END""",
]
SQLITE_UP = [
    *SQLITE_FTS,
    f"""CREATE TRIGGER pilots_reportphoto_frozen_insert BEFORE INSERT ON pilots_reportphoto
    WHEN {SUBMITTED.format(row="NEW")}
    BEGIN {FROZEN} END""",
    f"""CREATE TRIGGER pilots_reportphoto_frozen_update BEFORE UPDATE OF {PHOTO_COLUMNS}
    ON pilots_reportphoto
    WHEN {SUBMITTED.format(row="OLD")} OR {SUBMITTED.format(row="NEW")}
    BEGIN {FROZEN} END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS pilots_reportphoto_frozen_update",
    "DROP TRIGGER IF EXISTS pilots_reportphoto_frozen_insert",
    "DROP TRIGGER IF EXISTS pilots_libraryentry_fts_update",
    "DROP TRIGGER IF EXISTS pilots_libraryentry_fts_delete",
    "DROP TRIGGER IF EXISTS pilots_libraryentry_fts_insert",
    "DROP TABLE IF EXISTS pilots_library_fts",
]


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        # SQLite runs one statement per call: its statements come as a list.
        for statement in [sql] if isinstance(sql, str) else sql or []:
            schema_editor.execute(statement, params=None)

    return run


def index_approved_plans(apps, schema_editor):
    from django.contrib.postgres.search import SearchVector

    from pilots.library_text import technology_text, version_text

    plan_model = apps.get_model("planning_docs", "Plan")
    entry_model = apps.get_model("pilots", "LibraryEntry")
    using = schema_editor.connection.alias
    for plan in plan_model.objects.using(using).filter(status="approved"):
        version = plan.versions.order_by("-number").first()
        if version is None:
            continue
        entry_model.objects.using(using).update_or_create(
            plan=plan,
            defaults={
                "version": version,
                "text": version_text(version.title, version.sections),
                "technology": technology_text(version.sections),
            },
        )
    if schema_editor.connection.vendor == "postgresql":
        entry_model.objects.using(using).update(search_vector=SearchVector("text", config="simple"))


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0003_photos_library_consent_alumni"),
        ("planning_docs", "0012_pilot_point_and_sector"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        ),
        migrations.RunPython(index_approved_plans, migrations.RunPython.noop),
    ]
