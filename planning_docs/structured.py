"""The structured sections: their row fields, validation and totals.

A structured section (financing plan, implementation timeline, monitoring indicators) keeps its rows
in `SectionDraft.rows` and in each version's snapshot as a list of dicts. Amounts are strings of
decimals so that JSON round trips never lose a cent.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingSource(models.TextChoices):
    NATIONAL_BUDGET = "national_budget", _("National budget")
    LOCAL_BUDGET = "local_budget", _("Local budget")
    PRIVATE = "private", _("Private")
    DONOR = "donor", _("Donor")
    PPP = "ppp", _("Public-private partnership")


# The fields of one row of each structured kind, in display order.
ROW_FIELDS = {
    "financing": ("item", "source", "amount", "currency", "year"),
    "timeline": ("milestone", "start", "end", "owner"),
    "indicators": ("indicator", "unit", "baseline", "target", "year"),
}
# The rows limit lives in settings, beside the request-size limit it sets.
MAX_ROWS = settings.PLAN_ROWS_MAX
# Figures a plan can hold: up to a quadrillion (budgets in currencies of small units run into
# the billions) with up to six decimals. Larger ones are typing slips, and would be written out
# digit by digit on every page and in every PDF.
MAX_WHOLE_DIGITS = 15
MAX_DECIMALS = 6


# A figure's text longer than this is no figure: refused before it is read as a number.
NUMBER_CHARS = 40
YEAR_MIN, YEAR_MAX = 1990, 2100


def _decimal(value, field: str, *, negative: bool = False) -> str:
    """A bounded decimal as plain digits (never an exponent); `negative` allows values below 0."""
    text = str(value if value is not None else "").replace(",", "").strip()
    if len(text) > NUMBER_CHARS:
        raise ValidationError(_("%(field)s is too long to be a number."), params={"field": field})
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("%(field)s must be a number."), params={"field": field}) from None
    if not number.is_finite():
        raise ValidationError(_("%(field)s must be a number."), params={"field": field})
    if number < 0 and not negative:
        raise ValidationError(_("%(field)s cannot be negative."), params={"field": field})
    # adjusted() is exact, unlike arithmetic, which overflows on a value such as 1e1000000.
    if number != 0 and number.adjusted() >= MAX_WHOLE_DIGITS:
        raise ValidationError(
            _("%(field)s is too large (at most %(digits)d digits before the decimal point)."),
            params={"field": field, "digits": MAX_WHOLE_DIGITS},
        )
    if number != number.quantize(Decimal(1).scaleb(-MAX_DECIMALS), rounding="ROUND_DOWN"):
        raise ValidationError(
            _("%(field)s has too many decimals (at most %(decimals)d)."),
            params={"field": field, "decimals": MAX_DECIMALS},
        )
    return format(number + 0, "f")  # plain digits, never an exponent; + 0 turns -0 into 0


def _year(value) -> int:
    text = str(value if value is not None else "").strip()
    try:
        if len(text) > NUMBER_CHARS:
            raise ValueError
        year = int(text)
    except ValueError:
        raise ValidationError(_("Year must be a whole number.")) from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(
            _("Year must be between %(min)d and %(max)d."),
            params={"min": YEAR_MIN, "max": YEAR_MAX},
        )
    return year


def _date(value, field: str) -> str:
    try:
        day = date.fromisoformat(str(value if value is not None else "")[:NUMBER_CHARS])
    except ValueError:
        raise ValidationError(
            _("%(field)s must be a date (YYYY-MM-DD)."), params={"field": field}
        ) from None
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise ValidationError(
            _("%(field)s must be between %(min)d and %(max)d."),
            params={"field": field, "min": YEAR_MIN, "max": YEAR_MAX},
        )
    return day.isoformat()


def _text(value, field: str, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError(_("%(field)s is required."), params={"field": field})
    if len(text) > 300:
        raise ValidationError(
            _("%(field)s is too long (300 characters at most)."), params={"field": field}
        )
    return text


def clean_row(kind: str, row: dict) -> dict:
    """One row checked and normalised; raises ValidationError naming the bad field."""
    if kind == "financing":
        source = str(row.get("source", ""))
        if source not in FundingSource.values:
            raise ValidationError(_("Choose a funding source."))
        currency = _text(row.get("currency"), "Currency").upper()
        if len(currency) != 3 or not currency.isalpha():
            raise ValidationError(_("Currency must be a three-letter code such as USD."))
        return {
            "item": _text(row.get("item"), "Item"),
            "source": source,
            "amount": _decimal(row.get("amount"), "Amount"),
            "currency": currency,
            "year": _year(row.get("year")),
        }
    if kind == "timeline":
        start, end = _date(row.get("start"), "Start"), _date(row.get("end"), "End")
        if end < start:
            raise ValidationError(_("A milestone cannot end before it starts."))
        return {
            "milestone": _text(row.get("milestone"), "Milestone"),
            "start": start,
            "end": end,
            "owner": _text(row.get("owner"), "Owner", required=False),
        }
    if kind == "indicators":
        return {
            "indicator": _text(row.get("indicator"), "Indicator"),
            "unit": _text(row.get("unit"), "Unit"),
            # An indicator may fall below zero (a net balance, a change in emissions).
            "baseline": _decimal(row.get("baseline"), "Baseline", negative=True),
            "target": _decimal(row.get("target"), "Target", negative=True),
            "year": _year(row.get("year")),
        }
    raise ValidationError(_("This section has no rows."))


def clean_rows(kind: str, rows: list) -> list[dict]:
    if not isinstance(rows, list):
        raise ValidationError(_("Rows must be a list."))
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            _("A table holds at most %(max)d rows: remove some before saving."),
            params={"max": MAX_ROWS},
        )
    return [clean_row(kind, row if isinstance(row, dict) else {}) for row in rows]


def row_is_sound(kind: str, row) -> bool:
    """Whether a stored row passes today's checks. Rows saved before a check existed may not:
    pages still list them as stored, but leave them out of totals and charts."""
    try:
        return isinstance(row, dict) and clean_row(kind, row) is not None
    except ValidationError:
        return False


def sound_rows(kind: str, rows: list) -> list[dict]:
    return [row for row in rows or [] if row_is_sound(kind, row)]


def financing_totals(rows: list[dict]) -> dict:
    """Totals per (currency, source), per (currency, year) and per currency, as Decimals, of the
    sound rows (see `row_is_sound`)."""
    by_source: dict = defaultdict(Decimal)
    by_year: dict = defaultdict(Decimal)
    overall: dict = defaultdict(Decimal)
    for row in sound_rows("financing", rows):
        amount = Decimal(row["amount"])
        by_source[(row["currency"], row["source"])] += amount
        by_year[(row["currency"], row["year"])] += amount
        overall[row["currency"]] += amount
    return {
        "by_source": dict(sorted(by_source.items())),
        "by_year": dict(sorted(by_year.items())),
        "overall": dict(sorted(overall.items())),
    }


def indicator_change(row: dict) -> Decimal:
    """How far an indicator is to move: its target less its baseline."""
    return Decimal(row["target"]) - Decimal(row["baseline"])


# The same checks for figures and dates entered elsewhere (the pilots' progress reports).
clean_decimal = _decimal
clean_date = _date
