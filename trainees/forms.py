from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from ecotown.core.forms import time_zone_choices
from ecotown.core.models import User
from ecotown.core.widgets import FixedChoiceField, PlainSelect
from seminars.forms import SeminarChoiceField
from seminars.models import Seminar, Track
from trainees import csv_io
from trainees.models import Enrolment, ExpertProfile, TraineeProfile
from trainees.services import email_taken


class PersonForm(forms.Form):
    """The account fields shared by trainees and experts."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=time_zone_choices, initial="Asia/Tokyo"
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email_taken(email):
            raise forms.ValidationError(_("A person with this e-mail exists already."))
        return email


class TraineeCreateForm(PersonForm):
    country = LazyTypedChoiceField(
        label=_("Country"), choices=countries, widget=PlainSelect(fixed_choices="countries")
    )
    organisation = forms.CharField(label=_("Organisation or ministry"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    languages = forms.CharField(label=_("Languages"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    seminar = forms.ModelChoiceField(
        label=_("Nominate to seminar"),
        queryset=Seminar.objects.exclude(status=Seminar.Status.CLOSED),
    )
    nominated_by = forms.CharField(
        label=_("Nominated by"),
        max_length=200,
        required=False,
        help_text=_("The government or organisation that nominated this trainee."),
    )


class NominateForm(forms.Form):
    """Nominate an existing trainee to another seminar (a later year's, say)."""

    seminar = forms.ModelChoiceField(
        label=_("Seminar"), queryset=Seminar.objects.exclude(status=Seminar.Status.CLOSED)
    )
    nominated_by = forms.CharField(label=_("Nominated by"), max_length=200, required=False)


class ExpertCreateForm(PersonForm):
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    # Named as ExpertProfile.fields; Django's form metaclass moves it into base_fields.
    fields = forms.MultipleChoiceField(  # type: ignore[assignment]
        label=_("Fields"),
        choices=Track.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(label=_("Languages"), max_length=200, required=False)


class AccountForm(forms.ModelForm):
    """A coordinator's edit of a person's account (the profile has its own form)."""

    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        widget=PlainSelect(fixed_choices="time-zones"),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "time_zone"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email_taken(email, exclude=self.instance):
            raise forms.ValidationError(_("A person with this e-mail exists already."))
        return email


class TraineeProfileForm(forms.ModelForm):
    class Meta:
        model = TraineeProfile
        fields = ["country", "organisation", "position", "languages", "phone"]
        widgets = {"country": PlainSelect(fixed_choices="profile-country")}


class ExpertProfileForm(forms.ModelForm):
    # Named as ExpertProfile.fields; Django's form metaclass moves it into base_fields.
    fields = forms.MultipleChoiceField(  # type: ignore[assignment]
        label=_("Fields"),
        choices=Track.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ExpertProfile
        fields = ["organisation", "fields", "languages"]


class OwnTraineeContactForm(forms.ModelForm):
    """What trainees keep up to date themselves; country and organisation are the nomination's."""

    class Meta:
        model = TraineeProfile
        fields = ["phone", "languages", "position"]


class OwnExpertContactForm(forms.ModelForm):
    class Meta:
        model = ExpertProfile
        fields = ["languages"]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Comma-separated, UTF-8. Columns: %(columns)s (the first five are required).")
        % {"columns": ", ".join(csv_io.COLUMNS)},
    )
    seminar = forms.ModelChoiceField(
        label=_("Nominate to seminar"),
        queryset=Seminar.objects.exclude(status=Seminar.Status.CLOSED),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > csv_io.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(kb)d KB.") % {"kb": csv_io.MAX_BYTES // 1024}
            )
        try:
            return csv_io.decode(upload.read())
        except csv_io.CsvError as error:
            raise forms.ValidationError(str(error)) from error


class RosterFilterForm(forms.Form):
    # Plain widgets with Bootstrap's classes: the filter is rendered without crispy's templates,
    # which cost the roster more than its rows did.
    seminar = SeminarChoiceField(
        label=_("Seminar"),
        empty_label=_("Any seminar"),
        required=False,
        widget=PlainSelect(attrs={"class": "form-select"}),
    )
    status = FixedChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Enrolment.Status.choices],
        required=False,
        widget=PlainSelect(attrs={"class": "form-select"}, fixed_choices="roster-status"),
    )
    country = FixedChoiceField(
        label=_("Country"),
        choices=[("", _("Any country")), *countries],
        required=False,
        widget=PlainSelect(attrs={"class": "form-select"}, fixed_choices="roster-country"),
    )
    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
