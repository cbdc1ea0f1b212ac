"""Background work of the plans: PDF renders and the sweeper that keeps them honest.

Tasks take ids and call one service. Settings make every task acknowledged late and re-queued if
its worker dies (CELERY_TASK_ACKS_LATE, CELERY_TASK_REJECT_ON_WORKER_LOST); renders are idempotent
per content, so a redelivered task either finishes the render or finds it done.
"""

from celery import shared_task
from django.conf import settings

from planning_docs.pdf import services as pdf_services

RENDER_MAX_RETRIES = 4


def retry_countdown(retries: int) -> int:
    """Exponential backoff: 2, 4, 8, 16 seconds (capped at a minute)."""
    return min(2 ** (retries + 1), 60)


@shared_task(
    bind=True,
    name="planning_docs.render_pdf",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=RENDER_MAX_RETRIES,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def render_pdf(self, render_id: int) -> int | None:
    """Render one PdfRender. Transient errors retry with backoff; the last one fails the render."""
    try:
        render = pdf_services.pdf_render_run(render_id=render_id, task_id=self.request.id or "")
    except pdf_services.TRANSIENT_ERRORS as error:
        cause = f"{type(error).__name__}: {error}"
        if self.request.retries >= self.max_retries:
            pdf_services.pdf_render_fail(
                render_id=render_id, error=f"Gave up after {self.max_retries + 1} tries. {cause}"
            )
            return None
        pdf_services.pdf_render_requeue(render_id=render_id, error=cause)
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error
    return render.pk if render is not None else None


@shared_task(name="planning_docs.send_compendium")
def send_compendium(render_id: int, member_ids: list[int]) -> None:
    """Send a compendium's chord from a worker; the request recorded only this task."""
    pdf_services.pdf_send_compendium_chord(render_id=render_id, member_ids=member_ids)


@shared_task(name="planning_docs.sweep_pdf_renders")
def sweep_pdf_renders() -> dict:
    """Periodic (CELERY_BEAT_SCHEDULE): re-queue renders whose worker died (fail them after the
    last attempt); send again the messages of renders queued for too long."""
    return pdf_services.pdf_sweep_stuck()
