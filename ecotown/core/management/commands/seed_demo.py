from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ecotown.core.demo import DEMO_PASSWORD, DemoContext


class Command(BaseCommand):
    help = "Create (or complete) the demo seminar, people and plans. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=int, default=1, help="Make N times the data (for benchmarks)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args: Any, scale: int, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: demo data is not for production. Use --force.")
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        ctx = DemoContext(scale=scale, stdout=self.stdout)
        with transaction.atomic():
            for path in settings.DEMO_STEPS:
                import_module(path).seed(ctx)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready (scale {scale}). Accounts: admin, unido, expert, expert2, "
                f"expert3, trainee01 … trainee14, coauthor02, alumnus01 … alumnus10. "
                f"Password for all: {DEMO_PASSWORD}"
            )
        )
