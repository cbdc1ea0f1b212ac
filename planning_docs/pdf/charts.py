"""The implementation timeline as a Gantt-style chart: geometry computed here, drawn as SVG by
the template (presentation attributes only, so the strict style-src policy holds)."""

from dataclasses import dataclass
from datetime import date

LABEL_WIDTH = 220
CHART_WIDTH = 520
ROW_HEIGHT = 28
BAR_HEIGHT = 18
AXIS_HEIGHT = 24


@dataclass(frozen=True)
class Bar:
    label: str
    owner: str
    start: date
    end: date
    x: float
    y: float
    width: float
    text_y: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Gantt:
    bars: list[Bar]
    ticks: list[Tick]
    width: int
    height: int
    label_width: int
    chart_width: int


def _years(first: date, last: date) -> list[date]:
    return [date(year, 1, 1) for year in range(first.year + 1, last.year + 1)]


def gantt(rows: list[dict]) -> Gantt | None:
    """Bars for timeline rows (milestone, start, end, owner); None when there are no rows."""
    if not rows:
        return None
    spans = [
        (row, date.fromisoformat(row["start"]), date.fromisoformat(row["end"])) for row in rows
    ]
    first = min(start for _row, start, _end in spans)
    last = max(end for _row, _start, end in spans)
    days = max((last - first).days + 1, 1)
    scale = CHART_WIDTH / days

    def x_of(day: date) -> float:
        return round(LABEL_WIDTH + (day - first).days * scale, 1)

    bars = []
    for index, (row, start, end) in enumerate(spans):
        y = AXIS_HEIGHT + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        bars.append(
            Bar(
                label=row["milestone"],
                owner=row.get("owner", ""),
                start=start,
                end=end,
                x=x_of(start),
                y=y,
                width=max(round(((end - start).days + 1) * scale, 1), 2),
                text_y=y + BAR_HEIGHT - 5,
            )
        )
    ticks = [Tick(x=LABEL_WIDTH, label=first.strftime("%b %Y"))]
    ticks += [Tick(x=x_of(day), label=str(day.year)) for day in _years(first, last)]
    return Gantt(
        bars=bars,
        ticks=ticks,
        width=LABEL_WIDTH + CHART_WIDTH + 10,
        height=AXIS_HEIGHT + len(bars) * ROW_HEIGHT + 4,
        label_width=LABEL_WIDTH,
        chart_width=CHART_WIDTH,
    )
