"""Dashboard panels: the trainee's plan first, the plans one co-authors, an expert's plans, the
coordinator's counts."""

from django.db.models import Count, QuerySet

from ecotown.core import roles
from ecotown.core.dashboard import Panel
from ecotown.core.prepared import prepared
from planning_docs.completion import plan_progress
from planning_docs.models import Plan
from planning_docs.selectors import plan_drafts, plans_assigned_to, plans_written_by


@prepared()
def _plans_by_status() -> QuerySet:
    return Plan.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")


def panels(request, role) -> list[Panel]:
    user = request.user
    if role in (roles.TRAINEE, roles.COAUTHOR):
        return _writer_panels(user)
    if role == roles.EXPERT:
        plans = plans_assigned_to(user)
        return [Panel("planning_docs/_panel_expert.html", {"plans": plans}, order=20)]
    if role == roles.COORDINATOR:
        counts = dict(_plans_by_status())
        rows = [(value, label, counts.get(value, 0)) for value, label in Plan.Status.choices]
        return [Panel("planning_docs/_panel_coordinator.html", {"counts": rows}, order=20)]
    return []


def _writer_panels(user) -> list[Panel]:
    """The trainee's own plan (the newest seminar's), then the plans the person writes as a
    co-author: both from one query of the plans they write."""
    found: list[Panel] = []
    writes = plans_written_by(user)
    owned = [plan for plan in writes if plan.enrolment.trainee_id == user.pk]
    coauthored = sorted(
        (plan for plan in writes if plan.enrolment.trainee_id != user.pk),
        key=lambda plan: plan.title,
    )
    if coauthored:
        found.append(Panel("planning_docs/_panel_coauthor.html", {"plans": coauthored}, order=2))
    if owned:
        plan = owned[0]
        seminar = plan.enrolment.seminar
        context = {
            "plan": plan,
            "progress": plan_progress(plan_drafts(plan, with_authors=False)),
            "deadline": seminar.plan_deadline,
            "seminar": seminar,
        }
        # Order 1: right after the welcome, ahead of every other app's panel.
        found.append(Panel("planning_docs/_panel_trainee.html", context, order=1))
    return found
