"""The coordinators' reading of the audit log: filters and the scoped, paginated query.

The rows themselves are written only through ecotown.core.workflow and cannot be changed or
removed afterwards (a database trigger, core migration 0007)."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecotown.core.models import AuditEvent


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class AuditFilterForm(forms.Form):
    person = forms.CharField(
        label=_("Done by"),
        required=False,
        max_length=100,
        help_text=_("User name, name or e-mail address"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    object_type = forms.ModelChoiceField(
        label=_("Object type"),
        queryset=ContentType.objects.none(),
        required=False,
        empty_label=_("Any type"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    object_id = forms.IntegerField(
        label=_("Object number"),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    verb = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action")), *AuditEvent.Verb.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    since = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}),
    )
    until = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the types the log speaks of: a short list, one query.
        logged = AuditEvent.objects.values("content_type").distinct()
        field: Any = self.fields["object_type"]
        field.queryset = ContentType.objects.filter(pk__in=logged).order_by("app_label", "model")
        field.label_from_instance = lambda ct: str(ct.model_class()._meta.verbose_name).capitalize()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end comes before the start."))
        return data


def audit_events_for_coordinator(
    *,
    person: str = "",
    object_type: ContentType | None = None,
    object_id: int | None = None,
    verb: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """The log, newest first, filtered; dates are whole days in the reader's time zone."""
    events = AuditEvent.objects.select_related("actor", "content_type")
    if person:
        events = events.filter(
            Q(actor__username__icontains=person)
            | Q(actor__first_name__icontains=person)
            | Q(actor__last_name__icontains=person)
            | Q(actor__email__icontains=person)
        )
    if object_type is not None:
        events = events.filter(content_type=object_type)
    if object_id is not None:
        events = events.filter(object_id=object_id)
    if verb:
        events = events.filter(verb=verb)
    if since:
        events = events.filter(at__gte=_start_of(since))
    if until:
        events = events.filter(at__lt=_start_of(until + timedelta(days=1)))
    return events.order_by("-at", "-id")


# The SQLite half of migration 0007's refusal to delete (PostgreSQL's flush truncates, which row
# triggers never see; SQLite's deletes row by row).
SQLITE_NEVER_DELETED = """
CREATE TRIGGER core_auditevent_never_deleted
BEFORE DELETE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are immutable'); END;
"""


@contextmanager
def audit_rows_deletable() -> Iterator[None]:
    """Lets a flush empty a throwaway SQLite database (the bench's); never used on real data."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS core_auditevent_never_deleted")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(SQLITE_NEVER_DELETED)
