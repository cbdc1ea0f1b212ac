"""The pilot's box on the plan page (a planning_docs template): its status and the next
check-in, with the link to file it. Shown once the plan is approved and has check-ins."""

from django import template
from django.utils import timezone

from pilots.models import CheckIn
from pilots.status import pilot_state, submitted_report

register = template.Library()


@register.inclusion_tag("pilots/_plan_box.html", takes_context=True)
def pilot_box(context, plan) -> dict:
    check_ins = list(CheckIn.objects.filter(plan=plan).select_related("report").order_by("due_on"))
    if not check_ins:
        return {"shown": False}
    today = timezone.now().date()
    return {
        "shown": True,
        "user": context["user"],
        "plan": plan,
        "state": pilot_state(check_ins, list(plan.status_overrides.all()), today),
        "next": next((c for c in check_ins if submitted_report(c) is None), None),
    }
