from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.utils.translation import gettext_lazy as _

from pilots.models import CheckIn, FollowUpSchedule, ProgressReport, StatusOverride

MONTHS_MAX = 120


class FollowUpScheduleForm(ModelForm):
    class Meta:
        model = FollowUpSchedule
        fields = ["seminar", "months"]
        help_texts = {
            "months": _("A list of whole months after the seminar's last day, e.g. [6, 12, 24].")
        }

    def clean_months(self):
        months = self.cleaned_data["months"]
        if (
            not isinstance(months, list)
            or not months
            or not all(isinstance(m, int) and 1 <= m <= MONTHS_MAX for m in months)
        ):
            raise ValidationError(
                _("Give whole months between 1 and %(max)d, e.g. [6, 12, 24]."),
                params={"max": MONTHS_MAX},
            )
        return sorted(set(months))


@admin.register(FollowUpSchedule)
class FollowUpScheduleAdmin(admin.ModelAdmin):
    form = FollowUpScheduleForm
    list_display = ["seminar", "months"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["plan", "months", "due_on"]
    list_select_related = ["plan"]
    readonly_fields = ["plan", "version", "months", "due_on"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    # Reports change only through their services; the admin reads them.
    list_display = ["check_in", "status", "submitted_at"]
    list_select_related = ["check_in__plan"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StatusOverride)
class StatusOverrideAdmin(admin.ModelAdmin):
    list_display = ["plan", "status", "by", "at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False
