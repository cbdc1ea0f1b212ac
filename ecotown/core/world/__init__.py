"""The countries of the world as polygons, from the vendored Natural Earth map (NOTICE.md beside
this file): which country a point lies in, and the outlines the pilot map is drawn from.

Plain Python, no GEOS or GDAL: the map is small (1:50m, about 240 countries) and the questions
are few (is this pilot's point in its country?), so an even-odd ray test over the rings is
enough. The file is read once per process.

Coordinates are (longitude, latitude) pairs in decimal degrees, as in the file.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django_countries.data import ALT_CODES

DATA = Path(__file__).with_name("countries-50m.json")

# Natural Earth draws a few territories apart whose ISO code is their country's (the file gives
# them no numeric code): a point there lies in that country. Siachen stays nobody's.
UNCODED = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": "XK"}

# The coastlines of a 1:50m map are generalised by a few kilometres: a pilot on a harbour's
# reclaimed land may fall just outside its country's outline. A point this close to the
# outline, and inside no other country, counts as in the country.
COAST_TOLERANCE_KM = 15.0
KM_PER_DEGREE = 111.32

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # the outer ring first, then its holes


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # as Natural Earth writes it
    polygons: tuple[Polygon, ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north


def _decode_arcs(topology: dict) -> list[Ring]:
    """TopoJSON's quantised, delta-encoded arcs as absolute coordinates."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    ring: Ring = []
    for index in indexes:
        # A negative index ~i is arc i walked backwards; each arc repeats the last point.
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return _unwrapped(ring)


def _unwrapped(ring: Ring) -> Ring:
    """The ring without jumps across the antimeridian: the quantised file writes some points of
    Russia's and Fiji's edges at 180 degrees east as -180, which would draw a line across the
    world and confuse the ray test. Longitudes may then run a little past 180 (or -180)."""
    out = ring[:1]
    for longitude, latitude in ring[1:]:
        previous = out[-1][0]
        while longitude - previous > 180:
            longitude -= 360
        while previous - longitude > 180:
            longitude += 360
        out.append((longitude, latitude))
    return out


def _polygons(arcs: list[Ring], geometry: dict) -> tuple[Polygon, ...]:
    shapes = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    return tuple([_ring(arcs, ring) for ring in shape] for shape in shapes)


def _code(geometry: dict, numeric_to_alpha2: dict[int, str]) -> str:
    name = geometry["properties"]["name"]
    if "id" in geometry:
        return numeric_to_alpha2.get(int(geometry["id"]), "")
    return UNCODED.get(name, "")


def _bbox(polygons: tuple[Polygon, ...]) -> tuple[float, float, float, float]:
    xs = [x for polygon in polygons for x, _ in polygon[0]]
    ys = [y for polygon in polygons for _, y in polygon[0]]
    return min(xs), min(ys), max(xs), max(ys)


@cache
def countries() -> dict[str, Country]:
    """Every country of the map with an ISO code, by its alpha-2 code."""
    topology = json.loads(DATA.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    numeric_to_alpha2 = {numeric: alpha2 for alpha2, (_, numeric) in ALT_CODES.items()}
    found: dict[str, Country] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = _code(geometry, numeric_to_alpha2)
        if not code:
            continue
        polygons = _polygons(arcs, geometry)
        if code in found:  # Somaliland joins Somalia, Northern Cyprus joins Cyprus
            polygons = found[code].polygons + polygons
        name = found[code].name if code in found else geometry["properties"]["name"]
        found[code] = Country(code, name, polygons, _bbox(polygons))
    return found


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _in_country(country: Country, lon: float, lat: float) -> bool:
    west, south, east, north = country.bbox
    if not south <= lat <= north:
        return False
    # Unwrapped rings may run past 180 degrees: try the point a turn east and west too.
    for candidate in (lon, lon + 360, lon - 360):
        if not west <= candidate <= east:
            continue
        # Even-odd over all rings of a polygon: a point in a hole (a lake) is outside.
        if any(
            sum(_in_ring(candidate, lat, ring) for ring in polygon) % 2 == 1
            for polygon in country.polygons
        ):
            return True
    return False


def country_at(latitude: float, longitude: float) -> str:
    """The alpha-2 code of the country the point lies in, or '' (the sea, Antarctica)."""
    for code, country in countries().items():
        if _in_country(country, longitude, latitude):
            return code
    return ""


def _segment_km(lon: float, lat: float, a: Point, b: Point) -> float:
    # Locally flat: degrees of longitude shrink with the cosine of the latitude.
    k = math.cos(math.radians(lat))
    ax, ay, bx, by = (a[0] - lon) * k, a[1] - lat, (b[0] - lon) * k, b[1] - lat
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    return math.hypot(ax + t * dx, ay + t * dy) * KM_PER_DEGREE


def distance_km(code: str, latitude: float, longitude: float) -> float:
    """How far the point lies from the country's outline, in km (about; 0 inside it)."""
    country = countries()[code]
    if _in_country(country, longitude, latitude):
        return 0.0
    return min(
        _segment_km(candidate, latitude, ring[i - 1], ring[i])
        for candidate in (longitude, longitude + 360, longitude - 360)
        for polygon in country.polygons
        for ring in polygon
        for i in range(len(ring))
    )


def lies_in(code: str, latitude: float, longitude: float) -> bool:
    """Whether the point lies in the country, allowing for the map's generalised coasts
    (COAST_TOLERANCE_KM); an unknown code (no outline on the map) never holds a point."""
    if code not in countries():
        return False
    if distance_km(code, latitude, longitude) == 0:
        return True
    elsewhere = country_at(latitude, longitude)
    return not elsewhere and distance_km(code, latitude, longitude) <= COAST_TOLERANCE_KM
