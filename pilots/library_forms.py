"""Forms of the library, the consent to show a plan, and the alumni directory."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ecotown.core.widgets import PlainSelect
from pilots.alumni import AlumniQuery
from pilots.library import LibraryQuery
from pilots.models import AlumniListing, PlanConsent
from planning_docs.models import Sector

SMALL_SELECT = {"class": "form-select form-select-sm"}


def _country_field(fixed: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Country"),
        choices=[("", _("Any country")), *countries],
        required=False,
        widget=PlainSelect(attrs=SMALL_SELECT, fixed_choices=fixed),
    )


def _sector_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Any sector")), *Sector.choices],
        required=False,
        widget=forms.Select(attrs=SMALL_SELECT),
    )


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), max_length=200, required=False)
    country = _country_field("library-filter-country")
    sector = _sector_field()
    technology = forms.CharField(
        label=_("Technology"),
        max_length=100,
        required=False,
        help_text=_("Words from the plans' technologies and recycling chains, e.g. compost."),
    )

    def query(self) -> LibraryQuery:
        """What to search for; an invalid filter counts as none (the form shows why)."""
        if not self.is_valid():
            return LibraryQuery()
        data = self.cleaned_data
        return LibraryQuery(
            text=data["q"].strip(),
            country=data["country"],
            sector=data["sector"],
            technology=data["technology"].strip(),
        )


class AlumniFilterForm(forms.Form):
    country = _country_field("alumni-filter-country")
    sector = _sector_field()

    def query(self) -> AlumniQuery:
        if not self.is_valid():
            return AlumniQuery()
        return AlumniQuery(country=self.cleaned_data["country"], sector=self.cleaned_data["sector"])


class PlanConsentForm(forms.Form):
    """The trainee's choices. A plain form: the service, not model validation, clears a
    coordinator's approval when consent is withdrawn."""

    show_to_trainees = forms.BooleanField(
        label=_("Later trainees may read my approved plan in the library"), required=False
    )
    public = forms.BooleanField(
        label=_("The public may read a summary of my pilot (after a coordinator approves it)"),
        required=False,
    )
    summary = forms.CharField(
        label=_("Public summary"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What the public may read about your pilot (no personal data): required to make it "
            "public. A coordinator approves it before it is shown."
        ),
    )

    @classmethod
    def of(cls, consent: PlanConsent, data=None) -> "PlanConsentForm":
        initial = {
            "show_to_trainees": consent.show_to_trainees,
            "public": consent.public,
            "summary": consent.summary,
        }
        return cls(data, initial=initial)

    def clean(self):
        data = super().clean()
        if data.get("public") and not (data.get("summary") or "").strip():
            self.add_error("summary", _("Write the summary the public may read."))
        return data


class AlumniListingForm(forms.ModelForm):
    class Meta:
        model = AlumniListing
        fields = ["listed", "note"]
        help_texts = {
            "listed": _(
                "Other alumni, experts and coordinators then see your name, country, "
                "organisation, e-mail address, seminar and the sector of your pilot."
            )
        }
