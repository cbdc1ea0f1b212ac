"""Refresh the translation catalogues (locale/<lang>/LC_MESSAGES/django.po) from the code and
templates, then compile them (django.mo, committed beside them so that neither `make run` nor a
deployment needs GNU gettext). `--compile` only compiles (after editing a catalogue)."""

import re
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

LOCALE = Path(settings.BASE_DIR) / "locale"
# Not the portal's own strings: the environment, the tests and the editor's build tree.
IGNORED = [".venv", "venv", "tests", "scripts", "var", "node_modules", "build"]
# Header lines that change on every extraction and say nothing to a reader of the diff.
VOLATILE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"]*"\n', re.M)


def catalogues() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def compile_catalogue(po: Path) -> Path:
    """Write django.mo beside `po`: translated, non-fuzzy messages only."""
    with po.open("rb") as source:
        catalogue = read_po(source, locale=po.parent.parent.name)
    mo = po.with_suffix(".mo")
    with mo.open("wb") as target:
        write_mo(target, catalogue, use_fuzzy=False)
    return mo


class Command(BaseCommand):
    help = "Refresh the translation catalogues from the sources and compile them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--compile", action="store_true", help="Only compile.")

    def handle(self, *args: Any, compile: bool, **options: Any) -> None:
        languages = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        if not compile:
            call_command(
                "makemessages",
                locale=languages,
                ignore_patterns=IGNORED,
                add_location="file",
                no_obsolete=True,
                verbosity=0,
            )
            for po in catalogues():
                po.write_text(VOLATILE.sub("", po.read_text()))
        for po in catalogues():
            compile_catalogue(po)
        self.stdout.write(f"{len(catalogues())} catalogues compiled.")
