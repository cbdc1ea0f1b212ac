"""`with nothing_changes(plan, Comment.objects.all()):` for tests of refused requests and moves.

A refusal must leave everything as it was: the rows the test names (model instances, querysets or
whole models) read the same afterwards, field by field, and no e-mail, notification, audit event
or after-commit task came out of it.
"""

from contextlib import contextmanager

from django.apps import apps
from django.core import mail
from django.db import models
from django.test import TestCase

from ecotown.core.models import AuditEvent
from notifications.models import Notification

PROJECT_APPS = (
    "core",
    "notifications",
    "seminars",
    "trainees",
    "planning_docs",
    "reviews",
    "pilots",
)


def project_models() -> list[type[models.Model]]:
    """Every model of the portal's own apps: `nothing_changes(*project_models())` watches all."""
    return [model for model in apps.get_models() if model._meta.app_label in PROJECT_APPS]


def _rows(watched) -> list[dict]:
    if isinstance(watched, models.Model):
        return list(type(watched)._base_manager.filter(pk=watched.pk).values())
    if isinstance(watched, models.QuerySet):
        return list(watched.order_by("pk").values())
    if isinstance(watched, type) and issubclass(watched, models.Model):
        return list(watched._base_manager.order_by("pk").values())
    raise TypeError(f"Cannot watch {watched!r}: give a model instance, a queryset or a model.")


def _label(watched) -> str:
    if isinstance(watched, models.Model):
        return f"{type(watched).__name__} {watched.pk}"
    if isinstance(watched, models.QuerySet):
        return f"{watched.model.__name__} rows"
    return f"{watched.__name__} table"


def _side_effects() -> dict[str, list]:
    return {
        "audit events": list(AuditEvent.objects.order_by("pk").values_list("pk", flat=True)),
        "notifications": list(Notification.objects.order_by("pk").values_list("pk", flat=True)),
        "e-mails": [(message.to, message.subject) for message in mail.outbox],
    }


@contextmanager
def nothing_changes(*watched):
    """Assert that the block changed none of `watched` and had no side effect at all.

    Watched rows are compared field by field (a row that disappeared or appeared in a queryset
    counts as a change). Also checked: no audit event, no notification, no e-mail in the outbox
    and no callback queued for after the commit.
    """
    before = [_rows(item) for item in watched]
    effects = _side_effects()
    # Checked also when the block raises, so that `pytest.raises` may stand inside or outside.
    try:
        with TestCase.captureOnCommitCallbacks() as callbacks:
            yield
    finally:
        for item, rows in zip(watched, before, strict=True):
            assert _rows(item) == rows, f"{_label(item)} changed"
        assert _side_effects() == effects
        assert callbacks == [], "work was queued for after the commit"
