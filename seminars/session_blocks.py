"""The timetable's session blocks, rendered in Python (why: ecotown/core/rows.py): a seminar
week holds a few dozen sessions, each with its times on one or two clocks, its place, speakers
and details, and for coordinators the links to move, edit or remove it. The labels and URLs
they share are made once per page; every value goes through `e`."""

from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ecotown.core.rows import e, safe
from ecotown.core.sanitise import render_markdown
from ecotown.core.url_templates import UrlTemplate
from seminars.models import Seminar, Session, Track
from seminars.timetable import GridColumn, TimetableDay
from seminars.zones import Clocks, seminar_time_html


class _Page:
    """What every block of one timetable shares."""

    def __init__(self, seminar: Seminar, clocks: Clocks, can_change: bool) -> None:
        self.seminar, self.clocks, self.can_change = seminar, clocks, can_change
        self.first_label = _("Seminar time") if clocks.attending else _("Your time")
        self.beside_label = _("Your home time") if clocks.attending else _("Seminar time")
        # Each label spelt out in a gettext call, where the catalogue tools find it.
        self.labels = {
            "place": _("Place"),
            "map": _("Map"),
            "edit": _("Edit"),
            "move": _("Move or resize"),
            "visit": _("Site visit details"),
            "remove": _("Remove"),
            "drag": _("Drag to change the end"),
            "host": _("Host"),
            "address": _("Address"),
            "meeting_point": _("Meeting point"),
            "departure": _("Departure"),
            "transport": _("Transport"),
            "what_to_bring": _("What to bring"),
            "contact": _("Contact"),
        }
        self.urls = (
            {
                name: UrlTemplate(view, seminar.pk, UrlTemplate.ID)
                for name, view in (
                    ("move", "seminars:session-move"),
                    ("edit", "seminars:session-edit"),
                    ("visit", "seminars:site-visit-edit"),
                    ("remove", "seminars:session-remove"),
                )
            }
            if can_change
            else {}
        )


def grid_frames(days: list[TimetableDay], columns: list[GridColumn]) -> None:
    """Set `frame` on each day: the grid's head (its places, the same every day) and its hour
    marks, written once per page like the blocks."""
    no_place = _("No place set")
    head = "".join(
        f'<li class="grid-head gc-{column.number}" '
        f'data-place="{column.place.pk if column.place else ""}" aria-hidden="true">'
        f"{e(column.place.name if column.place else no_place)}</li>"
        for column in columns
    )
    for day in days:
        hours = "".join(
            f'<li class="grid-hour gr-{row} gs-4" aria-hidden="true">{e(label)}</li>'
            for row, label in day.hours
        )
        day.frame = safe(head + hours)


def session_blocks(
    seminar: Seminar, sessions: list[Session], *, clocks: Clocks, can_change: bool
) -> None:
    """Set `block` (the <li> of the grid) on each of `sessions`, laid out by
    seminars.timetable (times, grid place; `over_capacity` for those who may change it)."""
    page = _Page(seminar, clocks, can_change)
    for session in sessions:
        setattr(session, "block", _block(session, page))  # noqa: B010 - read by the template


def _block(session: Any, page: _Page) -> SafeString:
    """`session` carries what seminars.timetable set on it (times, grid_*), hence Any."""
    times, clocks, labels, pk = session.times, page.clocks, page.labels, session.pk
    movable, movable_class = "", " movable" if page.can_change else ""
    if page.can_change:
        movable = (
            f' data-move-url="{e(page.urls["move"].fill(pk))}" data-starts="{e(times.wall_start)}"'
            f' data-ends="{e(times.wall_end)}" data-place="{e(session.place_id or "")}"'
        )
    beside = (
        f'<span class="session-beside-time">{e(times.beside_short)} {e(clocks.beside_name)}</span>'
        if times.beside_short
        else ""
    )
    place = session.place
    speakers = ", ".join(e(speaker) for speaker in session.speakers.all())
    capacity = ""
    if getattr(session, "over_capacity", False):
        capacity = '<span class="capacity-warning d-block">{}</span>'.format(
            e(
                _("%(audience)s expected, %(seats)s seats")
                % {"audience": session.audience, "seats": place.capacity if place else ""}
            )
        )
    details = []
    if place:
        where = e(place.name) + (f", {e(place.address)}" if place.address else "")
        if place.map_url:
            where += (
                f' · <a href="{e(place.map_url)}" rel="noopener noreferrer">{e(labels["map"])}</a>'
            )
        details.append(_row(labels["place"], where))
    details.append(_row(page.first_label, f"{e(times.long)} ({e(clocks.first_name)})"))
    if times.beside_long:
        details.append(_row(page.beside_label, f"{e(times.beside_long)} ({e(clocks.beside_name)})"))
    visit = getattr(session, "site_visit", None)
    return safe(
        f'<li class="session track-{e(session.track)} gc-{e(session.grid_column)}'
        f' gr-{e(session.grid_row)} gs-{e(session.grid_span)}{movable_class}"'
        f' id="session-{pk}"{movable}>'
        f'<div class="session-when"><time class="session-viewer-time" datetime="{e(times.iso)}">'
        f"{e(times.short)}</time>{beside}</div>"
        f'<div class="session-what"><h4 class="h6 mb-1"><button class="btn btn-link p-0 text-start'
        f' session-toggle" type="button" data-bs-toggle="collapse"'
        f' data-bs-target="#session-{pk}-details" aria-expanded="false"'
        f' aria-controls="session-{pk}-details">{e(session.title)}</button></h4>'
        f'<p class="small mb-0"><span class="badge track-badge track-{e(session.track)}">'
        f"{e(session.get_track_display())}</span>"
        + (f'<span class="session-place">{e(place.name)}</span>' if place else "")
        + (f'<span class="session-speakers d-block">{speakers}</span>' if speakers else "")
        + capacity
        + f'</p><div class="collapse session-details" id="session-{pk}-details">'
        f'<dl class="row small mb-2">{"".join(details)}</dl>'
        + (_site_visit(visit, page) if visit else "")
        + render_markdown(session.description)
        + (_actions(session, page) if page.can_change else "")
        + "</div></div>"
        + (
            f'<span class="resize-handle" aria-hidden="true" title="{e(labels["drag"])}"></span>'
            if page.can_change
            else ""
        )
        + "</li>"
    )


def _row(term: str, definition: str) -> str:
    """A <dt>/<dd> pair of the details; `definition` is HTML already escaped."""
    return f'<dt class="col-sm-3">{e(term)}</dt><dd class="col-sm-9">{definition}</dd>'


def _site_visit(visit, page: _Page) -> str:
    labels = page.labels
    rows = [_row(labels["host"], e(visit.host))]
    for name in ("address", "meeting_point"):
        if getattr(visit, name):
            rows.append(_row(labels[name], e(getattr(visit, name))))
    if visit.departs_at:
        rows.append(
            _row(labels["departure"], seminar_time_html(visit.departs_at, page.clocks, "time"))
        )
    if visit.transport:
        rows.append(_row(labels["transport"], e(visit.transport)))
    if visit.what_to_bring:
        rows.append(
            _row(labels["what_to_bring"], linebreaksbr(visit.what_to_bring, autoescape=True))
        )
    if visit.contact:
        rows.append(_row(labels["contact"], e(visit.contact)))
    return f'<dl class="row small mb-2 site-visit">{"".join(rows)}</dl>'


def _actions(session: Session, page: _Page) -> str:
    labels, urls, title = page.labels, page.urls, e(session.title)

    def link(name: str, style: str = "btn-outline-success") -> str:
        return (
            f'<a class="btn {style} btn-sm" href="{e(urls[name].fill(session.pk))}">'
            f'{e(labels[name])}<span class="visually-hidden"> {title}</span></a>'
        )

    visit = link("visit") if session.track == Track.SITE_VISIT else ""
    return (
        '<p class="mb-0 d-flex flex-wrap gap-1">'
        f"{link('edit')}{link('move')}{visit}{link('remove', 'btn-outline-danger')}</p>"
    )
