"""The progress report form: one group of fields per indicator, milestone and financing source
of the approved version, built from the report's rows, and the small forms beside it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pilots.models import MilestoneState, PilotStatus, ProgressReport
from pilots.services import ReportInput
from planning_docs.structured import FundingSource, clean_date, clean_decimal

TEXT_LIMIT = 5000
SOURCES = dict(FundingSource.choices)


def _same_unit(given: str, expected: str) -> bool:
    return " ".join(given.split()).casefold() == " ".join(expected.split()).casefold()


class ProgressReportForm(forms.Form):
    """Bound to a report (saved or not); `to_input()` gives what report_save takes. Blank
    values are kept in a draft; submitting needs every one (`require_all`)."""

    worked = forms.CharField(
        label=_("What worked"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEXT_LIMIT,
    )
    obstacles = forms.CharField(
        label=_("Obstacles"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEXT_LIMIT,
    )
    help_requested = forms.CharField(
        label=_("Help requested from Kitakyushu"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEXT_LIMIT,
    )

    def __init__(self, *args, report: ProgressReport, require_all: bool = False, **kwargs):
        initial = {
            "worked": report.worked,
            "obstacles": report.obstacles,
            "help_requested": report.help_requested,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.report, self.require_all = report, require_all
        for i, row in enumerate(report.indicators):
            self._indicator_fields(i, row)
        for i, row in enumerate(report.milestones):
            self.fields[f"ms-{i}-state"] = forms.ChoiceField(
                label=row["milestone"],
                required=False,
                initial=row.get("state", ""),
                choices=[("", _("Not marked")), *MilestoneState.choices],
            )
        for i, row in enumerate(report.financing):
            self.fields[f"fin-{i}-secured"] = forms.CharField(
                label=_("Secured (%(currency)s)") % {"currency": row["currency"]},
                required=False,
                initial=row.get("secured", ""),
                max_length=40,
            )
        for field in self.fields.values():
            kind = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.setdefault("class", kind)

    def _indicator_fields(self, i: int, row: dict) -> None:
        self.fields[f"ind-{i}-actual"] = forms.CharField(
            label=_("Actual value"), required=False, initial=row.get("actual", ""), max_length=40
        )
        self.fields[f"ind-{i}-unit"] = forms.CharField(
            label=_("Unit"),
            required=False,
            initial=row.get("unit", ""),
            max_length=100,
            help_text=_("The indicator's unit: %(unit)s") % {"unit": row["unit"]},
        )
        self.fields[f"ind-{i}-date"] = forms.DateField(
            label=_("Measured on"),
            required=False,
            initial=row.get("date") or None,
            widget=forms.DateInput(attrs={"type": "date"}),
        )
        self.fields[f"ind-{i}-source"] = forms.CharField(
            label=_("Source"), required=False, initial=row.get("source", ""), max_length=300
        )

    def groups(self) -> dict[str, list]:
        """The bound fields per row, for the template."""
        return {
            "indicators": [
                (row, [self[f"ind-{i}-{n}"] for n in ("actual", "unit", "date", "source")])
                for i, row in enumerate(self.report.indicators)
            ],
            "milestones": [
                (row, self[f"ms-{i}-state"]) for i, row in enumerate(self.report.milestones)
            ],
            "financing": [
                (
                    row | {"source_label": SOURCES.get(row["source"], row["source"])},
                    self[f"fin-{i}-secured"],
                )
                for i, row in enumerate(self.report.financing)
            ],
        }

    def _missing(self, name: str) -> None:
        if self.require_all:
            self.add_error(name, _("Needed to submit the report."))

    def _clean_indicator(self, i: int, row: dict) -> dict:
        data = self.cleaned_data
        actual, unit = data.get(f"ind-{i}-actual", ""), data.get(f"ind-{i}-unit", "")
        day, source = data.get(f"ind-{i}-date"), data.get(f"ind-{i}-source", "").strip()
        cleaned = row | {"actual": "", "date": day.isoformat() if day else "", "source": source}
        if actual.strip():
            if not _same_unit(unit, row["unit"]):
                self.add_error(
                    f"ind-{i}-unit",
                    _("This indicator is measured in %(unit)s: give the value in %(unit)s.")
                    % {"unit": row["unit"]},
                )
            try:
                cleaned["actual"] = clean_decimal(actual, str(_("Actual value")), negative=True)
            except ValidationError as error:
                self.add_error(f"ind-{i}-actual", error)
        else:
            self._missing(f"ind-{i}-actual")
        if day is None:
            self._missing(f"ind-{i}-date")
        else:
            try:
                clean_date(day.isoformat(), str(_("Measured on")))
            except ValidationError as error:
                self.add_error(f"ind-{i}-date", error)
        if not source:
            self._missing(f"ind-{i}-source")
        return cleaned

    def _clean_financing(self, i: int, row: dict) -> dict:
        secured = self.cleaned_data.get(f"fin-{i}-secured", "").strip()
        if not secured:
            self._missing(f"fin-{i}-secured")
            return row | {"secured": ""}
        try:
            return row | {"secured": clean_decimal(secured, str(_("Secured")))}
        except ValidationError as error:
            self.add_error(f"fin-{i}-secured", error)
            return row

    def clean(self):
        data = super().clean()
        self.rows = {
            "indicators": [
                self._clean_indicator(i, r) for i, r in enumerate(self.report.indicators)
            ],
            "milestones": [],
            "financing": [self._clean_financing(i, r) for i, r in enumerate(self.report.financing)],
        }
        for i, row in enumerate(self.report.milestones):
            state = data.get(f"ms-{i}-state", "")
            if not state:
                self._missing(f"ms-{i}-state")
            self.rows["milestones"].append(row | {"state": state})
        for name in ("worked", "obstacles", "help_requested"):
            if not (data.get(name) or "").strip():
                self._missing(name)
        return data

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            **self.rows,
            worked=data["worked"].strip(),
            obstacles=data["obstacles"].strip(),
            help_requested=data["help_requested"].strip(),
        )


class ReportCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_LIMIT
    )


class StatusOverrideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("As the rule derives it")), *PilotStatus.choices],
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
