"""Dates and times as each language writes them: one name per way of showing a moment
("date", "short_datetime", …), one pattern per language, used by pages, e-mails and PDFs alike
(`{{ moment|when:"short_datetime" }}`, `format_when(moment, "date")`).

Django's named formats cannot be extended, and the patterns the templates used to spell out
("j M Y") put the day first in every language: Japanese writes the year first (2026年11月30日),
Spanish joins with "de". A style ending in "_zone" adds the zone's abbreviation (JST, CET)."""

from datetime import date, datetime

from django.utils.dateformat import format as django_format
from django.utils.translation import get_language

# Django date-format characters; the month and weekday names come from Django's catalogues.
PATTERNS: dict[str, dict[str, str]] = {
    "date": {"en": "j F Y", "es": r"j \d\e F \d\e Y", "ja": "Y年n月j日"},
    "datetime": {"en": "j F Y, H:i", "es": r"j \d\e F \d\e Y, H:i", "ja": "Y年n月j日 H:i"},
    "weekday_date": {"en": "l j F", "es": r"l j \d\e F", "ja": "n月j日（D）"},
    "weekday_full_date": {"en": "l j F Y", "es": r"l j \d\e F \d\e Y", "ja": "Y年n月j日（D）"},
    "weekday_datetime": {
        "en": "l j F Y, H:i",
        "es": r"l j \d\e F \d\e Y, H:i",
        "ja": "Y年n月j日（D） H:i",
    },
}
# The short styles write the month short ("Nov", "nov.") where the language has a short form
# (Django's `M` in English, its `N` elsewhere); Arabic writes month names whole.
SHORT_MONTH = {"en": "M", "fr": "N", "es": "N", "ar": "F"}
for _name, _english, _japanese in [
    ("short_date", "j M Y", "Y年n月j日"),
    ("short_datetime", "j M Y, H:i", "Y年n月j日 H:i"),
    ("day_month", "j M", "n月j日"),
    ("day_month_time", "j M, H:i", "n月j日 H:i"),
    ("weekday_time", "D j M H:i", "n月j日（D） H:i"),
    ("short_weekday_date", "D j M", "n月j日（D）"),
]:
    PATTERNS[_name] = {code: _english.replace("M", m) for code, m in SHORT_MONTH.items()}
    PATTERNS[_name]["ja"] = _japanese
PATTERNS["time"] = {"en": "H:i"}
# Arabic separates with its own comma (،).
for _patterns in PATTERNS.values():
    _patterns["ar"] = _patterns.get("ar", _patterns["en"]).replace(", ", "، ")
ZONE = "_zone"


def pattern(style: str, language: str | None = None) -> str:
    """The pattern of `style` in `language` (the active one by default); English's where the
    language writes it the same way."""
    base = style.removesuffix(ZONE)
    patterns = PATTERNS[base]
    code = (language or get_language() or "en").split("-")[0]
    text = patterns.get(code, patterns["en"])
    return f"{text} T" if style.endswith(ZONE) else text


def format_when(moment: date | datetime | None, style: str, language: str | None = None) -> str:
    """`moment` in `style` (a key of PATTERNS, optionally with "_zone"); "" for no moment. An
    aware datetime is shown in its own zone: convert it first (the template filter does)."""
    if moment is None or moment == "":
        return ""
    return django_format(moment, pattern(style, language))
