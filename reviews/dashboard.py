"""The coordinator's turnaround panel: every plan, who it waits on and since when, overdue first.
An expert's panel: the plans waiting on their decision."""

from ecotown.core import roles
from ecotown.core.dashboard import Panel
from planning_docs.models import Plan
from planning_docs.selectors import plans_for_user
from reviews.turnaround import turnaround, waits_for_plans

SHOWN = 15  # the longest waits; the plan list has the rest


def panels(request, role) -> list[Panel]:
    if role == roles.COORDINATOR:
        ranked = turnaround(plans_for_user(request.user), limit=SHOWN)
        context = {
            "waits": ranked.waits,
            "more": ranked.total - len(ranked.waits),
            "overdue": ranked.overdue,
        }
        return [Panel("reviews/_panel_turnaround.html", context, 30)]
    if role == roles.EXPERT:
        waiting = plans_for_user(request.user).filter(status=Plan.Status.SUBMITTED)
        waits = [w for w in waits_for_plans(waiting) if w.waiting_on == request.user]
        return [Panel("reviews/_panel_expert.html", {"waits": waits}, 5)]
    return []
