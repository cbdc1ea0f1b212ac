from django.contrib import admin

from seminars.models import Seminar, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ("title", "track", "starts_at", "ends_at", "place")


@admin.register(Seminar)
class SeminarAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "start_date", "end_date", "status", "capacity")
    list_filter = ("status", "year")
    inlines = [SessionInline]
