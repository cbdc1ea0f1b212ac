"""A report's photos: the trainee's upload page while the report is a draft, and the pictures
themselves, read through the storage API by those who may read the report (never a public
address)."""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from ecotown.core.guards import guarded
from pilots import selectors
from pilots.models import ProgressReport, ReportPhoto
from pilots.report_view import photo_entries
from pilots.services.photos import (
    MAX_PHOTOS_PER_REPORT,
    PhotoRefused,
    report_photo_add,
    report_photo_remove,
)
from planning_docs.forms import FigureForm

MAY_NOT_FILE = _lazy("Only the pilot's trainee adds photos to its report, until it is submitted.")


def page_photos(report: ProgressReport) -> list[dict]:
    def src(photo: ReportPhoto) -> str:
        return reverse("pilots:report-photo", args=[report.pk, photo.pk])

    return photo_entries(report, src) if report.pk else []


@require_http_methods(["GET", "POST"])
@guarded(selectors.check_in_for_user_or_404, "pilots.file_report", MAY_NOT_FILE)
def report_photos(request, check_in):
    """The draft report's photos; POST adds one."""
    form = FigureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["picture"]
        try:
            report_photo_add(
                check_in=check_in,
                content=upload.read(),
                name=upload.name,
                declared_type=upload.content_type or "",
                caption=form.cleaned_data["caption"],
                alt=form.cleaned_data["alt"],
                actor=request.user,
            )
        except PhotoRefused as refused:
            form.add_error("picture", str(refused))
        else:
            messages.success(request, _("The photo was added to your report."))
            return redirect("pilots:report-photos", pk=check_in.pk)
    report = getattr(check_in, "report", None)
    context = {
        "check_in": check_in,
        "plan": check_in.plan,
        "form": form,
        "photos": page_photos(report) if report else [],
        "rows": list(report.photos.all()) if report else [],
        "limit": MAX_PHOTOS_PER_REPORT,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "pilots/report_photos.html", context, status=status)


@require_POST
@guarded(selectors.check_in_for_user_or_404, "pilots.file_report", MAY_NOT_FILE)
def report_photo_remove_view(request, check_in, photo_id: int):
    photo = get_object_or_404(ReportPhoto, report__check_in=check_in, pk=photo_id)
    try:
        report_photo_remove(photo=photo, actor=request.user)
    except PhotoRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("“%(name)s” was taken off the report.") % {"name": photo})
    return redirect("pilots:report-photos", pk=check_in.pk)


@guarded(selectors.report_for_user_or_404, "pilots.view_report")
def report_photo(request, report, photo_id: int):
    photo = get_object_or_404(report.photos, pk=photo_id)
    try:
        handle = default_storage.open(photo.file.name, "rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from the storage.")) from None
    response = FileResponse(handle, content_type=photo.content_type)
    # A submitted report's photos never change; a draft's may be taken off.
    cache = "private, max-age=31536000, immutable" if report.is_submitted else "private, no-cache"
    response["Cache-Control"] = cache
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
