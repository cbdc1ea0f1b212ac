"""Progress toward target as horizontal bars: one geometry for the portfolio page (a bar per
pilot) and the programme report (a bar per indicator of a pilot). Markup in
pilots/_progress_chart.html, presentation attributes only (strict style-src; WeasyPrint).

The axis runs from 0 to 100 %: a bar past the target stops at the axis end and its label tells
the true value; a negative one (moved away from the target) is drawn empty.
"""

from dataclasses import dataclass
from decimal import Decimal

from ecotown.core.formatting import format_percentage

LABEL_WIDTH = 250
CHART_WIDTH = 380
VALUE_WIDTH = 70
ROW_HEIGHT = 22
BAR_HEIGHT = 12
TOP = 18  # the axis labels
LABEL_CHARS = 38


@dataclass(frozen=True)
class Item:
    label: str
    value: Decimal | None  # progress toward target, in %
    expected: Decimal | None = None  # the pace expected by now, in %
    fill: str = "#1f6f50"


@dataclass(frozen=True)
class Bar:
    label: str
    title: str
    y: float
    text_y: float
    width: float
    value_text: str
    expected_x: float | None
    fill: str

    @property
    def mark_top(self) -> float:
        return self.y - 3

    @property
    def mark_bottom(self) -> float:
        return self.y + BAR_HEIGHT + 3


@dataclass(frozen=True)
class ProgressChart:
    width: int
    height: int
    label_width: int
    chart_right: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]


def _x(value: Decimal) -> float:
    share = max(Decimal(0), min(Decimal(100), value)) / 100
    return round(float(share) * CHART_WIDTH, 1)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def progress_chart(items: list[Item]) -> ProgressChart | None:
    """The chart of `items`, or None when none has a value to draw."""
    if not any(item.value is not None for item in items):
        return None
    bars = []
    for index, item in enumerate(items):
        top = TOP + index * ROW_HEIGHT
        value_text = "—" if item.value is None else format_percentage(item.value)
        expected_x = None
        if item.expected is not None:
            expected_x = LABEL_WIDTH + _x(item.expected)
        bars.append(
            Bar(
                label=_short(item.label),
                title=f"{item.label}: {value_text}",
                y=top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                text_y=top + ROW_HEIGHT / 2 + 4,
                width=0 if item.value is None else _x(item.value),
                value_text=value_text,
                expected_x=expected_x,
                fill=item.fill,
            )
        )
    ticks = [(LABEL_WIDTH + _x(Decimal(p)), format_percentage(Decimal(p))) for p in (0, 50, 100)]
    return ProgressChart(
        width=LABEL_WIDTH + CHART_WIDTH + VALUE_WIDTH,
        height=TOP + len(items) * ROW_HEIGHT + 4,
        label_width=LABEL_WIDTH,
        chart_right=LABEL_WIDTH + CHART_WIDTH,
        bars=bars,
        ticks=ticks,
    )
