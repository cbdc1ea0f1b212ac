"""The map of the pilots: the vendored world map (ecotown.core.world) drawn as SVG in an
equirectangular projection, with a dot per pilot coloured by its status. One geometry for the
portfolio page and the programme report PDF (markup: pilots/_pilot_map.html, presentation
attributes only, so the pages' strict style-src policy holds and WeasyPrint draws the same).

The outlines are projected and thinned once per process: points closer than THIN_PX to the
last one kept add nothing at this size, and dropping them keeps the page light (about 60 kB of
outlines before compression).
"""

import itertools
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from ecotown.core import world
from pilots.models import PilotStatus

WIDTH = 960
# Antarctica and the Arctic Ocean hold no pilot: the map stops at these latitudes.
NORTH, SOUTH = 84.0, -60.0
HEIGHT = round(WIDTH * (NORTH - SOUTH) / 360)
THIN_PX = 1.5
DOT_RADIUS = 5

# Bootstrap's badge colours of pilots.status.BADGES, as fills the PDF can draw too.
FILLS = {
    PilotStatus.NOT_STARTED: "#6c757d",
    PilotStatus.ON_TRACK: "#198754",
    PilotStatus.AT_RISK: "#ffc107",
    PilotStatus.LATE: "#dc3545",
    PilotStatus.STALLED: "#212529",
    PilotStatus.COMPLETED: "#0d6efd",
}


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """The point's place on the map, in map units (0, 0 at the top left, x east, y south)."""
    x = (longitude + 180.0) / 360.0 * WIDTH
    y = (NORTH - latitude) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


def _ring_path(ring: world.Ring) -> str:
    # Whole map units and relative steps ("l dx dy"): a third of the bytes of absolute decimals,
    # and at this size no one sees the difference.
    kept: list[tuple[int, int]] = []
    for longitude, latitude in ring:
        x, y = project(max(SOUTH, min(NORTH, latitude)), longitude)
        point = (round(x), round(y))
        if kept and math.hypot(point[0] - kept[-1][0], point[1] - kept[-1][1]) < THIN_PX:
            continue
        kept.append(point)
    if len(kept) < 3:
        return ""  # an islet smaller than a dot at this size
    steps = " ".join(f"{x - px} {y - py}" for (px, py), (x, y) in itertools.pairwise(kept))
    return f"M{kept[0][0]} {kept[0][1]}l{steps}z"


def _paths(ring: world.Ring) -> str:
    """The ring, and a copy a turn east or west where it runs past the antimeridian (Chukotka,
    Fiji): the part beyond one edge of the map shows at the other."""
    longitudes = [longitude for longitude, _ in ring]
    shifts = [0] + [-360] * (max(longitudes) > 180) + [360] * (min(longitudes) < -180)
    return "".join(_ring_path([(x + shift, y) for x, y in ring]) for shift in shifts)


@dataclass(frozen=True)
class Outline:
    code: str
    name: str
    d: str


@cache
def outlines() -> tuple[Outline, ...]:
    """Every country's outline as an SVG path, Antarctica left out."""
    found = []
    for code, country in sorted(world.countries().items()):
        if code == "AQ":
            continue
        d = "".join(_paths(ring) for polygon in country.polygons for ring in polygon)
        if d:
            found.append(Outline(code, country.name, d))
    return tuple(found)


@dataclass(frozen=True)
class Dot:
    plan_id: int
    x: float
    y: float
    status: str
    fill: str
    label: str


@dataclass(frozen=True)
class PilotMap:
    width: int
    height: int
    outlines: tuple[Outline, ...]
    countries_with_pilots: frozenset[str]
    dots: list[Dot]
    legend: list[tuple[str, str, str, int]]  # status, label, fill, y
    unplaced: list  # the rows without a point, for the list beside the map


@dataclass(frozen=True)
class MapRow:
    """What a dot needs of a pilot, for pages that have no portfolio row (the public ones)."""

    plan: Any
    state: Any
    country: str
    country_name: str

    @classmethod
    def of(cls, plan: Any, state: Any) -> "MapRow":
        country = plan.pilot_country
        return cls(plan, state, country.code or "", country.name or "")


def pilot_map(rows: list) -> PilotMap:
    """The map of `rows` (pilots.portfolio.PortfolioRow): a dot for each pilot with a point."""
    dots, unplaced = [], []
    for row in rows:
        plan = row.plan
        if not plan.has_pilot_point:
            unplaced.append(row)
            continue
        x, y = project(float(plan.pilot_latitude), float(plan.pilot_longitude))
        status = row.state.status
        label = f"{plan.title} ({row.country_name}): {row.state.label}"
        dots.append(Dot(plan.pk, x, y, status, FILLS[PilotStatus(status)], label))
    # The legend sits in the South Pacific, where no pilot is.
    top = HEIGHT - 16 * len(PilotStatus) - 6
    legend = [(s.value, str(s.label), FILLS[s], top + 16 * i) for i, s in enumerate(PilotStatus)]
    return PilotMap(
        width=WIDTH,
        height=HEIGHT,
        outlines=outlines(),
        countries_with_pilots=frozenset(row.country for row in rows),
        dots=dots,
        legend=legend,
        unplaced=unplaced,
    )
