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
    "weekday_date": {"en": "l j F", "es": r"l j \d\e F", "ja": "n月j日（D）"},
    "weekday_full_date": {"en": "l j F Y", "es": r"l j \d\e F \d\e Y", "ja": "Y年n月j日（D）"},
}
# The short styles write the month short ("Nov", "nov.") where the language has a short form
# (Django's `M` in English, its `N` elsewhere); Arabic writes month names whole.
SHORT_MONTH = {"en": "M", "fr": "N", "es": "N", "ar": "F"}
for _name, _english, _japanese in [
    ("short_date", "j M Y", "Y年n月j日"),
    ("day_month", "j M", "n月j日"),
    ("weekday_time", "D j M H:i", "n月j日（D） H:i"),
    ("short_weekday_date", "D j M", "n月j日（D）"),
]:
    PATTERNS[_name] = {code: _english.replace("M", m) for code, m in SHORT_MONTH.items()}
    PATTERNS[_name]["ja"] = _japanese
PATTERNS["time"] = {"en": "H:i"}
for _patterns in PATTERNS.values():
    _patterns.setdefault("ar", _patterns["en"])

# What stands between a date and the time written after it: Arabic has its own comma (،),
# Japanese a space.
AFTER_DATE = {"en": ", ", "ar": "، ", "ja": " "}
# The styles of a date and then its time, each made of a date style above.
for _name, _day_style in [
    ("datetime", "date"),
    ("weekday_datetime", "weekday_full_date"),
    ("short_datetime", "short_date"),
    ("day_month_time", "day_month"),
]:
    _days = PATTERNS[_day_style]
    PATTERNS[_name] = {
        code: _days.get(code, _days["en"]) + AFTER_DATE.get(code, AFTER_DATE["en"]) + "H:i"
        for code in _days.keys() | AFTER_DATE.keys()
    }
ZONE = "_zone"


def _code(language: str | None) -> str:
    return (language or get_language() or "en").split("-")[0]


def pattern(style: str, language: str | None = None) -> str:
    """The pattern of `style` in `language` (the active one by default); English's where the
    language writes it the same way."""
    base = style.removesuffix(ZONE)
    patterns = PATTERNS[base]
    text = patterns.get(_code(language), patterns["en"])
    return f"{text} T" if style.endswith(ZONE) else text


def date_and_time(day: str, time: str, language: str | None = None) -> str:
    """`time` ("09:30–11:00") after `day` (a date already written in one of the styles), joined
    as the date-and-time styles join them: "Monday 2 November, 09:30–11:00", "الاثنين 2 نوفمبر،
    09:30–11:00", "11月2日（月） 09:30–11:00". For a page that writes each day once and many
    times after it (the timetable)."""
    return day + AFTER_DATE.get(_code(language), AFTER_DATE["en"]) + time


def format_when(moment: date | datetime | None, style: str, language: str | None = None) -> str:
    """`moment` in `style` (a key of PATTERNS, optionally with "_zone"); "" for no moment. An
    aware datetime is shown in its own zone: convert it first (the template filter does)."""
    if moment is None or moment == "":
        return ""
    return django_format(moment, pattern(style, language))
