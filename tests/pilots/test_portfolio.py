"""The portfolio: rows, filters and counts that add up; the map and the charts."""

import re
from collections import Counter

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pilots import map_svg
from pilots.portfolio import portfolio_counts, portfolio_rows
from planning_docs.models import Plan
from tests.pilots.portfolio_world import EXPECTED_STATUS, TODAY, make_pilots

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_pilots()


def _statuses(rows) -> dict[int, str]:
    return {row.plan.pk: row.state.status for row in rows}


def test_each_pilot_gets_its_status(pilots, coordinator):
    rows = portfolio_rows(coordinator, {}, TODAY)
    expected = {getattr(pilots, name).pk: status for name, status in EXPECTED_STATUS.items()}
    assert _statuses(rows) == expected


def _tallies(html: str, kind: str) -> dict[str, int]:
    table = re.search(rf'data-count="{kind}">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r'data-key="([^"]*)">.*?<td class="text-end">(\d+)</td>', table, re.S)
    return {key: int(n) for key, n in rows}


@time_machine.travel("2027-06-01 09:00Z", tick=False)
def test_the_counts_equal_the_rows_and_an_independent_count(client, pilots, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("portfolio:portfolio")).content.decode()
    plans = Plan.objects.filter(check_ins__isnull=False).distinct()
    by_country = Counter(plans.values_list("pilot_country", flat=True))
    by_sector = Counter(plans.values_list("sector", flat=True))
    assert _tallies(html, "country") == dict(by_country)
    assert _tallies(html, "sector") == dict(by_sector)
    assert _tallies(html, "region") == {"africa": 2, "asia": 2, "other": 1}
    statuses = {k: v for k, v in _tallies(html, "status").items() if v}
    assert statuses == dict.fromkeys(EXPECTED_STATUS, 1)
    assert html.count('<tr data-plan="') == 5 == plans.count()
    # Each tally leads to its rows; "none given" (the pilot without a sector) has no filter.
    assert '<a href="?status=on_track">On track</a>' in html
    assert '<a href="?status=completed">' not in html  # none completed: nothing to show
    assert '<a href="?sector=">' not in html
    assert "5 pilots" in html


def test_every_count_adds_up_to_the_rows(pilots, coordinator):
    rows = portfolio_rows(coordinator, {"region": "asia"}, TODAY)
    for tallies in portfolio_counts(rows).values():
        assert sum(t.count for t in tallies) == len(rows) == 2


@pytest.mark.parametrize(
    ("filters", "names"),
    [
        ({"year": 2024}, {"stalled"}),
        ({"status": "late"}, {"late"}),
        ({"country": "KE"}, {"on_track"}),
        ({"region": "africa"}, {"on_track", "stalled"}),
        ({"sector": "e_waste"}, {"late", "not_started"}),
        ({"sector": "e_waste", "status": "not_started"}, {"not_started"}),
    ],
)
def test_filters_select_the_pilots(pilots, coordinator, filters, names):
    rows = portfolio_rows(coordinator, filters, TODAY)
    assert {row.plan.pk for row in rows} == {getattr(pilots, n).pk for n in names}


@time_machine.travel("2027-06-01 09:00Z", tick=False)
def test_the_page_filters_by_seminar_and_refuses_a_bad_filter(client, pilots, coordinator):
    client.force_login(coordinator)
    seminar = pilots.stalled.enrolment.seminar
    html = client.get(reverse("portfolio:portfolio"), {"seminar": seminar.pk}).content.decode()
    assert re.findall(r'<tr data-plan="(\d+)"', html) == [str(pilots.stalled.pk)]
    assert client.get(reverse("portfolio:portfolio"), {"status": "lost"}).status_code == 400


def test_the_map_puts_a_known_point_in_its_place():
    # Equirectangular: x from -180..180 over the width, y from 84 N..60 S over the height.
    assert map_svg.project(0, 0) == (480.0, round(84 / 144 * map_svg.HEIGHT, 1))
    assert map_svg.project(84, -180) == (0.0, 0.0)
    x, y = map_svg.project(-1.28638, 36.81722)  # Nairobi
    assert (round(x), round(y)) == (578, 227)


@time_machine.travel("2027-06-01 09:00Z", tick=False)
def test_the_map_draws_a_dot_per_placed_pilot_coloured_by_status(client, pilots, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("portfolio:portfolio")).content.decode()
    dots = re.findall(
        r'<circle class="pilot-dot" data-plan="(\d+)" data-status="(\w+)" '
        r'cx="([\d.]+)" cy="([\d.]+)" r="5" fill="(#\w+)"',
        html,
    )
    assert len(dots) == 4  # the pilot without a point is listed, not drawn
    nairobi = next(d for d in dots if d[0] == str(pilots.on_track.pk))
    # (36.81722 + 180) / 360 * 960 = 578.18; (84 + 1.28638) / 144 * 384 = 227.43
    assert nairobi[1:] == ("on_track", "578.2", "227.4", "#198754")
    assert '<path d="M' in html and "<title>Kenya</title>" in html
    assert 'style="' not in html.split('<svg class="pilot-map"')[1].split("</svg>")[0]


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("portfolio:portfolio")).status_code == 200
    return len(captured)


def test_portfolio_queries_do_not_grow_with_the_number_of_pilots(client, settings, tmp_path):
    from tests.factories.core import CoordinatorFactory
    from tests.factories.pilots import approved_plan, submitted_report

    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(CoordinatorFactory())

    def add(n):
        for _ in range(n):
            plan = approved_plan(pilot_country="KE", sector="composting")
            submitted_report(plan.check_ins.get(months=6))

    add(2)
    small = _queries(client)
    add(4)
    assert _queries(client) == small
