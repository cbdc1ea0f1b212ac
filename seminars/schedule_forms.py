"""Forms for places, moving a session in the grid, site-visit details and publishing."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from seminars.forms import WallClockField, wall_clock
from seminars.models import Place, Seminar, Session, SiteVisit
from seminars.schedule_models import place_key


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = [
            "name",
            "kind",
            "address",
            "capacity",
            "map_url",
            "latitude",
            "longitude",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save place"))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        key = place_key(name)
        others = Place.objects.exclude(pk=self.instance.pk).values_list("name", flat=True)
        if any(place_key(other) == key for other in others):
            raise forms.ValidationError(_("A place of that name exists already."))
        return name

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data


class SessionMoveForm(forms.Form):
    """New times (on the seminar's clock) and place of a session: the grid's keyboard path."""

    starts_at = WallClockField(label=_("Starts"))
    ends_at = WallClockField(label=_("Ends"))
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all(), required=False)

    def __init__(self, *args, seminar: Seminar, session: Session, **kwargs):
        self.seminar = seminar
        kwargs.setdefault("initial", {}).update(
            starts_at=wall_clock(session.starts_at, seminar.zone),
            ends_at=wall_clock(session.ends_at, seminar.zone),
            place=session.place_id,
        )
        super().__init__(*args, **kwargs)
        note = _("%(zone)s time, the seminar's zone.") % {"zone": seminar.time_zone}
        self.fields["starts_at"].help_text = note
        self.fields["ends_at"].help_text = note
        self.helper = _helper(_("Move session"))

    def clean(self):
        data = super().clean()
        for name in ("starts_at", "ends_at"):
            if data.get(name):
                data[name] = timezone.make_aware(data[name], self.seminar.zone)
        return data


class SiteVisitForm(forms.ModelForm):
    departs_at = WallClockField(label=_("Departure"), required=False)

    class Meta:
        model = SiteVisit
        fields = [
            "host",
            "address",
            "meeting_point",
            "departs_at",
            "transport",
            "what_to_bring",
            "contact",
        ]
        widgets = {"what_to_bring": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, seminar: Seminar, **kwargs):
        self.seminar = seminar
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["departs_at"] = wall_clock(self.instance.departs_at, seminar.zone)
        self.fields["departs_at"].help_text = _("%(zone)s time, the seminar's zone.") % {
            "zone": seminar.time_zone
        }
        self.helper = _helper(_("Save site visit"))

    def clean_departs_at(self):
        value = self.cleaned_data.get("departs_at")
        return timezone.make_aware(value, self.seminar.zone) if value else None


class PublishForm(forms.Form):
    comment = forms.CharField(
        label=_("Note to participants"),
        max_length=300,
        required=False,
        help_text=_("Optional: sent with the list of changes."),
    )
