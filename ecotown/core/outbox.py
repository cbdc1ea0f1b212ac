"""The transactional outbox: a service that wants a task done records it in its own transaction;
the task goes to the broker after commit. A request never waits on the broker, and a task asked
for while the broker was away is sent by the periodic sweep (`core.send_outbox`) once it is back.

Tasks sent this way must be idempotent (every task here is): a task can reach the broker twice
when the row's deletion fails after the broker took it.
"""

import logging
import time
from functools import partial
from typing import Any

from celery import Task, current_app
from django.db import transaction
from django.db.models import F

from ecotown.core.models import OutboxTask

logger = logging.getLogger(__name__)

# After the broker refused a task, the other tasks of this process's requests wait for the sweep
# for this long instead of each trying (and waiting) again.
PAUSE_AFTER_FAILURE = 10.0
_paused_until = 0.0
# One quick reconnection, no more: Celery's default policy waits ~0.6 s on a refused connection,
# and retry=False waits for kombu's connection timeout. The sweep tries again anyway.
SEND_OPTIONS = {"retry": True, "retry_policy": {"max_retries": 1, "interval_start": 0}}


def task_send_on_commit(task: str, *args: Any, **options: Any) -> OutboxTask:
    """Record `task(*args)` with Celery sending `options` (JSON values: queue, priority…).

    Side effects: an OutboxTask row in the caller's transaction; after commit, the task is sent
    to the broker and the row deleted. If the broker is away the row waits for the sweep.
    """
    row = OutboxTask.objects.create(task=task, args=list(args), options=options)
    # robust: the write is committed whatever happens here; the sweep sends what is left.
    transaction.on_commit(partial(_send_after_commit, row.pk), robust=True)
    return row


def _send_after_commit(row_id: int) -> None:
    global _paused_until
    if time.monotonic() < _paused_until:
        return
    if not _send(row_id):
        _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE


def _send(row_id: int) -> bool:
    """Send one recorded task and delete its row. False when the broker refused it."""
    with transaction.atomic():
        # Locked while it is sent, so the sweep and the request never send it both.
        row = OutboxTask.objects.select_for_update(skip_locked=True).filter(pk=row_id).first()
        if row is None:
            return True  # sent already, or being sent by another process
        try:
            _task(row.task).apply_async(args=row.args, **SEND_OPTIONS, **row.options)
        except Exception as error:  # the broker away, whatever the transport calls it
            logger.warning("Task %s stays in the outbox: %s", row, error)
            OutboxTask.objects.filter(pk=row.pk).update(
                attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000]
            )
            return False
        row.delete()
    return True


def _task(name: str) -> Task:
    # The apps' task modules are imported by the worker at start; a web process imports them
    # here, once, so that each task is sent with its own options (time limits, routing).
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def outbox_send_pending(*, limit: int = 1000) -> int:
    """Send the recorded tasks, oldest first, up to `limit`; stop at the first refusal.

    Called by the periodic sweep. Returns how many were sent.
    """
    sent = 0
    for row_id in OutboxTask.objects.values_list("pk", flat=True)[:limit]:
        if not _send(row_id):
            break
        sent += 1
    return sent
