"""The documented backup and restore commands, run for real against PostgreSQL."""

import subprocess

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from tests.worker import ROOT, database_url_of_test_db

pytestmark = pytest.mark.django_db(transaction=True)
RESTORE_DB = "ecotown_restore_check"


def row_counts(dsn: str) -> dict[str, int]:
    with psycopg2.connect(dsn) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from pg_tables
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def empty_database():
    source = database_url_of_test_db()
    admin_dsn = source.rsplit("/", 1)[0] + "/postgres"
    admin = psycopg2.connect(admin_dsn)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {RESTORE_DB}")
        cursor.execute(f"CREATE DATABASE {RESTORE_DB}")
    yield source.rsplit("/", 1)[0] + f"/{RESTORE_DB}"
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {RESTORE_DB} WITH (FORCE)")
    admin.close()


def test_backup_restores_every_row_into_a_fresh_database(
    settings, tmp_path, empty_database, eager_tasks
):
    # Eager tasks: the demo's renders and mails run here and now, so that no worker writes to
    # the database between the dump and the comparison.
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "rendered"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    connection.close()  # pg_dump sees committed rows only; make sure nothing is pending
    source = database_url_of_test_db()
    media = tmp_path / "media"
    (media / "pdfs").mkdir(parents=True)
    (media / "pdfs" / "plan.pdf").write_bytes(b"%PDF-1.7 demo")
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": source, "MEDIA_ROOT": str(media)}

    backup = subprocess.run(
        ["scripts/backup.sh", str(tmp_path / "backup")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert backup.returncode == 0, backup.stderr
    restored_media = tmp_path / "restored-media"
    restore = subprocess.run(
        ["scripts/restore.sh", str(tmp_path / "backup")],
        cwd=ROOT,
        env={**env, "DATABASE_URL": empty_database, "MEDIA_ROOT": str(restored_media)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert restore.returncode == 0, restore.stderr

    original = row_counts(source)
    assert original["core_user"] == 19
    assert row_counts(empty_database) == original
    assert (restored_media / "pdfs" / "plan.pdf").read_bytes() == b"%PDF-1.7 demo"
