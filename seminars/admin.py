from django.contrib import admin
from django.db import models

from ecotown.core.forms import validate_in_date_window
from seminars.models import CalendarFeedToken, Place, Seminar, Session


class DateWindowMixin:
    """The admin's date fields keep to the same window as the portal's forms."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateField) and field is not None:  # DateTimeField too
            field.validators.append(validate_in_date_window)
        return field


class SessionInline(DateWindowMixin, admin.TabularInline):
    model = Session
    extra = 0
    fields = ("title", "track", "starts_at", "ends_at", "place")


@admin.register(Seminar)
class SeminarAdmin(DateWindowMixin, admin.ModelAdmin):
    list_display = ("title", "year", "start_date", "end_date", "status", "capacity")
    list_filter = ("status", "year")
    inlines = [SessionInline]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "capacity", "address")
    search_fields = ("name", "address")


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    """Deleting a row here revokes that person's calendar link."""

    list_display = ("user", "created_at", "updated_at")
    search_fields = ("user__username", "user__last_name")
    readonly_fields = ("user", "token", "created_at", "updated_at")
