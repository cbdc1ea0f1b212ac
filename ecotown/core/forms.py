import zoneinfo
from datetime import date, datetime
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ecotown.core.accounts import email_in_use
from ecotown.core.languages import language_choices, supported
from ecotown.core.models import User
from ecotown.core.widgets import PlainSelect

# Django 6.1 names a select's empty choice "- Select an option -" and does not yet translate it
# into every language the portal speaks (Arabic, Japanese, Spanish): the portal's catalogues do,
# and this message keeps it in them.
BLANK_CHOICE_LABEL = _("- Select an option -")

# The dates people may enter (seminars, sessions, deadlines): wide enough for any real seminar,
# past or planned, and far enough from the calendar's ends that every use of them (another time
# zone, a copy one year on, an iCal feed, a PDF) stays inside it.
DATE_WINDOW_PAST_YEARS = 30
DATE_WINDOW_FUTURE_YEARS = 10


def date_window(today: date | None = None) -> tuple[date, date]:
    """The first and last day that may be entered, around today."""
    today = today or timezone.localdate()
    return (
        date(today.year - DATE_WINDOW_PAST_YEARS, 1, 1),
        date(today.year + DATE_WINDOW_FUTURE_YEARS, 12, 31),
    )


def validate_in_date_window(value: date | datetime) -> None:
    first, last = date_window()
    day = value.date() if isinstance(value, datetime) else value
    if not first <= day <= last:
        raise ValidationError(
            _("Choose a date between %(first)s and %(last)s."),
            code="date_window",
            params={"first": first.isoformat(), "last": last.isoformat()},
        )


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
        fields = ["first_name", "last_name", "email", "language", "time_zone", "email_digest"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "A new address is used once you open the link we send to it."
        )
        self.fields["language"].choices = [("", _("As my browser asks")), *language_choices()]
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip()
        if email_in_use(email, exclude=self.instance):
            raise ValidationError(_("Another account uses this address."))
        return email


class DocumentLanguageForm(forms.Form):
    """The language a document (a report, a compendium) is written in, chosen by whoever asks
    for it: by default the one they read the portal in."""

    language = forms.ChoiceField(
        label=_("Language"),
        choices=language_choices,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = self.reader_language()

    @staticmethod
    def reader_language() -> str:
        return supported(translation.get_language()) or settings.LANGUAGE_CODE

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or self.reader_language()
