from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "email", "verb", "subject", "read_at", "emailed_at")
    list_filter = ("verb",)
    list_select_related = ("recipient",)
    search_fields = ("subject", "recipient__username", "email")
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False
