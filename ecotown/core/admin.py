from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Imported for their admin classes; importing registers them, replaced below.
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecotown.core import mfa
from ecotown.core.models import AuditEvent, OutboxTask, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), (_("Preferences"), {"fields": ("time_zone",)}))
    list_display = ("username", "email", "first_name", "last_name", "is_staff")
    list_filter = ("groups", "is_staff", "is_superuser", "is_active")
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor sign-in (a lost phone)"))
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        assert isinstance(request.user, User)
        for user in queryset:
            mfa.mfa_disable(user=user, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "Two-factor sign-in reset for %(count)d person: they set it up again "
                "at their next sign-in.",
                "Two-factor sign-in reset for %(count)d people: they set it up again "
                "at their next sign-in.",
                len(queryset),
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "verb", "from_status", "to_status", "actor", "content_type", "object_id")
    list_filter = ("verb", "content_type")
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """Tasks waiting for the broker: an empty list is the normal state."""

    list_display = ("created_at", "task", "args", "attempts", "last_error")
    readonly_fields = [field.name for field in OutboxTask._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class LoggedDeviceAdmin(admin.ModelAdmin):
    """django-otp's device pages, with every addition, change and deletion going through the
    logged services in ecotown.core.mfa: a device reset by hand here is in the audit log too."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        assert isinstance(request.user, User)
        mfa.mfa_device_save(
            device=obj, actor=request.user, changed=form.changed_data, adding=not change
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        assert isinstance(request.user, User)
        mfa.mfa_device_delete(device=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        assert isinstance(request.user, User)
        for device in queryset:
            mfa.mfa_device_delete(device=device, actor=request.user)


class LoggedTOTPDeviceAdmin(LoggedDeviceAdmin, TOTPDeviceAdmin):
    pass


class LoggedStaticDeviceAdmin(LoggedDeviceAdmin, StaticDeviceAdmin):
    pass


for model, model_admin in (
    (TOTPDevice, LoggedTOTPDeviceAdmin),
    (StaticDevice, LoggedStaticDeviceAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
