"""The coordinators' portfolio: every pilot across seminars and years with its counts, charts
and map; its CSV and XLSX exports; the yearly programme report PDF for donors."""

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from ecotown.core.forms import DocumentLanguageForm
from ecotown.core.guards import permission_required
from pilots.map_svg import pilot_map
from pilots.models import ProgrammeReport
from pilots.portfolio import (
    PortfolioFilterForm,
    filter_choices,
    portfolio_counts,
    portfolio_rows,
)
from pilots.portfolio_export import portfolio_csv, portfolio_xlsx
from pilots.programme_report import overview_chart
from pilots.selectors import pilots_for_user
from pilots.services.programme import programme_report_request
from seminars.models import Seminar

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request):
    """The filter form of the query string and the rows it selects (None when invalid)."""
    choices = filter_choices(pilots_for_user(request.user))
    form = PortfolioFilterForm(request.GET or None, **choices)
    if not form.is_bound:
        return form, portfolio_rows(request.user, {}, timezone.now().date())
    if not form.is_valid():
        return form, None
    return form, portfolio_rows(request.user, form.cleaned_data, timezone.now().date())


@permission_required("pilots.view_portfolio")
def portfolio(request):
    form, rows = _filtered(request)
    if rows is None:
        return render(request, "pilots/portfolio.html", {"form": form, "rows": []}, status=400)
    context = {
        "form": form,
        "rows": rows,
        "counts": portfolio_counts(rows),
        "map": pilot_map(rows),
        "chart": overview_chart(rows),
        "query": request.GET.urlencode(),
    }
    return render(request, "pilots/portfolio.html", context)


def _export(request, render_rows, content_type: str, extension: str) -> HttpResponse:
    form, rows = _filtered(request)
    if rows is None:
        return HttpResponseBadRequest(_("These filters are not valid: %s") % form.errors.as_text())
    response = HttpResponse(render_rows(rows), content_type=content_type)
    stamp = timezone.now().date().isoformat()
    response["Content-Disposition"] = f'attachment; filename="pilots-{stamp}.{extension}"'
    return response


@permission_required("pilots.view_portfolio")
def portfolio_csv_view(request):
    return _export(request, portfolio_csv, "text/csv; charset=utf-8", "csv")


@permission_required("pilots.view_portfolio")
def portfolio_xlsx_view(request):
    return _export(request, portfolio_xlsx, XLSX, "xlsx")


class ProgrammeReportForm(DocumentLanguageForm):
    year = forms.TypedChoiceField(label=_lazy("Year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted(set(Seminar.objects.values_list("year", flat=True)))
        self.fields["year"].choices = [(y, str(y)) for y in reversed(years)]


@permission_required("pilots.view_portfolio")
@require_http_methods(["GET", "POST"])
def programme_reports(request):
    form = ProgrammeReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme_report_request(
            year=form.cleaned_data["year"],
            language=form.cleaned_data["language"],
            actor=request.user,
        )
        messages.success(request, _("The report is being prepared: it appears below."))
        return redirect("portfolio:programme-reports")
    reports = ProgrammeReport.objects.select_related("requested_by")[:30]
    status = 400 if form.is_bound else 200
    context = {"form": form, "reports": reports}
    return render(request, "pilots/programme_reports.html", context, status=status)


@permission_required("pilots.view_portfolio")
def programme_report_pdf(request, pk: int):
    report = get_object_or_404(ProgrammeReport, pk=pk)
    if report.status != ProgrammeReport.Status.READY:
        messages.info(request, _("This report is not ready: %s.") % report.get_status_display())
        return redirect("portfolio:programme-reports")
    name = f"programme-report-{report.year}-{report.language}.pdf"
    return FileResponse(
        report.file.open("rb"), as_attachment=False, filename=name, content_type="application/pdf"
    )
