"""iCalendar (RFC 5545) for timetables: one seminar's, or a person's own feed.

Events carry the seminar's time zone (TZID with a VTIMEZONE), so calendar apps show them in the
reader's zone and keep them right across daylight-saving changes. The UID comes from Session.uid
and never changes; SEQUENCE comes from Session.sequence, raised by session_update, so an edited
session replaces the old event instead of appearing twice.
"""

from collections.abc import Iterable
from datetime import timedelta

from icalendar import Calendar, Event, Timezone, vDuration

from seminars.models import Session

PRODID = "-//UNIDO and City of Kitakyushu//Eco-town seminar portal//EN"
UID_DOMAIN = "ecotown-seminar"


def session_uid(session: Session) -> str:
    return f"{session.uid}@{UID_DOMAIN}"


def _event(session: Session, *, url: str | None) -> Event:
    seminar = session.seminar
    zone = seminar.zone
    speakers = ", ".join(str(speaker) for speaker in session.speakers.all())
    description = "\n\n".join(
        part for part in (session.description, speakers and f"Speakers: {speakers}") if part
    )
    location = ", ".join(part for part in (session.place, seminar.venue_city) if part)
    event = Event.new(
        uid=session_uid(session),
        sequence=session.sequence,
        stamp=session.updated_at,
        last_modified=session.updated_at,
        created=session.created_at,
        start=session.starts_at.astimezone(zone),
        end=session.ends_at.astimezone(zone),
        summary=session.title,
        description=description or None,
        location=location or None,
        categories=[session.get_track_display()],
        url=url,
    )
    return event


def calendar_bytes(
    sessions: Iterable[Session],
    *,
    name: str,
    uid: str,
    url_of=None,
    refresh: timedelta | None = None,
    empty_zone: str = "Asia/Tokyo",
) -> bytes:
    """The sessions as an iCalendar file. `url_of(session)` gives each event's page, if any;
    `uid` names the calendar itself and stays the same from one download to the next.

    RFC 5545 wants at least one component: a calendar with no session yet carries the VTIMEZONE
    of `empty_zone` alone.
    """
    calendar = Calendar.new(
        prodid=PRODID,
        name=name,
        calscale="GREGORIAN",
        method="PUBLISH",
        uid=uid,
    )
    if refresh is not None:
        # RFC 7986 wants VALUE=DURATION on REFRESH-INTERVAL; Outlook reads X-PUBLISHED-TTL.
        calendar.add("REFRESH-INTERVAL", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", vDuration(refresh))
    first = last = None
    for session in sessions:
        calendar.add_component(_event(session, url=url_of(session) if url_of else None))
        first = min(first or session.starts_at, session.starts_at)
        last = max(last or session.ends_at, session.ends_at)
    if first is not None and last is not None:
        # VTIMEZONE rules only for the years the sessions span keep the file small.
        calendar.add_missing_timezones(
            first_date=first.date() - timedelta(days=366),
            last_date=last.date() + timedelta(days=366),
        )
    else:
        calendar.add_component(Timezone.from_tzid(empty_zone))
    return calendar.to_ical()
