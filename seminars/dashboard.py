"""The seminars' dashboard panels: the coordinator's upcoming seminars with their counts; an
expert's or trainee's own seminar with what comes next."""

from django.utils import timezone

from ecotown.core import roles
from ecotown.core.dashboard import Panel
from seminars import selectors

NEXT_SESSIONS = 3
# The soonest seminars; the seminar list has every one (a dashboard stays short and fast).
SHOWN = 5


def panels(request, role) -> list[Panel]:
    user = request.user
    if role == roles.COORDINATOR:
        current = selectors.with_counts(selectors.current_seminars_for_user(user))
        seminars = list(current[: SHOWN + 1])
        context = {"seminars": seminars[:SHOWN], "more": len(seminars) > SHOWN}
        week = {"seminars": seminars[:SHOWN]}
        return [
            Panel("seminars/_panel_coordinator.html", context, order=10),
            Panel("seminars/_panel_week.html", week, order=11),
        ]
    if role in (roles.EXPERT, roles.TRAINEE):
        speaker = user if role == roles.EXPERT else None
        upcoming = selectors.upcoming_sessions_prefetch(now=timezone.now(), speaker=speaker)
        seminars = list(selectors.current_seminars_for_user(user).prefetch_related(upcoming))
        for seminar in seminars:
            seminar.next_sessions = seminar.upcoming_sessions[:NEXT_SESSIONS]
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
