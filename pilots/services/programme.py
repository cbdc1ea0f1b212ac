"""The programme report PDF: requested by a coordinator, rendered once on a worker by the one
PDF module (the same pattern as the progress report PDFs, pilots.services.pdf)."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ecotown.core import outbox
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from pilots.models import ProgrammeReport
from pilots.programme_report import programme_report_html


def programme_report_request(
    *, year: int, actor: User, language: str = settings.LANGUAGE_CODE
) -> ProgrammeReport:
    """Queue the year's report in `language`, or return the one already queued. Side effects:
    a queued row, an AuditEvent, the render task sent on commit."""
    queued = ProgrammeReport.objects.filter(
        year=year, language=language, status=ProgrammeReport.Status.QUEUED
    )
    try:
        with transaction.atomic():
            if existing := queued.first():
                return existing
            report = ProgrammeReport.objects.create(
                year=year, language=language, requested_by=actor
            )
            record(
                report,
                verb=AuditEvent.Verb.PROGRAMME_REPORT_REQUESTED,
                actor=actor,
                note=language,
            )
            outbox.task_send_on_commit("pilots.render_programme_report", report.pk)
            return report
    except IntegrityError:  # another coordinator's request won the race: theirs is ours
        return queued.get()


def programme_report_render(*, report_id: int) -> ProgrammeReport | None:
    """Render one queued programme report; a ready or failed one is left as it is (a
    redelivered task does nothing). Side effects: the file in storage, the row ready (or
    failed with the reason), an AuditEvent. Raises what the PDF module raises for transient
    errors."""
    from ecotown.core import pdf as pdf_module  # web processes never load WeasyPrint

    report = ProgrammeReport.objects.filter(
        pk=report_id, status=ProgrammeReport.Status.QUEUED
    ).first()
    if report is None:
        return None
    html, report.pilots = programme_report_html(report.year, timezone.now().date(), report.language)
    try:
        rendered = pdf_module.render_pdf(html)
    except pdf_module.PdfError as error:
        return _finish(report, error=str(error))
    report.sha256, report.pages = rendered.sha256, rendered.pages
    report.file.save(f"{report.year}.pdf", ContentFile(rendered.content), save=False)
    return _finish(report)


@transaction.atomic
def _finish(report: ProgrammeReport, *, error: str = "") -> ProgrammeReport:
    report.status = ProgrammeReport.Status.FAILED if error else ProgrammeReport.Status.READY
    report.error, report.finished_at = error, timezone.now()
    report.save()
    verb = (
        AuditEvent.Verb.PROGRAMME_REPORT_FAILED if error else AuditEvent.Verb.PROGRAMME_REPORT_READY
    )
    record(report, verb=verb, actor=None, note=error)
    return report
