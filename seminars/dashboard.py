"""The seminars' dashboard panels: an expert's or trainee's own seminar with what comes next.
The coordinator's seminars, with their seats, are the trainees app's panel (trainees.dashboard)."""

from django.utils import timezone

from ecotown.core import roles
from ecotown.core.dashboard import Panel
from seminars import selectors
from seminars.zones import clocks_for

NEXT_SESSIONS = 3


def panels(request, role) -> list[Panel]:
    user = request.user
    if role in (roles.EXPERT, roles.TRAINEE):
        seminars = selectors.current_seminars_with_upcoming(user, now=timezone.now())
        for seminar in seminars:
            seminar.next_sessions = seminar.upcoming_sessions[:NEXT_SESSIONS]
            if role == roles.EXPERT:
                # An expert's seminars are those they speak at or review for: the ones they
                # attend (zones.attends), so their times are read on the seminar's clock.
                clocks_for(user, seminar, request=request, attending=True)
        mine = [
            Panel(
                "seminars/_panel_mine.html",
                {"seminars": seminars},
                order=10,
            )
        ]
        # Trainees reach the week from their place in the seminar (trainees' panel).
        if role == roles.EXPERT and seminars:
            mine.append(Panel("seminars/_panel_week.html", {"seminars": seminars}, order=11))
        return mine
    return []
