"""The coordinators' portfolio: every pilot across seminars and years, filtered by seminar, year,
status, country, region and sector, with its counts. One reading for the page, the exports and
the programme report.

A pilot's status is derived in Python from its reports (pilots.status), and its region from its
country (trainees.regions): those two filters apply to the rows after the query; the others
narrow the query itself.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ecotown.core.models import User
from pilots.models import CheckIn, PilotStatus
from pilots.selectors import next_check_in, pilots_for_user, state_of
from pilots.status import PilotState, facts_of
from planning_docs.models import Plan, Sector
from seminars.models import Seminar
from trainees.regions import REGION_LABELS, region_of


@dataclass(frozen=True)
class PortfolioRow:
    plan: Plan
    state: PilotState
    year: int
    country: str  # ISO alpha-2, '' when the plan names none
    country_name: str
    region: str
    region_label: str
    sector_label: str
    progress: Decimal | None  # the newest report's mean progress toward target, in %
    expected: Decimal  # the pace expected at that report, in %
    filed: int  # submitted reports
    due: int  # check-ins
    next_due: CheckIn | None


def _row(plan: Plan, today: date) -> PortfolioRow:
    facts = facts_of(plan.follow_up, today)  # type: ignore[attr-defined]
    country: Any = plan.pilot_country  # django-countries' Country, typed as str by the stubs
    code = country.code or ""
    region = region_of(code) if code else ""
    return PortfolioRow(
        plan=plan,
        state=state_of(plan, today),
        year=plan.enrolment.seminar.year,
        country=code,
        country_name=str(country.name) if code else "",
        region=region,
        region_label=str(REGION_LABELS[region]) if region else "",
        sector_label=plan.get_sector_display() if plan.sector else "",
        progress=facts.progress,
        expected=facts.expected,
        filed=facts.submitted,
        due=facts.check_ins,
        next_due=next_check_in(plan),
    )


class PortfolioFilterForm(forms.Form):
    """The filters, from the query string; an empty field filters nothing."""

    seminar = forms.ModelChoiceField(
        label=_("Seminar"), queryset=Seminar.objects.order_by("-start_date"), required=False
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args, years: list[int], present: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        fields = self.fields
        fields["year"].choices = everything + [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        fields["status"].choices = everything + list(PilotStatus.choices)  # type: ignore[attr-defined]
        fields["country"].choices = everything + present  # type: ignore[attr-defined]
        fields["region"].choices = everything + list(REGION_LABELS.items())  # type: ignore[attr-defined]
        fields["sector"].choices = everything + list(Sector.choices)  # type: ignore[attr-defined]
        fields["seminar"].empty_label = str(_("All"))  # type: ignore[attr-defined]
        for field in fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


def filter_choices(plans: QuerySet[Plan]) -> dict:
    """The years and countries that occur among the pilots, for the filter form."""
    years = sorted(set(plans.values_list("enrolment__seminar__year", flat=True)))
    codes = {code for code in plans.values_list("pilot_country", flat=True) if code}
    names = dict(countries)
    present = sorted(((c, str(names.get(c, c))) for c in codes), key=lambda pair: pair[1])
    return {"years": years[::-1], "present": present}


def portfolio_rows(user: User, filters: dict, today: date) -> list[PortfolioRow]:
    """The pilots the user may see that pass `filters` (a valid form's cleaned_data)."""
    return rows_of(pilots_for_user(user), filters, today)


def rows_of(plans: QuerySet[Plan], filters: dict, today: date) -> list[PortfolioRow]:
    """The rows of `plans` (from a pilots selector) that pass `filters`."""
    if filters.get("seminar"):
        plans = plans.filter(enrolment__seminar=filters["seminar"])
    if filters.get("year"):
        plans = plans.filter(enrolment__seminar__year=filters["year"])
    if filters.get("country"):
        plans = plans.filter(pilot_country=filters["country"])
    if filters.get("sector"):
        plans = plans.filter(sector=filters["sector"])
    rows = [_row(plan, today) for plan in plans]
    if filters.get("status"):
        rows = [row for row in rows if row.state.status == filters["status"]]
    if filters.get("region"):
        rows = [row for row in rows if row.region == filters["region"]]
    return rows


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int


def _counted(values: list[tuple[str, str]]) -> list[Tally]:
    counter = Counter(values)
    return [
        Tally(key, label or str(_("none given")), n)
        for (key, label), n in sorted(counter.items(), key=lambda item: (-item[1], str(item[0][1])))
    ]


def portfolio_counts(rows: list[PortfolioRow]) -> dict[str, list[Tally]]:
    """How many of `rows` there are by status, country, region and sector: each list adds up to
    len(rows)."""
    statuses = Counter(row.state.status for row in rows)
    return {
        "status": [Tally(s.value, str(s.label), statuses[s.value]) for s in PilotStatus],
        "country": _counted([(row.country, row.country_name) for row in rows]),
        "region": _counted([(row.region, row.region_label) for row in rows]),
        "sector": _counted([(row.plan.sector, row.sector_label) for row in rows]),
    }
