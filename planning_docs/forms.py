from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ecotown.core.images import MAX_IMAGE_BYTES
from ecotown.core.models import User
from ecotown.core.pdf_files import MAX_PDF_BYTES
from ecotown.core.widgets import FixedChoiceField, PlainSelect
from planning_docs.models import Plan, PlanTemplate, TemplateSection
from planning_docs.services import MAX_BODY_CHARS
from planning_docs.structured import MAX_ROWS, ROW_FIELDS, FundingSource, clean_row
from seminars.forms import SeminarChoiceField


class SectionForm(forms.Form):
    """The text of one section and the revision it was written from (optimistic locking)."""

    body = forms.CharField(
        label=_("Text"),
        required=False,
        strip=False,
        max_length=MAX_BODY_CHARS,
        # The writer's text sets its own direction, whatever the page's language.
        widget=forms.Textarea(
            attrs={"rows": 18, "class": "form-control font-monospace", "dir": "auto"}
        ),
    )
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


ROW_LABELS = {
    "item": _("Item"),
    "source": _("Source"),
    "amount": _("Amount"),
    "currency": _("Currency"),
    "year": _("Year"),
    "milestone": _("Milestone"),
    "start": _("Start"),
    "end": _("End"),
    "owner": _("Owner"),
    "indicator": _("Indicator"),
    "unit": _("Unit"),
    "baseline": _("Baseline"),
    "target": _("Target"),
    "change": _("Change"),
}


def _row_field(name: str) -> forms.Field:
    label = ROW_LABELS[name]
    small = {"class": "form-control form-control-sm"}
    if name == "source":
        return forms.ChoiceField(
            label=label,
            choices=[("", "—"), *FundingSource.choices],
            required=False,
            widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        )
    if name in ("start", "end"):
        return forms.CharField(
            label=label, required=False, widget=forms.DateInput(attrs={**small, "type": "date"})
        )
    if name == "year":
        return forms.CharField(
            label=label, required=False, widget=forms.NumberInput(attrs={**small, "min": 1990})
        )
    return forms.CharField(label=label, required=False, widget=forms.TextInput(attrs=small))


class RowForm(forms.Form):
    """One row of a structured section; `clean_row` from structured.py is the one validator."""

    kind = "prose"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ROW_FIELDS[self.kind]:
            self.fields[name] = _row_field(name)

    def clean(self):
        data = super().clean()
        if self.cleaned_data.get("DELETE") or not self.has_changed():
            return data
        try:
            self.row = clean_row(self.kind, {k: data.get(k) for k in ROW_FIELDS[self.kind]})
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return data


class RowFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": _("A table holds at most %(num)d rows: remove some before saving."),
    }


def row_formset_class(kind: str):
    form = type(f"{kind.title()}RowForm", (RowForm,), {"kind": kind})
    return forms.formset_factory(
        form,
        formset=RowFormSet,
        extra=2,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )


def row_initial(kind: str, rows: list[dict]) -> list[dict]:
    return [{name: row.get(name, "") for name in ROW_FIELDS[kind]} for row in rows]


def formset_rows(formset) -> list[dict]:
    """The rows kept by a valid formset, in order: blank extra rows and deleted ones dropped."""
    return [
        form.row
        for form in formset.forms
        if form.has_changed() and not form.cleaned_data.get("DELETE") and hasattr(form, "row")
    ]


class PlanDetailsForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "language",
            "pilot_site",
            "pilot_region",
            "pilot_country",
            "pilot_latitude",
            "pilot_longitude",
            "sector",
        ]
        widgets = {"pilot_country": PlainSelect(fixed_choices="pilot-country")}
        help_texts = {
            "pilot_latitude": _("In decimal degrees, north positive: Nairobi is -1.28638."),
            "pilot_longitude": _("In decimal degrees, east positive: Nairobi is 36.81722."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))


class PlanFilterForm(forms.Form):
    seminar = SeminarChoiceField(
        label=_("Seminar"),
        empty_label=_("Any seminar"),
        required=False,
        widget=PlainSelect(attrs={"class": "form-select form-select-sm"}),
    )
    status = FixedChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Plan.Status.choices],
        required=False,
        widget=PlainSelect(
            attrs={"class": "form-select form-select-sm"}, fixed_choices="plan-filter-status"
        ),
    )
    country = FixedChoiceField(
        label=_("Country"),
        choices=[("", _("Any country")), *countries],
        required=False,
        widget=PlainSelect(
            attrs={"class": "form-select form-select-sm"}, fixed_choices="plan-filter-country"
        ),
    )
    order = FixedChoiceField(
        label=_("Order"),
        choices=[
            ("", _("By seminar and trainee")),
            ("score-high", _("Highest score first")),
            ("score-low", _("Lowest score first")),
        ],
        required=False,
        widget=PlainSelect(
            attrs={"class": "form-select form-select-sm"}, fixed_choices="plan-filter-order"
        ),
    )
    disagree = forms.BooleanField(
        label=_("Only where experts disagree"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class PlanTemplateForm(forms.ModelForm):
    class Meta:
        model = PlanTemplate
        fields = ["name", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))


class TemplateCopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=200)

    def clean_name(self):
        name = self.cleaned_data["name"]
        if PlanTemplate.objects.filter(name=name).exists():
            raise ValidationError(_("A template with this name exists already."))
        return name


class TemplateSectionForm(forms.ModelForm):
    class Meta:
        model = TemplateSection
        fields = ["position", "key", "title", "guidance", "word_limit", "required", "kind"]
        help_texts = {
            "position": _("Sections are shown in this order (1 first)."),
            "key": _("Short name used in the section's address, such as risks."),
        }

    def __init__(self, *args, template: PlanTemplate, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        self.fields["word_limit"].min_value = 1
        self.fields["word_limit"].widget.attrs["min"] = 1
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def _unique_in_template(self, field: str, value, message):
        others = self.template.sections.filter(**{field: value}).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(message)
        return value

    def clean_word_limit(self):
        limit = self.cleaned_data["word_limit"]
        if limit < 1:
            raise ValidationError(_("The word limit must be at least 1."))
        return limit

    def clean_key(self):
        return self._unique_in_template(
            "key", self.cleaned_data["key"], _("Another section of this template has this key.")
        )

    def clean_position(self):
        return self._unique_in_template(
            "position",
            self.cleaned_data["position"],
            _("Another section of this template is at this position."),
        )

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if (
            self.instance.pk
            and kind != self.instance.kind
            and self.instance.template.plans.exists()
        ):
            raise ValidationError(_("Plans use this section already: its kind cannot change."))
        return kind


class ExpertChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, expert):
        return _("%(name)s (leads %(leads)d, advises %(advises)d)") % {
            "name": expert,
            "leads": expert.leads,
            "advises": expert.advises,
        }


class ExpertsChoiceField(forms.ModelMultipleChoiceField):
    label_from_instance = ExpertChoiceField.label_from_instance


class AssignExpertsForm(forms.Form):
    lead = ExpertChoiceField(label=_("Lead expert"), queryset=User.objects.none())
    advisers = ExpertsChoiceField(
        label=_("Advisers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = experts
        self.fields["advisers"].queryset = experts

    def clean(self):
        cleaned = super().clean()
        lead, advisers = cleaned.get("lead"), cleaned.get("advisers") or []
        if lead is not None and lead in advisers:
            self.add_error("advisers", _("The lead expert cannot also be an adviser."))
        return cleaned


class CoauthorInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your colleague's e-mail address"),
        help_text=_("They get a link that works once; with it they make their account."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("invite", _("Invite")))


class CoauthorAcceptForm(forms.Form):
    """A new co-author's account: their name and the password they choose."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("accept", _("Make my account and join")))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


def _limited_file(limit: int, message: "str | StrPromise"):
    """A form field's validator refusing a file above `limit` bytes before it is read."""

    def check(upload) -> None:
        if upload is not None and upload.size > limit:
            raise ValidationError(str(message) % {"mb": limit // (1024 * 1024)})

    return check


class FigureForm(forms.Form):
    """A picture with its caption and text alternative; the picture is optional when changing."""

    picture = forms.FileField(
        label=_("Picture (PNG or JPEG)"),
        validators=[_limited_file(MAX_IMAGE_BYTES, _("The picture is larger than %(mb)d MB."))],
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300)
    alt = forms.CharField(
        label=_("Text alternative"),
        max_length=500,
        help_text=_("What the picture shows, for readers who cannot see it."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, picture_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["picture"].required = picture_required
        if not picture_required:
            self.fields["picture"].label = _("New picture (leave empty to keep the picture)")


class AnnexForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    document = forms.FileField(
        label=_("PDF document"),
        validators=[_limited_file(MAX_PDF_BYTES, _("The PDF is larger than %(mb)d MB."))],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
