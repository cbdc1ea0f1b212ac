"""The translation catalogues: complete, compiled, in step with the sources, and true to the
glossary (locale/glossary.md)."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po, locale=language)


def messages(language: str):
    return [m for m in catalogue(language) if m.id]


def translated(message) -> bool:
    return bool(message.string if isinstance(message.string, str) else all(message.string))


def english(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    untranslated = [english(m) for m in messages(language) if not translated(m)]
    fuzzy = [english(m) for m in messages(language) if m.fuzzy]
    assert untranslated == [], f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    problems = [
        (english(m), [str(e) for e in errors])
        for m, errors in catalogue(language).check()
        if errors
    ]
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_current_one(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for message in messages(language):
        if not translated(message) or message.fuzzy:
            continue  # not compiled: the page shows the English text
        if isinstance(message.id, str):
            found = (
                compiled.pgettext(message.context, message.id)
                if message.context
                else compiled.gettext(message.id)
            )
            assert found == message.string, message.id
        else:
            singular, plural = message.id
            assert compiled.ngettext(singular, plural, 1) in message.string, singular


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def words_of(text: str) -> str:
    """The message's own words: placeholders (`%(trainee)s`) name values, not terms."""
    return PLACEHOLDER.sub("", text)


def glossary(language: str) -> dict[str, list[str]]:
    rows = (LOCALE / language / "glossary.tsv").read_text().strip().splitlines()
    return {
        term: [form.strip() for form in forms.split("|")]
        for term, forms in (row.split("\t") for row in rows)
    }


def glossary_terms() -> list[str]:
    table = (LOCALE / "glossary.md").read_text().split("| term | meaning here |")[1]
    return re.findall(r"^\| ([^|-][^|]*?) \|", table, re.M)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_uses_the_glossary_s_terms(language):
    terms = glossary(language)
    assert list(terms) == glossary_terms()
    departures = []
    for message in messages(language):
        text = message.string if isinstance(message.string, str) else " ".join(message.string)
        for term, forms in terms.items():
            used = re.search(rf"\b{re.escape(term)}s?\b", words_of(english(message)), re.I)
            if used and not any(form.lower() in text.lower() for form in forms):
                departures.append((term, english(message)[:60]))
    assert departures == []


def test_the_sources_hold_no_message_the_catalogues_lack(tmp_path):
    """What `manage.py messages` would add: run it on a copy of the sources."""
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "var", "node_modules", "__pycache__", "*.mo", ".hypothesis", "media"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    subprocess.run(
        [sys.executable, "manage.py", "messages"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    for language in LANGUAGES:
        now = {english(m) for m in messages(language)}
        with (copy / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as po:
            fresh = {english(m) for m in read_po(po, locale=language) if m.id}
        assert sorted(fresh - now) == [], f"run manage.py messages: new in {language}"
        assert sorted(now - fresh) == [], f"run manage.py messages: gone from {language}"
