from django.db.models import Count, Q
from django.utils import timezone

from ecotown.core import roles
from ecotown.core.dashboard import Panel
from seminars.models import Seminar
from trainees.models import Enrolment
from trainees.waitlist import waiting_places

SHOWN = 5  # the soonest seminars; the roster filters by any other


def _seats_by_seminar():
    """Every seminar not yet over nor closed, with its seats counted in one query."""
    status = "enrolments__status"
    current = Seminar.objects.filter(end_date__gte=timezone.localdate())
    return current.exclude(status=Seminar.Status.CLOSED).annotate(
        taken=Count("enrolments", filter=Q(**{f"{status}__in": Enrolment.SEAT_HOLDING})),
        nominated=Count("enrolments", filter=Q(**{status: Enrolment.Status.NOMINATED})),
        waitlisted=Count("enrolments", filter=Q(**{status: Enrolment.Status.WAITLISTED})),
        offered=Count("enrolments", filter=Q(**{status: Enrolment.Status.OFFERED})),
    )


def panels(request, role):
    if role == roles.COORDINATOR:
        seminars = list(_seats_by_seminar().order_by("start_date", "title")[: SHOWN + 1])
        context = {"seminars": seminars[:SHOWN], "more": len(seminars) > SHOWN}
        return [Panel("trainees/_panel_seats.html", context, order=20)]
    if role == roles.TRAINEE:
        own = Enrolment.objects.filter(trainee=request.user).select_related("seminar")
        enrolments = list(own.order_by("-seminar__start_date"))
        context = {
            "enrolments": enrolments,
            "waiting": waiting_places(request.user, among=enrolments),
            "seated": [e for e in enrolments if e.status in Enrolment.SEAT_HOLDING],
        }
        return [Panel("trainees/_panel_enrolment.html", context, order=10)]
    if role == roles.EXPERT:
        return [Panel("trainees/_panel_profile.html", {}, order=90)]
    return []
