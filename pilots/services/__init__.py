"""Every write of the pilots app: check-ins and reminders, reports, comments, status overrides,
report PDFs. Each service is atomic and audited (ecotown.core.workflow)."""

from pilots.services.checkins import check_in_reminders_send, check_ins_schedule, due_date
from pilots.services.pdf import report_pdf_render
from pilots.services.reports import (
    ReportInput,
    pilot_status_override,
    report_comment_create,
    report_save,
)

__all__ = [
    "ReportInput",
    "check_in_reminders_send",
    "check_ins_schedule",
    "due_date",
    "pilot_status_override",
    "report_comment_create",
    "report_pdf_render",
    "report_save",
]
