"""Dashboard panels: the coordinator's current seminars with their seats; a trainee's place in
the seminar; an expert's profile.

The coordinator's seminars are listed here, above seminars, because their seats live here: one
table of the soonest seminars (dates, status, sessions, seats) with each one's week, roster and
arrivals sheet, rather than a panel per app naming the same seminars again.
"""

from django.db.models import Count, OuterRef, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ecotown.core import roles
from ecotown.core.dashboard import Panel
from ecotown.core.dates import format_when
from ecotown.core.prepared import prepared
from ecotown.core.rows import e, safe
from ecotown.core.url_templates import UrlTemplate
from seminars.models import Seminar, Session
from seminars.selectors import count_of, current_seminars_for_user
from seminars.zones import clocks_for
from trainees.models import Enrolment
from trainees.waitlist import waiting_places

SHOWN = 5  # the soonest seminars; the seminar list and the roster have every one


def current_seminars(user) -> list[dict]:
    """The seminars not yet over nor closed, soonest first (SHOWN and one more, to know if
    there are more), as values with their sessions and seats counted.

    Two queries: the seminars with their sessions counted, then their enrolments counted by
    status. A subquery per count of enrolments cost the ORM more time to build than the
    database takes to answer.
    """
    fields = ("pk", "title", "start_date", "end_date", "status", "capacity")
    sessions = count_of(Session.objects.filter(seminar=OuterRef("pk")))
    current = current_seminars_for_user(user).annotate(session_count=sessions)
    seminars = list(current.values(*fields, "session_count")[: SHOWN + 1])
    counted = (
        Enrolment.objects.filter(seminar_id__in=[seminar["pk"] for seminar in seminars])
        .order_by()
        .values_list("seminar_id", "status")
        .annotate(n=Count("pk"))
    )
    by_status = {(seminar_id, status): n for seminar_id, status, n in counted}
    status = Enrolment.Status
    for seminar in seminars:
        pk = seminar["pk"]
        seminar["seats_taken"] = sum(by_status.get((pk, s), 0) for s in Enrolment.SEAT_HOLDING)
        seminar["nominated"] = by_status.get((pk, status.NOMINATED), 0)
        seminar["waitlisted"] = by_status.get((pk, status.WAITLISTED), 0)
        seminar["offered"] = by_status.get((pk, status.OFFERED), 0)
    return seminars


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
        seminars = current_seminars(request.user)
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
