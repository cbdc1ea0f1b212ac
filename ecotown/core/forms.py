import zoneinfo
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from ecotown.core.models import User
from ecotown.core.widgets import PlainSelect


def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(
        zone
        for zone in zoneinfo.available_timezones()
        if "/" in zone and not zone.startswith("Etc")
    )
    return [(zone, zone.replace("_", " ")) for zone in zones]


class AccountSettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        widget=PlainSelect(fixed_choices="time-zones"),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "time_zone", "email_digest"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))
