import socket

from celery import shared_task
from django.contrib.auth import get_user_model


@shared_task(name="core.ping")
def ping(token: str) -> dict:
    """Proves a worker runs, reads the same database as the web process, and answers."""
    return {"token": token, "host": socket.gethostname(), "users": get_user_model().objects.count()}
