from django.contrib import admin

from seminars.models import CalendarFeedToken, Seminar, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ("title", "track", "starts_at", "ends_at", "place")


@admin.register(Seminar)
class SeminarAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "start_date", "end_date", "status", "capacity")
    list_filter = ("status", "year")
    inlines = [SessionInline]


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    """Deleting a row here revokes that person's calendar link."""

    list_display = ("user", "created_at", "updated_at")
    search_fields = ("user__username", "user__last_name")
    readonly_fields = ("user", "token", "created_at", "updated_at")
