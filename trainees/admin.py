from django.contrib import admin

from trainees.models import Enrolment, ExpertProfile, TraineeProfile


@admin.register(TraineeProfile)
class TraineeProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "country", "organisation", "position")
    search_fields = ("user__username", "user__first_name", "user__last_name", "organisation")


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation")


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("trainee", "seminar", "status", "offer_expires_at")
    list_filter = ("status", "seminar")
    # Status moves go through services so they are checked and logged.
    readonly_fields = ("status",)
