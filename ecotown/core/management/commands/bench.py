"""`make bench`: measurements of the portal, section by section, printed as a table and written
as JSON under var/bench/.

A section is a function `run(ctx: BenchContext) -> list[Metric]`, named by its dotted path in
settings.BENCH_SECTIONS, so that each app keeps its own benchmark beside its code. `--section NAME`
runs one.
"""

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.utils import OperationalError
from django.test.utils import override_settings

# The sections, by dotted path: the project's settings name them (BENCH_SECTIONS), so that the
# core knows no app and each app keeps its benchmark beside its code.
SECTIONS = settings.BENCH_SECTIONS


@dataclass
class Metric:
    name: str
    value: float
    unit: str
    note: str = ""


@dataclass
class BenchContext:
    stdout: Any
    quick: bool = False
    notes: list = field(default_factory=list)

    def say(self, message: str) -> None:
        self.stdout.write(f"  {message}")


def _load(path: str) -> Callable[[BenchContext], list[Metric]]:
    module, name = path.rsplit(".", 1)
    section: Callable[[BenchContext], list[Metric]] = getattr(import_module(module), name)
    return section


def ensure_database() -> None:
    """Create the (PostgreSQL) database named by DATABASE_URL when it does not exist yet."""
    try:
        connection.ensure_connection()
    except OperationalError as error:
        if "does not exist" not in str(error) or connection.vendor != "postgresql":
            raise
        import psycopg2
        from psycopg2 import sql

        params = connection.get_connection_params()
        name = params.pop("database", None) or params.pop("dbname")
        admin = psycopg2.connect(**{**params, "dbname": "postgres"})
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        admin.close()


class Command(BaseCommand):
    help = "Run the benchmarks (all sections, or --section NAME) and write var/bench/*.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--section", action="append", choices=sorted(SECTIONS))
        parser.add_argument("--quick", action="store_true", help="Fewer repetitions.")

    def handle(
        self, *args: Any, section: list[str] | None = None, quick: bool = False, **options: Any
    ) -> None:
        ensure_database()
        call_command("migrate", verbosity=0, interactive=False)
        ctx = BenchContext(stdout=self.stdout, quick=quick)
        results = {}
        for name in section or sorted(SECTIONS):
            self.stdout.write(self.style.MIGRATE_HEADING(f"[{name}]"))
            started = time.perf_counter()
            try:
                # The pages are measured, not the steps after a sign-in.
                with override_settings(MFA_REQUIRED_ROLES=[], PRIVACY_NOTICE_VERSION=""):
                    metrics = _load(SECTIONS[name])(ctx)
            except Exception as error:
                raise CommandError(f"bench section {name} failed: {error}") from error
            results[name] = {
                "seconds": round(time.perf_counter() - started, 2),
                "metrics": [asdict(metric) for metric in metrics],
            }
            self.print_table(metrics)
        self.write_json(results)

    def print_table(self, metrics: list[Metric]) -> None:
        width = max((len(m.name) for m in metrics), default=10)
        for metric in metrics:
            value = f"{metric.value:,.3f}".rstrip("0").rstrip(".")
            line = f"  {metric.name:<{width}}  {value:>12} {metric.unit:<8}"
            self.stdout.write(f"{line} {metric.note}".rstrip())

    def write_json(self, results: dict) -> None:
        folder = Path(settings.VAR_DIR) / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        payload = json.dumps({"at": stamp, "sections": results}, indent=2, ensure_ascii=False)
        (folder / f"bench-{stamp}.json").write_text(payload)
        (folder / "latest.json").write_text(payload)
        self.stdout.write(self.style.SUCCESS(f"Written to {folder / f'bench-{stamp}.json'}"))
