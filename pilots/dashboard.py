"""Dashboard panels: the trainee's next check-in; the coordinators' pilots by status."""

from django.utils import timezone

from ecotown.core import roles
from ecotown.core.dashboard import Panel
from pilots import selectors
from pilots.models import PilotStatus


def panels(request, role) -> list[Panel]:
    user = request.user
    today = timezone.now().date()
    if role == roles.TRAINEE:
        plans = selectors.own_pilots(user)
        shown = [
            {"plan": p, "next": selectors.next_check_in(p), "state": selectors.state_of(p, today)}
            for p in plans
        ]
        if not shown:
            return []
        return [Panel("pilots/_panel_trainee.html", {"pilots": shown, "today": today}, order=2)]
    if role == roles.COORDINATOR:
        counts = selectors.status_counts(user, today)
        rows = [(label, counts.get(value, 0)) for value, label in PilotStatus.choices]
        return [Panel("pilots/_panel_coordinator.html", {"counts": rows}, order=25)]
    return []
