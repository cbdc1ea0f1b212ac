"""The PDF of a submitted report, rendered once on a worker by the one PDF module."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ecotown.core.languages import document_lang
from ecotown.core.models import AuditEvent
from ecotown.core.pdf_files import stored_file_url
from ecotown.core.workflow import record
from pilots.models import ReportPdf
from pilots.report_view import photo_entries, report_view


def report_pdf_html(pdf: ReportPdf) -> str:
    report = pdf.report
    plan = report.check_in.plan
    # The report speaks its plan's document language, as the plan's own PDF does.
    with translation.override(plan.language):
        return render_to_string(
            "pilots/pdf/report_document.html",
            {
                "report": report,
                "plan": plan,
                "view": report_view(report),
                "photos": photo_entries(
                    report, lambda photo: stored_file_url(str(photo.file.name))
                ),
                **document_lang(),
            },
        )


def report_pdf_render(*, pdf_id: int) -> ReportPdf | None:
    """Render one queued report PDF; a ready or failed one is left as it is (a redelivered task
    does nothing). Side effects: the file in storage, the row ready (or failed with the reason),
    an AuditEvent on the report. Raises what the PDF module raises for transient errors."""
    from ecotown.core import pdf as pdf_module  # web processes never load WeasyPrint

    pdf = (
        ReportPdf.objects.select_related("report__check_in__plan__enrolment__trainee")
        .filter(pk=pdf_id, status=ReportPdf.Status.QUEUED)
        .first()
    )
    if pdf is None:
        return None
    try:
        files = frozenset(pdf.report.photos.values_list("file", flat=True))
        rendered = pdf_module.render_pdf(report_pdf_html(pdf), files=files)
    except pdf_module.PdfError as error:
        return _finish(pdf, error=str(error))
    pdf.sha256, pdf.pages = rendered.sha256, rendered.pages
    pdf.file.save(f"{pdf.report_id}.pdf", ContentFile(rendered.content), save=False)
    return _finish(pdf)


@transaction.atomic
def _finish(pdf: ReportPdf, *, error: str = "") -> ReportPdf:
    pdf.status = ReportPdf.Status.FAILED if error else ReportPdf.Status.READY
    pdf.error, pdf.finished_at = error, timezone.now()
    pdf.save()
    verb = AuditEvent.Verb.REPORT_PDF_FAILED if error else AuditEvent.Verb.REPORT_PDF_READY
    record(pdf.report, verb=verb, actor=None, note=error)
    return pdf
