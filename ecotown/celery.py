"""The Celery application. Its settings live in ecotown/settings.py under the CELERY_ prefix."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecotown.settings")

app = Celery("ecotown")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
