import zoneinfo
from datetime import UTC, datetime, time, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecotown.core import roles
from ecotown.core.dates import format_when
from ecotown.core.forms import time_zone_choices, validate_in_date_window
from ecotown.core.prepared import prepared
from ecotown.core.widgets import PlainSelect
from seminars import hooks
from seminars.models import Place, Seminar, Session, Track
from seminars.services import session_conflicts


class WallClockField(forms.DateTimeField):
    """A date and time as read on a clock in a zone the form chooses (the seminar's), not in
    the viewer's zone. Cleans to a naive datetime; the form makes it aware."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_validators = [validate_in_date_window]

    def to_python(self, value):
        with timezone.override(UTC):
            result = super().to_python(value)
        return result.astimezone(UTC).replace(tzinfo=None) if result else result


def wall_clock(value: datetime | None, zone) -> datetime | None:
    """An aware datetime as the naive local time a WallClockField shows."""
    return value.astimezone(zone).replace(tzinfo=None) if value else value


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


class SeminarForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        widget=PlainSelect(fixed_choices="time-zones"),
        initial="Asia/Tokyo",
        help_text=_("Where the seminar takes place. Session times are entered in this zone."),
    )
    plan_deadline = WallClockField(
        label=_("Plan deadline"),
        required=False,
        help_text=_("In the seminar's time zone."),
    )

    class Meta:
        model = Seminar
        fields = [
            "title",
            "start_date",
            "end_date",
            "venue_city",
            "venue_country",
            "time_zone",
            "capacity",
            "attendance_threshold",
            "plan_deadline",
            "plan_template",
            "description",
        ]
        widgets = {
            "start_date": _date_input(),
            "end_date": _date_input(),
            "venue_country": PlainSelect(fixed_choices="venue-country"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_date", "end_date"):
            self.fields[name].validators.append(validate_in_date_window)
        # Left empty, the seminar keeps its threshold (80% for a new one).
        self.fields["attendance_threshold"].required = False
        if self.instance.pk:
            self.initial["plan_deadline"] = wall_clock(
                self.instance.plan_deadline, self.instance.zone
            )
        self.helper = _helper(_("Save seminar"))

    def clean_attendance_threshold(self):
        value = self.cleaned_data.get("attendance_threshold")
        return self.instance.attendance_threshold if value is None else value

    def clean(self):
        data = super().clean()
        start, end, zone_name = data.get("start_date"), data.get("end_date"), data.get("time_zone")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot come before the first day."))
            return data
        if not (start and end and zone_name):
            return data
        zone = zoneinfo.ZoneInfo(zone_name)
        if data.get("plan_deadline"):
            data["plan_deadline"] = timezone.make_aware(data["plan_deadline"], zone)
        self.instance.year = start.year
        if self.instance.pk:
            self._check_existing_sessions(start, end, zone)
            self._check_capacity(data.get("capacity"))
        return data

    def _check_capacity(self, capacity) -> None:
        taken = (
            Seminar.objects.filter(pk=self.instance.pk)
            .annotate(taken=hooks.seats_taken())
            .values_list("taken", flat=True)
            .get()
        )
        if capacity is not None and capacity < taken:
            self.add_error(
                "capacity",
                _("%(taken)s seats are already taken; the seminar needs at least that many.")
                % {"taken": taken},
            )

    def _check_existing_sessions(self, start, end, zone) -> None:
        outside = [
            session
            for session in self.instance.sessions.all()
            if session.starts_at.astimezone(zone).date() < start
            or session.ends_at.astimezone(zone).date() > end
        ]
        if outside:
            self.add_error(
                None,
                _("These sessions would fall outside the new dates; move them first: %(list)s")
                % {
                    "list": "; ".join(
                        f"{s.title} ({format_when(s.starts_at.astimezone(zone), 'day_month')})"
                        for s in outside
                    )
                },
            )


class SeminarCopyForm(forms.Form):
    title = forms.CharField(label=_("Title of the new seminar"), max_length=200)
    start_date = forms.DateField(
        label=_("First day of the new seminar"),
        widget=_date_input(),
        validators=[validate_in_date_window],
        help_text=_("Every session moves by the same number of days, at the same local time."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Copy the timetable"))


def experts():
    return (
        get_user_model()
        .objects.filter(groups__name=roles.EXPERT)
        .order_by("last_name", "first_name", "username")
    )


class ExpertChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class SessionForm(forms.Form):
    """A timetable entry. Times are wall-clock times in the seminar's zone."""

    title = forms.CharField(label=_("Title"), max_length=200)
    track = forms.ChoiceField(label=_("Track"), choices=Track.choices, initial=Track.OTHER)
    starts_at = WallClockField(label=_("Starts"))
    ends_at = WallClockField(label=_("Ends"))
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Place.objects.all(),
        required=False,
        help_text=_("Rooms and sites are kept on the list of places."),
    )
    speakers = ExpertChoiceField(
        label=_("Speaking experts"),
        queryset=experts(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )

    def __init__(self, *args, seminar: Seminar, session: Session | None = None, **kwargs):
        self.seminar = seminar
        self.session = session
        if session is not None:
            kwargs.setdefault("initial", {}).update(
                title=session.title,
                track=session.track,
                place=session.place,
                description=session.description,
                speakers=list(session.speakers.all()),
                starts_at=wall_clock(session.starts_at, seminar.zone),
                ends_at=wall_clock(session.ends_at, seminar.zone),
            )
        else:
            # A fresh form opens on the seminar's first morning rather than on an empty picker.
            first = datetime.combine(seminar.start_date, time(9, 30))
            kwargs.setdefault("initial", {}).update(
                starts_at=first, ends_at=first + timedelta(minutes=90)
            )
        super().__init__(*args, **kwargs)
        self.fields["speakers"].queryset = experts()
        zone_note = _("%(zone)s time, the seminar's zone.") % {"zone": seminar.time_zone}
        self.fields["starts_at"].help_text = zone_note
        self.fields["ends_at"].help_text = zone_note
        self.helper = _helper(_("Save session"))

    def clean(self):
        data = super().clean()
        zone = self.seminar.zone
        for name in ("starts_at", "ends_at"):
            if data.get(name):
                data[name] = timezone.make_aware(data[name], zone)
        if data.get("starts_at") and data.get("ends_at"):
            errors = session_conflicts(
                seminar=self.seminar,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data.get("place"),
                speakers=data.get("speakers") or [],
                exclude=self.session,
            )
            for field, messages in errors.items():
                for message in messages:
                    self.add_error(field, message)
        return data


@prepared()
def _seminar_titles() -> QuerySet:
    return Seminar.objects.order_by("-start_date", "title").values_list("pk", "title")


class _SeminarTitles(ModelChoiceIterator):
    """The choices as (id, title) pairs, from one prepared query of values, not models."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from _seminar_titles()


class SeminarChoiceField(forms.ModelChoiceField):
    """Any seminar, the newest first, named by its title: the lists' filters. A choice is
    checked against the database as ModelChoiceField checks it."""

    iterator = _SeminarTitles

    def __init__(self, **kwargs) -> None:
        super().__init__(queryset=Seminar.objects.all(), **kwargs)
