"""iCalendar (RFC 5545) for timetables: one seminar's, or a person's own feed.

Events carry the seminar's time zone (TZID with a VTIMEZONE), so calendar apps show them in the
reader's zone and keep them right across daylight-saving changes. The UID comes from Session.uid
and never changes; SEQUENCE comes from Session.sequence, raised by session_update, so an edited
session replaces the old event instead of appearing twice.
"""

from collections.abc import Iterable
from datetime import datetime, time, timedelta

from icalendar import Calendar, Event, Timezone, vDuration
from icalendar.enums import TRANSP

from seminars.models import Seminar, Session

PRODID = "-//UNIDO and City of Kitakyushu//Eco-town seminar portal//EN"
UID_DOMAIN = "ecotown-seminar"


def session_uid(session: Session) -> str:
    return f"{session.uid}@{UID_DOMAIN}"


def _site_visit_lines(session: Session, zone) -> list[str]:
    visit = getattr(session, "site_visit", None) if session.track == "site_visit" else None
    if visit is None:
        return []
    departs = visit.departs_at and f"{visit.departs_at.astimezone(zone):%H:%M}"
    rows = [
        ("Host", visit.host),
        ("Address", visit.address),
        ("Meeting point", visit.meeting_point),
        ("Departure", departs),
        ("Transport", visit.transport),
        ("What to bring", visit.what_to_bring),
        ("Contact", visit.contact),
    ]
    return [f"{label}: {value}" for label, value in rows if value]


def _location(session: Session) -> str:
    place = session.place
    address = place.address if place else ""
    visit = getattr(session, "site_visit", None)
    if visit is not None and visit.address:
        address = visit.address
    parts = (place.name if place else "", address, "" if address else session.seminar.venue_city)
    return ", ".join(part for part in parts if part)


def _event(session: Session, *, url: str | None) -> Event:
    seminar = session.seminar
    zone = seminar.zone
    speakers = ", ".join(str(speaker) for speaker in session.speakers.all())
    visit_lines = "\n".join(_site_visit_lines(session, zone))
    description = "\n\n".join(
        part
        for part in (visit_lines, session.description, speakers and f"Speakers: {speakers}")
        if part
    )
    location = _location(session)
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
    place = session.place
    if place is not None and place.latitude is not None and place.longitude is not None:
        event.add("GEO", (float(place.latitude), float(place.longitude)))
    return event


def _deadline_event(
    seminar: Seminar, *, key: str, start: datetime, end: datetime | None, summary: str, text: str
) -> Event:
    return Event.new(
        uid=f"seminar-{seminar.pk}-{key}@{UID_DOMAIN}",
        # Minutes since the epoch of the last change: it only ever rises, as SEQUENCE must.
        sequence=int(seminar.updated_at.timestamp()) // 60,
        stamp=seminar.updated_at,
        last_modified=seminar.updated_at,
        start=start,
        end=end,
        summary=f"{summary}: {seminar.title}",
        description=text,
        categories=["Deadline"],
        transparency=TRANSP.TRANSPARENT if end is not None else None,
    )


def deadline_events(seminar: Seminar, *, url: str | None) -> list[Event]:
    """The plan deadline (a moment: DTSTART alone) and the plan submission window (from the
    seminar's first morning to the deadline, shown as free time), when there is a deadline."""
    if seminar.plan_deadline is None:
        return []
    zone = seminar.zone
    deadline = seminar.plan_deadline.astimezone(zone)
    opens = datetime.combine(seminar.start_date, time(0, 0), tzinfo=zone)
    events = [
        _deadline_event(
            seminar,
            key="plan-deadline",
            start=deadline,
            end=None,
            summary="Plan deadline",
            text="Planning documents are due for review by this time.",
        )
    ]
    if opens < deadline:
        events.append(
            _deadline_event(
                seminar,
                key="submission-window",
                start=opens,
                end=deadline,
                summary="Plan submission window",
                text="Plans may be submitted for review from the seminar's first day until "
                "the plan deadline.",
            )
        )
    for event in events:
        if url:
            event.add("URL", url)
    return events


def calendar_bytes(
    sessions: Iterable[Session],
    *,
    name: str,
    uid: str,
    url_of=None,
    refresh: timedelta | None = None,
    empty_zone: str = "Asia/Tokyo",
    extra: Iterable[Event] = (),
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
    for event in extra:
        calendar.add_component(event)
        moment = event.start
        if isinstance(moment, datetime):
            first = min(first or moment, moment)
            last = max(last or moment, moment)
    if first is not None and last is not None:
        # VTIMEZONE rules only for the years the sessions span keep the file small.
        calendar.add_missing_timezones(
            first_date=first.date() - timedelta(days=366),
            last_date=last.date() + timedelta(days=366),
        )
    else:
        calendar.add_component(Timezone.from_tzid(empty_zone))
    return calendar.to_ical()
