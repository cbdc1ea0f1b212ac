"""The timetable laid out day by day for one viewer.

Days are the seminar's own days (as lived in Kitakyushu, or wherever it is held); each session
says whether the viewer's clock differs from the seminar's, so that the page shows the seminar's
time beside the viewer's only where it adds something.
"""

from dataclasses import dataclass, field
from datetime import date, tzinfo
from itertools import groupby

from seminars.models import Seminar, Session


@dataclass
class TimetableDay:
    day: date
    number: int
    sessions: list[Session] = field(default_factory=list)


def _annotate(session: Session, *, seminar_zone: tzinfo, viewer_zone: tzinfo) -> Session:
    at_seminar = session.starts_at.astimezone(seminar_zone)
    for_viewer = session.starts_at.astimezone(viewer_zone)
    session.viewer_clock_differs = at_seminar.utcoffset() != for_viewer.utcoffset()
    session.viewer_day_differs = at_seminar.date() != for_viewer.date()
    return session


def timetable_days(
    seminar: Seminar, sessions: list[Session], *, viewer_zone: tzinfo
) -> list[TimetableDay]:
    zone = seminar.zone
    annotated = [_annotate(s, seminar_zone=zone, viewer_zone=viewer_zone) for s in sessions]
    days = []
    for day, group in groupby(annotated, key=lambda s: s.starts_at.astimezone(zone).date()):
        days.append(
            TimetableDay(day=day, number=(day - seminar.start_date).days + 1, sessions=list(group))
        )
    return days
