"""The library pages: the search over approved plans within consent, and one plan's approved
version as the library shows it."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from ecotown.core.guards import guarded, permission_required
from ecotown.core.names import display_name
from pilots.library import PAGE_SIZE, library_plan_for_user_or_404, library_search
from pilots.library_forms import LibraryFilterForm
from pilots.selectors import state_of


def plan_country(plan) -> str:
    """The pilot's country, else its trainee's (plans made before the field was filled)."""
    if plan.pilot_country:
        return str(plan.pilot_country.name)
    profile = getattr(plan.enrolment.trainee, "trainee_profile", None)
    return str(profile.country.name) if profile else ""


def library_row(plan, today) -> dict:
    return {
        "plan": plan,
        "trainee": display_name(plan.enrolment.trainee),
        "seminar": plan.enrolment.seminar,
        "country": plan_country(plan),
        "state": state_of(plan, today),
    }


@permission_required("pilots.view_library")
def library_list(request):
    form = LibraryFilterForm(request.GET or None)
    plans = library_search(request.user, form.query())
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.now().date()
    context = {
        "form": form,
        "page": page,
        "rows": [library_row(plan, today) for plan in page.object_list],
        "query_string": _without_page(request),
    }
    return render(request, "pilots/library_list.html", context)


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@guarded(library_plan_for_user_or_404, "pilots.read_in_library")
def library_detail(request, plan):
    version = plan.library_entry.version
    context = {
        "row": library_row(plan, timezone.now().date()),
        "plan": plan,
        "version": version,
    }
    return render(request, "pilots/library_detail.html", context)
