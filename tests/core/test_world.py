"""The vendored world map: points land in the countries an atlas puts them in."""

import hashlib
import itertools

import pytest

from ecotown.core import world

# (latitude, longitude, country): capitals, and harbours the generalised coast could miss.
PLACES = [
    (-1.28638, 36.81722, "KE"),  # Nairobi
    (-4.0435, 39.6682, "KE"),  # Mombasa, on its island
    (5.6037, -0.187, "GH"),  # Accra
    (21.0278, 105.8342, "VN"),  # Hanoi
    (33.8834, 130.8752, "JP"),  # Kitakyushu
    (1.2903, 103.8519, "SG"),  # Singapore: only on the 1:50m map, not the 1:110m one
    (-20.1609, 57.5012, "MU"),  # Port Louis
    (9.0084, 38.7575, "ET"),  # Addis Ababa
    (23.8103, 90.4125, "BD"),  # Dhaka
    (9.5600, 44.0650, "SO"),  # Hargeisa: Natural Earth draws Somaliland apart, without a code
]


def test_the_file_is_the_one_the_notice_names():
    digest = hashlib.sha256(world.DATA.read_bytes()).hexdigest()
    assert digest in (world.DATA.parent / "NOTICE.md").read_text()


@pytest.mark.parametrize(("latitude", "longitude", "code"), PLACES)
def test_places_lie_in_their_country(latitude, longitude, code):
    assert world.lies_in(code, latitude, longitude)
    assert world.country_at(latitude, longitude) in (code, "")


@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [
        (5.6037, -0.187, "KE"),  # Accra is not in Kenya
        (36.81722, -1.28638, "KE"),  # Nairobi with latitude and longitude swapped: Algeria
        (1.28638, 36.81722, "KE"),  # a sign lost: north of the equator, still Kenya's north
        (0.0, 0.0, "GH"),  # the Gulf of Guinea, 500 km off Ghana
        (-1.28638, 36.81722, "ZZ"),  # no such country on the map
    ],
)
def test_points_outside_the_country_are_refused(latitude, longitude, code):
    expected = (latitude, longitude) == (1.28638, 36.81722)
    assert world.lies_in(code, latitude, longitude) is expected


def test_a_point_just_off_a_generalised_coast_counts_within_the_tolerance():
    # Off Kitakyushu's Hibikinada reclaimed land, where the eco-town stands: in the sea on a
    # 1:50m map, a few kilometres from Japan's outline and in no other country.
    latitude, longitude = 33.95, 130.78
    assert world.country_at(latitude, longitude) == ""
    assert 0 < world.distance_km("JP", latitude, longitude) <= world.COAST_TOLERANCE_KM
    assert world.lies_in("JP", latitude, longitude)


def test_no_outline_jumps_across_the_antimeridian():
    # The file writes some points of 180 degrees east as -180: a jump would draw a line across
    # the map (Fiji, Chukotka) and confuse the ray test.
    jumps = [
        code
        for code, country in world.countries().items()
        for polygon in country.polygons
        for ring in polygon
        for (x1, _), (x2, _) in itertools.pairwise(ring)
        if abs(x2 - x1) > 180
    ]
    assert jumps == []


@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [(-17.8, 178.0, "FJ"), (-16.6, 179.3, "FJ"), (66.5, 176.0, "RU"), (66.0, -174.0, "RU")],
)
def test_places_by_the_antimeridian_lie_in_their_country(latitude, longitude, code):
    # Inland Viti Levu and Vanua Levu; Chukotka on both sides of the antimeridian.
    assert world.country_at(latitude, longitude) == code
