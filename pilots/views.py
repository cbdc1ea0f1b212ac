"""The pilot pages: the coordinators' list, one pilot, the report form, a report, its PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from ecotown.core.guards import guarded, permission_required, refuse
from pilots import selectors, services
from pilots.forms import ProgressReportForm, ReportCommentForm, StatusOverrideForm
from pilots.models import ReportPdf
from pilots.photo_views import page_photos
from pilots.report_view import report_view
from pilots.services.reports import report_or_new
from pilots.showcase import consent_of


@permission_required("pilots.list_pilots")
def pilot_list(request):
    today = timezone.now().date()
    rows = [
        {
            "plan": plan,
            "state": selectors.state_of(plan, today),
            "next": selectors.next_check_in(plan),
        }
        for plan in selectors.pilots_for_user(request.user)
    ]
    return render(request, "pilots/pilot_list.html", {"rows": rows, "today": today})


def _pilot_context(request, plan, **extra) -> dict:
    today = timezone.now().date()
    check_ins = [(c, getattr(c, "report", None)) for c in plan.follow_up]
    return {
        "plan": plan,
        "state": selectors.state_of(plan, today),
        "check_ins": check_ins,
        "next": selectors.next_check_in(plan),
        "today": today,
        "override_form": StatusOverrideForm(),
        "consent": consent_of(plan),
        **extra,
    }


@guarded(selectors.pilot_for_user_or_404, "pilots.view_pilot")
def pilot_detail(request, plan):
    return render(request, "pilots/pilot_detail.html", _pilot_context(request, plan))


@require_POST
@guarded(
    selectors.pilot_for_user_or_404,
    "pilots.override_status",
    _lazy("Only coordinators set a pilot's status."),
)
def status_override(request, plan):
    form = StatusOverrideForm(request.POST)
    derived = selectors.state_of(plan, timezone.now().date()).derived
    if form.is_valid():
        services.pilot_status_override(
            plan=plan, actor=request.user, derived=derived, **form.cleaned_data
        )
        messages.success(request, _("The pilot's status was set, with your reason."))
        return redirect("pilots:pilot-detail", pk=plan.pk)
    context = _pilot_context(request, plan, override_form=form)
    return render(request, "pilots/pilot_detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
@guarded(
    selectors.check_in_for_user_or_404,
    "pilots.file_report",
    _lazy("Only the pilot's trainee files its reports, until they are submitted."),
)
def report_edit(request, check_in):
    report = report_or_new(check_in)
    submit = request.POST.get("action") == "submit"
    data = request.POST if request.method == "POST" else None
    form = ProgressReportForm(data, report=report, require_all=submit)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.report_save(
                check_in=check_in, actor=request.user, data=form.to_input(), submit=submit
            )
        except ValidationError as refused:
            return refuse(request, " ".join(refused.messages), back=request.path)
        if submit:
            messages.success(request, _("Your report was submitted. Thank you."))
            return redirect("pilots:report-detail", pk=saved.pk)
        messages.success(request, _("Your draft was saved."))
        return redirect("pilots:report-edit", pk=check_in.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "check_in": check_in,
        "plan": check_in.plan,
        "form": form,
        "report": report,
        "photo_count": report.photos.count() if report.pk else 0,
    }
    return render(request, "pilots/report_form.html", context, status=status)


@guarded(selectors.report_for_user_or_404, "pilots.view_report")
def report_detail(request, report):
    return render(request, "pilots/report_detail.html", _report_context(report))


def _report_context(report, **extra) -> dict:
    return {
        "report": report,
        "plan": report.check_in.plan,
        "view": report_view(report),
        "comments": selectors.report_comments(report),
        "comment_form": ReportCommentForm(),
        "pdf": getattr(report, "pdf", None),
        "photos": page_photos(report),
        **extra,
    }


@require_POST
@guarded(
    selectors.report_for_user_or_404,
    "pilots.comment_on_report",
    _lazy("Comments open once the report is submitted."),
)
def report_comment(request, report):
    form = ReportCommentForm(request.POST)
    if not form.is_valid():
        context = _report_context(report, comment_form=form)
        return render(request, "pilots/report_detail.html", context, status=400)
    services.report_comment_create(
        report=report, author=request.user, body=form.cleaned_data["body"]
    )
    messages.success(request, _("Your comment was added."))
    return redirect("pilots:report-detail", pk=report.pk)


@guarded(selectors.report_for_user_or_404, "pilots.view_report")
def report_pdf(request, report):
    pdf = getattr(report, "pdf", None)
    if pdf is None or pdf.status != ReportPdf.Status.READY:
        return render(request, "pilots/report_pdf_status.html", {"report": report, "pdf": pdf})
    plan = report.check_in.plan
    name = f"progress-report-{plan.pk}-{report.check_in.months}m.pdf"
    return FileResponse(
        pdf.file.open("rb"), as_attachment=False, filename=name, content_type="application/pdf"
    )
