"""The Celery application. Its settings live in ecotown/settings.py under the CELERY_ prefix."""

import os

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecotown.settings")

app = Celery("ecotown")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _forget_content_type_ids(**kwargs):
    """Content type ids are cached per process; a worker outlives database resets (a restored
    backup, a test flush), so it reads them afresh for each task. It costs one small query."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
