"""Dates as each language writes them (ecotown.core.dates), on pages through `|when`."""

import zoneinfo
from datetime import date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from ecotown.core.dates import PATTERNS, date_and_time, format_when

DAY = date(2026, 11, 30)
MOMENT = datetime(2026, 11, 30, 0, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("en", "date", "30 November 2026"),
        ("fr", "date", "30 novembre 2026"),
        ("es", "date", "30 de noviembre de 2026"),
        ("ar", "date", "30 نوفمبر 2026"),
        ("ja", "date", "2026年11月30日"),
        ("en", "short_date", "30 Nov 2026"),
        ("ja", "short_date", "2026年11月30日"),
        ("en", "weekday_date", "Monday 30 November"),
        ("fr", "weekday_date", "lundi 30 novembre"),
        ("ja", "weekday_date", "11月30日（月）"),
    ],
)
def test_each_language_writes_a_day_its_own_way(language, style, expected):
    with translation.override(language):
        assert format_when(DAY, style) == expected


def test_arabic_separates_with_its_own_comma():
    with translation.override("ar"):
        assert format_when(MOMENT, "weekday_datetime") == "الاثنين 30 نوفمبر 2026، 00:30"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Monday 30 November, 09:30–11:00"),
        ("fr", "lundi 30 novembre, 09:30–11:00"),
        ("ar", "الاثنين 30 نوفمبر، 09:30–11:00"),
        ("ja", "11月30日（月） 09:30–11:00"),
    ],
)
def test_a_time_after_a_written_day_is_joined_as_the_language_joins_them(language, expected):
    with translation.override(language):
        assert date_and_time(format_when(DAY, "weekday_date"), "09:30–11:00") == expected


def test_a_style_with_zone_names_the_zone():
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")), translation.override("en"):
        assert (
            format_when(timezone.localtime(MOMENT), "datetime_zone")
            == "30 November 2026, 09:30 JST"
        )


def test_the_filter_shows_a_moment_in_the_reader_s_zone_and_language():
    template = Template('{% load ecotown %}{{ moment|when:"short_datetime" }}')
    with timezone.override(zoneinfo.ZoneInfo("Africa/Dakar")), translation.override("fr"):
        assert template.render(Context({"moment": MOMENT})) == "30 nov. 2026, 00:30"
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")), translation.override("ja"):
        assert template.render(Context({"moment": MOMENT})) == "2026年11月30日 09:30"


def test_nothing_to_show_is_empty_and_every_style_has_english():
    assert format_when(None, "date") == ""
    assert all("en" in patterns for patterns in PATTERNS.values())
