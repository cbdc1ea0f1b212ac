"""The pilots' part of a person's export and erasure (ecotown.core.erasure): a trainee's progress
reports and everyone's comments on them stay, with the person's alias wherever they are named."""

from collections.abc import Iterator
from typing import Any

from ecotown.core import outbox
from ecotown.core.erasure import alias_of, mentioning, scrub_rows, when
from pilots.models import ProgressReport, ReportComment, ReportPdf, StatusOverride

REPORT_TEXTS = ["worked", "obstacles", "help_requested", "indicators", "milestones", "financing"]


def _reports_of(user: Any) -> Any:
    return ProgressReport.objects.filter(check_in__plan__enrolment__trainee=user)


def export(user: Any) -> tuple[str, Any]:
    reports = _reports_of(user).select_related("check_in").order_by("check_in__due_on")
    return "pilots", {
        "progress_reports": [
            {
                "plan": r.check_in.plan_id,
                "months": r.check_in.months,
                "status": r.status,
                "submitted_at": when(r.submitted_at),
                **{field: getattr(r, field) for field in REPORT_TEXTS},
            }
            for r in reports
        ],
        "report_comments": [
            {"report": c.report_id, "body": c.body, "at": when(c.created_at)}
            for c in ReportComment.objects.filter(author=user).order_by("created_at")
        ],
    }


def files(user: Any) -> Iterator[tuple[str, bytes]]:
    """The ready PDFs of the person's progress reports."""
    ready = ReportPdf.objects.filter(report__in=_reports_of(user), status=ReportPdf.Status.READY)
    for pdf in ready:
        with pdf.file.open("rb") as content:
            yield f"reports/{pdf.report_id}.pdf", content.read()


def erase(user: Any, words: list[str]) -> None:
    """The person's reports, and anyone's comment or status reason naming them, read the alias.
    Their reports' PDFs print their name: each is rendered again, under the alias."""
    alias = alias_of(user)
    scrub_rows(_reports_of(user), REPORT_TEXTS, words, alias)
    scrub_rows(ReportComment.objects.filter(mentioning(["body"], words)), ["body"], words, alias)
    overrides = StatusOverride.objects.filter(mentioning(["reason"], words))
    scrub_rows(overrides, ["reason"], words, alias)
    for pdf in ReportPdf.objects.filter(report__in=_reports_of(user)):
        if pdf.file:
            pdf.file.delete(save=False)
        ReportPdf.objects.filter(pk=pdf.pk).update(
            status=ReportPdf.Status.QUEUED, file="", sha256="", pages=0, error="", finished_at=None
        )
        outbox.task_send_on_commit("pilots.render_report_pdf", pdf.pk)
