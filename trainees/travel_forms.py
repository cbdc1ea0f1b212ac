"""The travel details form: times as clocks show them in the seminar's zone (flights land and
leave there)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from seminars.forms import WallClockField, wall_clock
from trainees.models import TravelDetails
from trainees.travel import TRAVEL_FIELDS


class TravelForm(forms.ModelForm):
    arrival_at = WallClockField(label=_("Arrival (date and time)"), required=False)
    departure_at = WallClockField(label=_("Departure (date and time)"), required=False)

    class Meta:
        model = TravelDetails
        fields = list(TRAVEL_FIELDS)
        widgets = {
            "passport_expiry": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "accommodation_needs": forms.Textarea(attrs={"rows": 2}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.seminar = seminar
        note = _("As clocks show it in %(zone)s.") % {"zone": seminar.time_zone}
        for name in ("arrival_at", "departure_at"):
            self.fields[name].help_text = note
            if self.instance.pk:
                self.initial[name] = wall_clock(getattr(self.instance, name), seminar.zone)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save travel details")))

    def clean(self):
        data = super().clean()
        for name in ("arrival_at", "departure_at"):
            if data.get(name):
                data[name] = timezone.make_aware(data[name], self.seminar.zone)
        arrival, departure = data.get("arrival_at"), data.get("departure_at")
        if arrival and departure and departure <= arrival:
            self.add_error("departure_at", _("The departure must come after the arrival."))
        expiry = data.get("passport_expiry")
        if expiry and expiry < self.seminar.end_date:
            self.add_error(
                "passport_expiry", _("The passport expires before the seminar ends: renew it.")
            )
        return data
