"""Dashboard panels: the coordinator's current seminars with their seats; a trainee's place in
the seminar; an expert's profile.

The coordinator's seminars are listed here, above seminars, because their seats live here: one
table of the soonest seminars (dates, status, sessions, seats) with each one's week, roster and
arrivals sheet, rather than a panel per app naming the same seminars again.
"""

from datetime import date

from django.db.models import OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ecotown.core import roles
from ecotown.core.dashboard import Panel
from ecotown.core.dates import format_when
from ecotown.core.prepared import prepared
from ecotown.core.rows import e, safe
from ecotown.core.url_templates import UrlTemplate
from seminars.models import Seminar, Session
from seminars.selectors import count_of, current_among
from seminars.zones import clocks_for
from trainees.models import Enrolment
from trainees.waitlist import waiting_places

SHOWN = 5  # the soonest seminars; the seminar list and the roster have every one


@prepared(date)
def current_seminars(today: date) -> QuerySet:
    """The seminars not yet over nor closed, soonest first (SHOWN and one more, to know if
    there are more), as values with their sessions and seats counted: every seminar, as a
    coordinator sees them.

    One query, prepared (ecotown.core.prepared): its count subqueries are built once per
    process, not on every visit.
    """

    def enrolments(*statuses: str) -> Coalesce:
        return count_of(Enrolment.objects.filter(seminar=OuterRef("pk"), status__in=statuses))

    status = Enrolment.Status
    current = current_among(Seminar.objects.all(), today).annotate(
        session_count=count_of(Session.objects.filter(seminar=OuterRef("pk"))),
        seats_taken=enrolments(*Enrolment.SEAT_HOLDING),
        nominated=enrolments(status.NOMINATED),
        waitlisted=enrolments(status.WAITLISTED),
        offered=enrolments(status.OFFERED),
    )
    counts = ("session_count", "seats_taken", "nominated", "waitlisted", "offered")
    fields = ("pk", "title", "start_date", "end_date", "status", "capacity")
    return current.values(*fields, *counts)[: SHOWN + 1]


def seminar_rows(seminars: list[dict]) -> list[SafeString]:
    """The coordinator's seminar table, rendered in Python (why: ecotown/core/rows.py)."""
    shared = {
        "detail": UrlTemplate("seminars:seminar-detail", UrlTemplate.ID),
        "week": UrlTemplate("seminars:seminar-week", UrlTemplate.ID),
        "arrivals": UrlTemplate("trainees:arrivals", UrlTemplate.ID),
        "roster": reverse("trainees:roster"),
        "statuses": {value: str(label) for value, label in Seminar.Status.choices},
        "links": {
            "week": _("Materials and attendance"),
            "roster": _("Roster"),
            "arrivals": _("Arrivals sheet (CSV)"),
        },
    }
    return [_seminar_row(seminar, shared) for seminar in seminars]


def _seminar_row(seminar: dict, shared: dict) -> SafeString:
    pk, links = seminar["pk"], shared["links"]
    seats = _(
        "%(taken)s of %(capacity)s seats held · %(nominated)s nominated · "
        "%(waitlisted)s waitlisted · %(offered)s offers open"
    ) % {
        "taken": seminar["seats_taken"],
        "capacity": seminar["capacity"],
        "nominated": seminar["nominated"],
        "waitlisted": seminar["waitlisted"],
        "offered": seminar["offered"],
    }
    dates = (
        f"{format_when(seminar['start_date'], 'day_month')} – "
        f"{format_when(seminar['end_date'], 'short_date')}"
    )
    return safe(
        # <bdi>: an English title keeps its order on an Arabic page.
        f'<tr><td><a href="{e(shared["detail"].fill(pk))}"><bdi>{e(seminar["title"])}</bdi></a>'
        f'<div class="small"><a href="{e(shared["week"].fill(pk))}">{e(links["week"])}</a> · '
        f'<a href="{e(shared["roster"])}?seminar={int(pk)}">{e(links["roster"])}</a> · '
        f'<a href="{e(shared["arrivals"].fill(pk))}">{e(links["arrivals"])}</a></div></td>'
        f"<td>{e(dates)}</td>"
        f"<td>{e(shared['statuses'][seminar['status']])}</td>"
        f'<td class="text-end">{int(seminar["session_count"])}</td>'
        f'<td class="small">{e(seats)}</td></tr>'
    )


@prepared(int)
def _enrolments_of(trainee_id: int) -> QuerySet[Enrolment]:
    own = Enrolment.objects.filter(trainee_id=trainee_id).select_related("seminar")
    return own.order_by("-seminar__start_date")


def panels(request, role):
    if role == roles.COORDINATOR:
        seminars = current_seminars(timezone.localdate())
        context = {"rows": seminar_rows(seminars[:SHOWN]), "more": len(seminars) > SHOWN}
        return [Panel("trainees/_panel_seminars.html", context, order=10)]
    if role == roles.TRAINEE:
        enrolments = _enrolments_of(request.user.pk)
        for enrolment in enrolments:
            # Whether the trainee attends each of their seminars, which sets the clock of every
            # time the page prints of it (seminars.zones): known here, so never asked again.
            attending = enrolment.status in Enrolment.ATTENDING
            clocks_for(request.user, enrolment.seminar, request=request, attending=attending)
        context = {
            "enrolments": enrolments,
            "waiting": waiting_places(request.user, among=enrolments),
            "seated": [each for each in enrolments if each.status in Enrolment.SEAT_HOLDING],
        }
        return [Panel("trainees/_panel_enrolment.html", context, order=10)]
    if role == roles.EXPERT:
        return [Panel("trainees/_panel_profile.html", {}, order=90)]
    return []
