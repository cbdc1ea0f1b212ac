"""Sessions signed in by Django's ModelBackend now name ecotown.core.backends.PersonBackend,
which replaces it in AUTHENTICATION_BACKENDS: without this, every signed-in person would be
signed out by the upgrade (Django drops a session whose backend is no longer listed)."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import migrations
from django.utils import timezone

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
PERSON_BACKEND = "ecotown.core.backends.PersonBackend"


def rename_backend(apps, old: str, new: str) -> int:
    """Rewrite each live session signed in by `old` to name `new`; the number rewritten."""
    session_model = apps.get_model("sessions", "Session")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    rewritten = 0
    live = session_model.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator():
        data = store.decode(session.session_data)
        if data.get(BACKEND_SESSION_KEY) == old:
            data[BACKEND_SESSION_KEY] = new
            session.session_data = store.encode(data)
            session.save(update_fields=["session_data"])
            rewritten += 1
    return rewritten


def forwards(apps, schema_editor):
    rename_backend(apps, MODEL_BACKEND, PERSON_BACKEND)


def backwards(apps, schema_editor):
    rename_backend(apps, PERSON_BACKEND, MODEL_BACKEND)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_user_language"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
