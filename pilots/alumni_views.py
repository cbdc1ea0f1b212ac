"""The alumni directory and an alumnus's own entry in it (linked from the account page)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecotown.core.guards import permission_required
from ecotown.core.names import display_name
from pilots.alumni import alumni_listed, alumni_listing_set, listing_of
from pilots.library_forms import AlumniFilterForm, AlumniListingForm

PAGE_SIZE = 50


def alumni_row(person) -> dict:
    return {
        "name": display_name(person),
        "person": person,
        "profile": getattr(person, "trainee_profile", None),
        "note": person.alumni_listing.note,
        "enrolments": person.alumni_of,
    }


@permission_required("pilots.view_alumni")
def alumni_directory(request):
    form = AlumniFilterForm(request.GET or None)
    page = Paginator(alumni_listed(form.query()), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": [alumni_row(person) for person in page.object_list],
        "may_join": request.user.has_perm("pilots.join_alumni"),
    }
    return render(request, "pilots/alumni_directory.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("pilots.join_alumni")
def alumni_listing_edit(request):
    form = AlumniListingForm(request.POST or None, instance=listing_of(request.user))
    if request.method == "POST" and form.is_valid():
        alumni_listing_set(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your alumni directory entry was saved."))
        return redirect("alumni:listing-edit")
    status = 400 if request.method == "POST" else 200
    return render(request, "pilots/alumni_listing_form.html", {"form": form}, status=status)
