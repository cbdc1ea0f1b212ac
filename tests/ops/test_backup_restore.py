"""The documented backup and restore commands, run for real against PostgreSQL.

The restored copy is compared by content, not by counts: every row of every table, the text of
every plan version and the bytes of every PDF.
"""

import hashlib
import json
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg2 import sql

from tests.worker import ROOT, database_url_of_test_db

pytestmark = pytest.mark.django_db(transaction=True)


def restore_database_name() -> str:
    """Named after this run's test database, so that runs against other databases never share it."""
    suffix = "_restore"
    return connection.settings_dict["NAME"][: 63 - len(suffix)] + suffix


def table_contents(dsn: str) -> dict[str, list[str]]:
    """Every row of every table, as PostgreSQL writes it out, in a stable order."""
    with psycopg2.connect(dsn) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [name for (name,) in cursor.fetchall()]
        contents = {}
        for table in tables:
            cursor.execute(
                sql.SQL("SELECT t::text FROM {} AS t ORDER BY 1").format(sql.Identifier(table))
            )
            contents[table] = [row for (row,) in cursor.fetchall()]
    return contents


def sequence_values(dsn: str) -> dict[str, int | None]:
    """Where each id sequence stands: a restored database must not hand out ids already used."""
    with psycopg2.connect(dsn) as db, db.cursor() as cursor:
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY sequencename")
        return dict(cursor.fetchall())


def version_texts(dsn: str) -> list[tuple[int, int, str, str]]:
    """(plan, version number, section key, section text) of every frozen version."""
    with psycopg2.connect(dsn) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT plan_id, number, sections::text FROM planning_docs_planversion"
            " ORDER BY plan_id, number"
        )
        return [
            (plan_id, number, section["key"], section["body"])
            for plan_id, number, sections in cursor.fetchall()
            for section in json.loads(sections)
        ]


def ready_pdfs(dsn: str) -> list[tuple[str, str]]:
    """(file name under MEDIA_ROOT, recorded SHA-256) of every rendered PDF."""
    with psycopg2.connect(dsn) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT file, sha256 FROM planning_docs_pdfrender WHERE status = 'ready' ORDER BY id"
        )
        return cursor.fetchall()


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def empty_database():
    source = database_url_of_test_db()
    name = sql.Identifier(restore_database_name())
    admin = psycopg2.connect(source.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    yield source.rsplit("/", 1)[0] + f"/{restore_database_name()}"
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
    admin.close()


def test_restore_database_is_named_after_the_test_database():
    assert restore_database_name() == f"{connection.settings_dict['NAME']}_restore"


def test_backup_restores_every_row_version_text_and_pdf_into_a_fresh_database(
    settings, tmp_path, empty_database, eager_tasks
):
    # Eager tasks: the demo's renders and mails run here and now, so that no worker writes to
    # the database between the dump and the comparison.
    settings.DEBUG = True
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    connection.close()  # pg_dump sees committed rows only; make sure nothing is pending
    source = database_url_of_test_db()
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

    original = table_contents(source)
    # admin, unido, 3 experts, 14 trainees, coauthor02, 9 alumni of the earlier years
    assert len(original["core_user"]) == 30
    assert table_contents(empty_database) == original
    assert sequence_values(empty_database) == sequence_values(source)

    texts = version_texts(source)
    assert len({(plan, number) for plan, number, _key, _body in texts}) >= 5
    assert version_texts(empty_database) == texts

    pdfs = ready_pdfs(empty_database)
    assert pdfs, "the demo renders at least the approved plan's PDF"
    assert pdfs == ready_pdfs(source)
    for name, sha256 in pdfs:
        restored = (restored_media / name).read_bytes()
        assert restored.startswith(b"%PDF-")
        assert restored == (media / name).read_bytes()
        assert hashlib.sha256(restored).hexdigest() == sha256
    assert files_under(restored_media) == files_under(media)
