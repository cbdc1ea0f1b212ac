"""A coordinator answers a person's request: their data as JSON, then their erasure
(ecotown.core.erasure; each app adds its part)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecotown.core import erasure
from ecotown.core.guards import permission_required, refuse
from trainees.views import person_view


@require_http_methods(["GET"])
@permission_required("trainees.manage_people")
@person_view()
def person_data_export(request, person):
    archive = erasure.person_data_export(user=person, actor=request.user)
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.zip"'
    return response


@require_http_methods(["GET", "POST"])
@permission_required("trainees.manage_people")
@person_view()
def person_erase(request, person):
    if request.method == "POST":
        try:
            alias = erasure.person_erase(user=person, actor=request.user)
        except erasure.ErasureRefused as refused:
            back = reverse("trainees:person-erase", args=[person.pk])
            return refuse(request, str(refused), back=back, status=409)
        messages.success(
            request, _("Erased: the person now appears as %(alias)s.") % {"alias": alias}
        )
        return redirect("trainees:roster")
    return render(request, "trainees/person_erase.html", {"person": person})
