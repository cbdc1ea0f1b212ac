"""Checks behind /healthz: can this process reach the database and the Celery broker?"""

import logging

from django.conf import settings
from django.db import connection
from kombu import Connection


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_broker() -> str:
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    with Connection(
        settings.CELERY_BROKER_URL, transport_options=options, connect_timeout=2
    ) as broker:
        broker.ensure_connection(max_retries=1, timeout=3)
    return "ok"


CHECKS = {"database": check_database, "broker": check_broker}

logger = logging.getLogger(__name__)


def run_checks() -> tuple[bool, dict[str, str]]:
    """Every check's verdict, "ok" or "error".

    /healthz is public: the answer names only the part that failed. The reason (which may name
    hosts, addresses or credentials) goes to the log, where the operator reads it.
    """
    report: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception:  # a health check reports every failure, whatever its kind
            logger.exception("Health check %r failed", name)
            report[name] = "error"
    healthy = all(value == "ok" for value in report.values())
    return healthy, {"status": "ok" if healthy else "error", **report}
