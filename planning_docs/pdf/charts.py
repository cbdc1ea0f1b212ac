"""The implementation timeline as a Gantt chart: the one geometry the plan pages and the PDFs
draw (as SVG with presentation attributes only, so the pages' strict style-src policy holds;
the markup is `planning_docs/_gantt.html`).

The axis is cut into months for plans up to 18 months long and into quarters beyond, with the
years above; milestone labels wrap onto up to three lines instead of running into the bars.
"""

import textwrap
from dataclasses import dataclass
from datetime import date

from django.utils import dateformat
from django.utils.translation import gettext

LABEL_WIDTH = 210
CHART_WIDTH = 450
RIGHT_MARGIN = 10
AXIS_HEIGHT = 34
BAR_HEIGHT = 14
LINE_HEIGHT = 14
ROW_PADDING = 8
# About this many characters of the 12-unit label font fit in the label column.
LABEL_CHARS = 32
MAX_LABEL_LINES = 3
MONTHS_WITH_MONTH_TICKS = 18


@dataclass(frozen=True)
class Line:
    text: str
    y: float


@dataclass(frozen=True)
class Bar:
    label: str
    owner: str
    start: date
    end: date
    x: float
    y: float
    width: float
    lines: list[Line]
    row_top: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    label_x: float


@dataclass(frozen=True)
class Year:
    x: float
    label: str
    label_x: float


@dataclass(frozen=True)
class Gantt:
    bars: list[Bar]
    ticks: list[Tick]
    years: list[Year]
    width: int
    height: float
    label_width: int
    chart_width: int
    chart_right: int
    axis_height: int
    unit: str  # "month" or "quarter"
    today_x: float | None
    today_label: str


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def wrap_label(label: str) -> list[str]:
    """A milestone label in lines that fit the label column; the last ends in '…' if cut."""
    return textwrap.wrap(label, LABEL_CHARS, max_lines=MAX_LABEL_LINES, placeholder=" …") or [""]


def gantt(rows: list[dict], *, today: date | None = None) -> Gantt | None:
    """Bars for timeline rows (milestone, start, end, owner) on a month or quarter axis; a line
    at `today` when given and inside the chart (drafts). None when there are no rows."""
    if not rows:
        return None
    spans = [
        (row, date.fromisoformat(row["start"]), date.fromisoformat(row["end"])) for row in rows
    ]
    earliest = min(start for _row, start, _end in spans)
    latest = max(end for _row, _start, end in spans)
    months = _months_between(earliest, latest) + 1
    step = 1 if months <= MONTHS_WITH_MONTH_TICKS else 3
    first = date(earliest.year, earliest.month - (earliest.month - 1) % step, 1)
    last = _add_months(date(latest.year, latest.month, 1), 1)  # the day after the chart ends
    while _months_between(first, last) % step:
        last = _add_months(last, 1)
    days = (last - first).days
    scale = CHART_WIDTH / days

    def x_of(day: date) -> float:
        return round(LABEL_WIDTH + (day - first).days * scale, 1)

    ticks = []
    day = first
    while day < last:
        following = _add_months(day, step)
        if step == 1:
            label = dateformat.format(day, "M")
        else:
            label = gettext("Q%(quarter)d") % {"quarter": (day.month - 1) // 3 + 1}
        ticks.append(Tick(x=x_of(day), label=label, label_x=(x_of(day) + x_of(following)) / 2))
        day = following
    years = []
    for year in range(first.year, last.year + 1):
        start, end = max(date(year, 1, 1), first), min(date(year + 1, 1, 1), last)
        if start < end:
            years.append(Year(x=x_of(start), label=str(year), label_x=x_of(start) + 3))

    bars, top = [], AXIS_HEIGHT
    for row, start, end in spans:
        lines = wrap_label(row["milestone"])
        height = max(BAR_HEIGHT, len(lines) * LINE_HEIGHT) + ROW_PADDING
        text_top = top + (height - len(lines) * LINE_HEIGHT) / 2
        bars.append(
            Bar(
                label=row["milestone"],
                owner=row.get("owner", ""),
                start=start,
                end=end,
                x=x_of(start),
                y=round(top + (height - BAR_HEIGHT) / 2, 1),
                width=max(round(((end - start).days + 1) * scale, 1), 2),
                lines=[
                    Line(text=text, y=round(text_top + (index + 1) * LINE_HEIGHT - 3, 1))
                    for index, text in enumerate(lines)
                ],
                row_top=top,
            )
        )
        top += height
    today_x = x_of(today) if today is not None and first <= today < last else None
    return Gantt(
        bars=bars,
        ticks=ticks,
        years=years,
        width=LABEL_WIDTH + CHART_WIDTH + RIGHT_MARGIN,
        height=round(top + 4, 1),
        label_width=LABEL_WIDTH,
        chart_width=CHART_WIDTH,
        chart_right=LABEL_WIDTH + CHART_WIDTH,
        axis_height=AXIS_HEIGHT,
        unit="month" if step == 1 else "quarter",
        today_x=today_x,
        today_label=gettext("Today"),
    )
