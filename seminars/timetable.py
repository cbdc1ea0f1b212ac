"""The timetable laid out day by day for one viewer.

Days are the seminar's own days (as lived in Kitakyushu, or wherever it is held); each session
says whether the viewer's clock differs from the seminar's, so that the page shows the seminar's
time beside the viewer's only where it adds something.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from itertools import groupby

from django.utils.formats import date_format

from seminars.models import Seminar, Session


@dataclass
class TimetableDay:
    day: date
    number: int
    sessions: list[Session] = field(default_factory=list)


@dataclass(frozen=True)
class SessionTimes:
    """A session's times as the page prints them, in the viewer's zone and the seminar's."""

    iso: str  # the start, for <time datetime>
    short: str  # "09:00–10:30", with the day in front when the viewer's day differs
    long: str  # "Monday 7 December, 09:00–10:30"
    seminar_short: str
    seminar_long: str


class _Days:
    """Day names in the active language, formatted once per day and format: a timetable has
    two weeks of days and dozens of sessions."""

    def __init__(self) -> None:
        self._names: dict[tuple[date, str], str] = {}

    def __call__(self, moment: datetime, fmt: str) -> str:
        key = (moment.date(), fmt)
        if key not in self._names:
            self._names[key] = date_format(moment, fmt)
        return self._names[key]


def _clock(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def _annotate(
    session: Session, *, seminar_zone: tzinfo, viewer_zone: tzinfo, days: _Days
) -> Session:
    at_seminar = session.starts_at.astimezone(seminar_zone)
    for_viewer = session.starts_at.astimezone(viewer_zone)
    session.viewer_clock_differs = at_seminar.utcoffset() != for_viewer.utcoffset()
    session.viewer_day_differs = at_seminar.date() != for_viewer.date()
    viewer_clock = _clock(for_viewer, session.ends_at.astimezone(viewer_zone))
    seminar_clock = _clock(at_seminar, session.ends_at.astimezone(seminar_zone))
    day_first = f"{days(for_viewer, 'D j M')} " if session.viewer_day_differs else ""
    session.times = SessionTimes(
        iso=for_viewer.isoformat(),
        short=day_first + viewer_clock,
        long=f"{days(for_viewer, 'l j F')}, {viewer_clock}",
        seminar_short=seminar_clock,
        seminar_long=f"{days(at_seminar, 'l j F')}, {seminar_clock}",
    )
    return session


def timetable_days(
    seminar: Seminar, sessions: list[Session], *, viewer_zone: tzinfo
) -> list[TimetableDay]:
    zone = seminar.zone
    days_named = _Days()
    annotated = [
        _annotate(s, seminar_zone=zone, viewer_zone=viewer_zone, days=days_named) for s in sessions
    ]
    days = []
    for day, group in groupby(annotated, key=lambda s: s.starts_at.astimezone(zone).date()):
        days.append(
            TimetableDay(day=day, number=(day - seminar.start_date).days + 1, sessions=list(group))
        )
    return days
