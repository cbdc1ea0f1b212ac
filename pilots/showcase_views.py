"""Consent to show a plan (its trainee), the coordinator's approval of its public summary, and
the public pages: no sign-in, and 404 for anything not consented to and approved."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from ecotown.core.guards import guarded, refuse
from pilots import selectors
from pilots.library_forms import PlanConsentForm
from pilots.map_svg import MapRow, pilot_map
from pilots.showcase import (
    consent_of,
    plan_consent_set,
    showcase_decide,
    showcased_plan_or_404,
    showcased_plans,
)


@require_http_methods(["GET", "POST"])
@guarded(
    selectors.pilot_for_user_or_404,
    "pilots.change_consent",
    _lazy("Only the plan's trainee decides who may see it."),
)
def plan_consent(request, plan):
    consent = consent_of(plan)
    form = PlanConsentForm.of(consent, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan_consent_set(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Your choices were saved."))
            return redirect("pilots:consent", pk=plan.pk)
    context = {"plan": plan, "form": form, "consent": consent}
    status = 400 if request.method == "POST" else 200
    return render(request, "pilots/plan_consent.html", context, status=status)


@require_POST
@guarded(
    selectors.pilot_for_user_or_404,
    "pilots.approve_showcase",
    _lazy("Only coordinators approve a public summary."),
)
def showcase_decision(request, plan):
    action = request.POST.get("action")
    if action not in ("approve", "withdraw"):
        return refuse(request, _("Choose to approve or withdraw."), back=_back(plan), status=400)
    try:
        showcase_decide(plan=plan, actor=request.user, approve=action == "approve")
    except ValidationError as refused:
        return refuse(request, " ".join(refused.messages), back=_back(plan))
    done = _("The summary is public.") if action == "approve" else _("The summary was withdrawn.")
    messages.success(request, done)
    return redirect("pilots:pilot-detail", pk=plan.pk)


def _back(plan) -> str:
    from django.urls import reverse

    return reverse("pilots:pilot-detail", args=[plan.pk])


def public_index(request):
    today = timezone.now().date()
    rows = [{"plan": p, "state": selectors.state_of(p, today)} for p in showcased_plans()]
    points = [MapRow.of(r["plan"], r["state"]) for r in rows if r["plan"].has_pilot_point]
    context = {"rows": rows, "map": pilot_map(points) if points else None}
    return render(request, "pilots/public_index.html", context)


def public_detail(request, pk: int):
    plan = showcased_plan_or_404(pk)
    state = selectors.state_of(plan, timezone.now().date())
    context = {
        "plan": plan,
        "state": state,
        # Where the pilot is: on the map, and as text (plan.pilot_point_text) beside it.
        "map": pilot_map([MapRow.of(plan, state)]) if plan.has_pilot_point else None,
    }
    return render(request, "pilots/public_detail.html", context)
