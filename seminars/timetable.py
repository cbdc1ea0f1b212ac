"""The timetable laid out day by day, and each day as a grid of places, for one viewer.

Days are the seminar's own days (as lived in Kitakyushu, or wherever it is held), and the grid's
rows are the seminar's clock in quarter hours. Each session carries its times as the viewer reads
them (seminars.zones decides whose clock comes first) and its place in the grid as CSS classes:
the strict CSP allows no inline style, so positions are classes from the static grid.css.
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import groupby

from django.utils import timezone

from ecotown.core.dates import date_and_time, format_when
from seminars import hooks
from seminars.models import Place, Seminar, Session
from seminars.zones import Clocks

SLOT_MINUTES = 15
# grid.css defines rows 2..98 and spans 1..96 (a whole day in quarter hours) and columns 2..13.
MAX_ROW, MAX_SPAN, MAX_COLUMN = 98, 96, 13


@dataclass
class GridColumn:
    number: int  # the CSS grid column (1 holds the hours)
    place: Place | None


@dataclass
class TimetableDay:
    day: date
    number: int
    sessions: list[Session] = field(default_factory=list)
    first_minute: int = 0  # minutes after midnight (seminar clock) of grid row 2
    hours: list[tuple[int, str]] = field(default_factory=list)  # (row, "09:00")
    now_row: int | None = None
    frame: str = ""  # the grid's head and hour marks as HTML (session_blocks.grid_frames)


@dataclass(frozen=True)
class SessionTimes:
    """A session's times as the page prints them: first clock, and the clock beside."""

    iso: str  # the start, for <time datetime>
    short: str  # "09:00–10:30", with the day in front when it differs from the seminar's day
    long: str  # "Monday 7 December, 09:00–10:30"
    beside_short: str
    beside_long: str
    wall_start: str  # "2026-11-02T09:30" on the seminar's clock, for the grid's script
    wall_end: str


class _Days:
    """Day names in the active language, formatted once per day and format: a timetable has
    two weeks of days and dozens of sessions."""

    def __init__(self) -> None:
        self._names: dict[tuple[date, str], str] = {}

    def __call__(self, moment: datetime, style: str) -> str:
        key = (moment.date(), style)
        if key not in self._names:
            self._names[key] = format_when(moment, style)
        return self._names[key]


def _clock(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def _annotate(session: Session, *, seminar: Seminar, clocks: Clocks, days: _Days) -> Session:
    at_seminar = session.starts_at.astimezone(seminar.zone)
    first = session.starts_at.astimezone(clocks.first)
    first_clock = _clock(first, session.ends_at.astimezone(clocks.first))
    session.beside_differs = clocks.differs(session.starts_at)
    beside_short = beside_long = ""
    if clocks.beside is not None and session.beside_differs:
        beside = session.starts_at.astimezone(clocks.beside)
        beside_clock = _clock(beside, session.ends_at.astimezone(clocks.beside))
        beside_day = (
            f"{days(beside, 'short_weekday_date')} " if beside.date() != at_seminar.date() else ""
        )
        beside_short = beside_day + beside_clock
        beside_long = date_and_time(days(beside, "weekday_date"), beside_clock)
    day_first = f"{days(first, 'short_weekday_date')} " if first.date() != at_seminar.date() else ""
    seminar_end = session.ends_at.astimezone(seminar.zone)
    session.times = SessionTimes(
        iso=first.isoformat(),
        short=day_first + first_clock,
        long=date_and_time(days(first, "weekday_date"), first_clock),
        beside_short=beside_short,
        beside_long=beside_long,
        wall_start=f"{at_seminar:%Y-%m-%dT%H:%M}",
        wall_end=f"{seminar_end:%Y-%m-%dT%H:%M}",
    )
    return session


def mark_over_capacity(seminar: Seminar, sessions: list[Session]) -> None:
    """Set `over_capacity` on each session whose place seats fewer than its expected audience
    (one count of the accepted trainees for the whole timetable)."""
    trainees = hooks.trainees_of(seminar, who=hooks.ATTENDING).count()
    for session in sessions:
        seats = session.place.capacity if session.place else None
        audience = trainees + len(session.speakers.all())
        session.over_capacity = seats is not None and audience > seats
        session.audience = audience


def grid_columns(sessions: list[Session]) -> list[GridColumn]:
    """One column per place the timetable uses (by name), then one for sessions with none."""
    places = {s.place.pk: s.place for s in sessions if s.place is not None}
    ordered: list[Place | None] = [*sorted(places.values(), key=lambda p: (p.kind, p.name.lower()))]
    if any(s.place is None for s in sessions):
        ordered.append(None)
    return [GridColumn(number=min(i + 2, MAX_COLUMN), place=p) for i, p in enumerate(ordered)]


def _minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def _lay_out_day(day: TimetableDay, seminar: Seminar, columns: dict, now: datetime | None) -> None:
    zone = seminar.zone
    starts = [s.starts_at.astimezone(zone) for s in day.sessions]
    ends = [min(s.ends_at.astimezone(zone), _midnight_after(day.day, zone)) for s in day.sessions]
    first_hour = min(_minutes(t) for t in starts) // 60
    last_minute = max(_minutes(t) if t.date() == day.day else 24 * 60 for t in ends)
    last_hour = min(24, math.ceil(last_minute / 60))
    day.first_minute = first_hour * 60
    day.hours = [
        (2 + (hour * 60 - day.first_minute) // SLOT_MINUTES, f"{hour:02d}:00")
        for hour in range(first_hour, last_hour)
    ]
    for session, start, end in zip(day.sessions, starts, ends, strict=True):
        row = 2 + (_minutes(start) - day.first_minute) // SLOT_MINUTES
        length = (end - start).total_seconds() / 60
        session.grid_row = min(row, MAX_ROW)
        session.grid_span = max(1, min(MAX_SPAN, math.ceil(length / SLOT_MINUTES)))
        session.grid_column = columns.get(session.place_id, MAX_COLUMN)
    if now is not None:
        local = now.astimezone(zone)
        minute = _minutes(local)
        if local.date() == day.day and day.first_minute <= minute < last_hour * 60:
            day.now_row = 2 + (minute - day.first_minute) // SLOT_MINUTES


def _midnight_after(day: date, zone) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()), zone)


def timetable_days(
    seminar: Seminar, sessions: list[Session], *, clocks: Clocks, now: datetime | None = None
) -> tuple[list[TimetableDay], list[GridColumn]]:
    """The days with sessions, each laid out on the grid's columns; `now` places the marker."""
    zone = seminar.zone
    days_named = _Days()
    annotated = [_annotate(s, seminar=seminar, clocks=clocks, days=days_named) for s in sessions]
    columns = grid_columns(annotated)
    by_place = {column.place.pk if column.place else None: column.number for column in columns}
    days = []
    for day, group in groupby(annotated, key=lambda s: s.starts_at.astimezone(zone).date()):
        entry = TimetableDay(
            day=day, number=(day - seminar.start_date).days + 1, sessions=list(group)
        )
        _lay_out_day(entry, seminar, by_place, now)
        days.append(entry)
    return days, columns
