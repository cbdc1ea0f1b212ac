"""Background work of the pilots: the daily reminders and the report PDFs (ids in, one service
call; settings make tasks acknowledged late, and both services are idempotent)."""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from pilots import services
from pilots.services.programme import programme_report_render

# A PDF render's task: acknowledged once done and re-queued if its worker dies; storage or the
# database away for a moment is tried again (the render stays queued meanwhile).
RENDER = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OSError, DatabaseError),
    "retry_backoff": 2,
    "max_retries": 4,
    "soft_time_limit": settings.CELERY_TASK_SOFT_TIME_LIMIT,
    "time_limit": settings.CELERY_TASK_TIME_LIMIT,
}


@shared_task(name="pilots.send_check_in_reminders")
def send_check_in_reminders() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): reminders about check-ins due soon or overdue."""
    return len(services.check_in_reminders_send())


@shared_task(name="pilots.render_report_pdf", **RENDER)
def render_report_pdf(pdf_id: int) -> int | None:
    """Render one submitted report's PDF; a redelivered task finds it done and does nothing."""
    pdf = services.report_pdf_render(pdf_id=pdf_id)
    return pdf.pk if pdf is not None else None


@shared_task(name="pilots.render_programme_report", **RENDER)
def render_programme_report(report_id: int) -> int | None:
    """Render one yearly programme report; a redelivered task finds it done and does nothing."""
    report = programme_report_render(report_id=report_id)
    return report.pk if report is not None else None
