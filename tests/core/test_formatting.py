"""Numbers as people read them: each kind checked against a computation of its own.

The expected strings are built here from the digits, by hand (groups of three joined by the
locale's separator), never with Babel or the code under test.
"""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from ecotown.core.formatting import (
    format_change,
    format_money,
    format_percentage,
    format_quantity,
)

NBSP = "\u00a0"
# (grouping separator, decimal mark) of each locale, as CLDR writes them.
MARKS = {"en": (",", "."), "de": (".", ","), "fr": ("\u202f", ",")}


def grouped(digits: str, separator: str) -> str:
    """'1234567' -> '1,234,567', by hand."""
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return separator.join(groups)


def written(negative: bool, whole: int, fraction: str, language: str = "en") -> str:
    """The number sign, whole part and fraction digits as the locale writes them."""
    separator, mark = MARKS[language]
    text = grouped(str(whole), separator)
    if fraction:
        text += mark + fraction
    return ("-" if negative else "") + text


wholes = st.integers(min_value=0, max_value=10**30)
# Fraction digits as typed, without trailing zeros (the formatter drops those): "5", "25", "".
fractions = st.from_regex(r"\A([0-9]{0,11}[1-9])?\Z", fullmatch=True)


def as_decimal(negative: bool, whole: int, fraction: str) -> Decimal:
    text = f"{'-' if negative else ''}{whole}{'.' + fraction if fraction else ''}"
    return Decimal(text)


@given(st.integers(min_value=-(10**30), max_value=10**30))
@example(0)
@example(180)
@example(-2000)
@example(10**30)
def test_a_whole_quantity_is_grouped_by_thousands(number):
    assert format_quantity(number, language="en") == written(number < 0, abs(number), "")


@given(st.booleans(), wholes, fractions, st.sampled_from(sorted(MARKS)))
@example(False, 2000, "", "en")
@example(True, 0, "5", "en")
@example(False, 25000, "", "de")
def test_a_decimal_quantity_keeps_its_digits_in_every_locale(negative, whole, fraction, language):
    number = as_decimal(negative, whole, fraction)
    negative = negative and number != 0
    assert format_quantity(number, language=language) == written(
        negative, whole, fraction, language
    )


@given(st.booleans(), wholes, fractions)
def test_trailing_zeros_and_exponents_do_not_change_a_quantity(negative, whole, fraction):
    number = as_decimal(negative, whole, fraction)
    padded = Decimal(f"{number}000") if "." in str(number) else Decimal(f"{number}.00")
    assert format_quantity(padded, language="en") == format_quantity(number, language="en")
    assert format_quantity(str(padded), language="en") == format_quantity(number, language="en")


@given(st.integers(min_value=-(10**20), max_value=10**20), st.sampled_from(["t/year", "jobs"]))
def test_a_quantity_carries_its_unit(number, unit):
    assert format_quantity(number, unit, language="en") == (
        f"{written(number < 0, abs(number), '')}{NBSP}{unit}"
    )


@given(st.integers(min_value=-(10**20), max_value=10**20), st.sampled_from(["", "jobs"]))
@example(180, "jobs")
@example(23000, "")
@example(11500, "")
@example(0, "")
@example(-500, "t/year")
def test_a_change_always_shows_its_sign(delta, unit):
    expected = written(False, abs(delta), "")
    if delta > 0:
        expected = "+" + expected
    elif delta < 0:
        expected = "-" + expected
    if unit:
        expected += NBSP + unit
    assert format_change(delta, unit, language="en") == expected


@given(st.integers(min_value=1, max_value=100), st.integers(min_value=0, max_value=100))
def test_a_change_of_a_percentage_is_in_percentage_points(baseline, target):
    delta = target - baseline
    sign = "+" if delta > 0 else "-" if delta < 0 else ""
    assert format_change(delta, "%", language="en") == (
        f"{sign}{abs(delta)}{NBSP}percentage points"
    )


@given(st.booleans(), st.integers(min_value=0, max_value=10**12), fractions)
def test_a_percentage_keeps_its_digits(negative, whole, fraction):
    number = as_decimal(negative, whole, fraction)
    negative = negative and number != 0
    assert format_percentage(number, language="en") == written(negative, whole, fraction) + "%"
    assert format_quantity(number, "%", language="en") == format_percentage(number, language="en")
    assert format_percentage(number, language="de") == (
        written(negative, whole, fraction, "de") + NBSP + "%"
    )


@given(st.booleans(), wholes, st.integers(min_value=0, max_value=99))
@example(False, 4200000, 0)
@example(True, 0, 5)
def test_money_has_two_decimals_and_its_code(negative, whole, cents):
    number = Decimal(f"{'-' if negative else ''}{whole}.{cents:02d}")
    negative = negative and number != 0
    expected = written(negative, whole, f"{cents:02d}")
    assert format_money(number, "USD", language="en") == f"USD{NBSP}{expected}"
    assert format_money(number, "usd", language="en", code=False) == expected
    german = written(negative, whole, f"{cents:02d}", "de")
    assert format_money(number, "EUR", language="de") == f"{german}{NBSP}EUR"


@given(wholes, st.integers(min_value=0, max_value=999))
def test_money_rounds_to_its_currency_digits_half_to_even(whole, thousandths):
    number = Decimal(f"{whole}.{thousandths:03d}")
    cents, rest = divmod(thousandths, 10)
    if rest > 5 or (rest == 5 and cents % 2):
        cents += 1
    carried, cents = divmod(cents, 100)
    assert format_money(number, "USD", language="en", code=False) == written(
        False, whole + carried, f"{cents:02d}"
    )


def test_money_in_a_currency_without_minor_units_has_no_decimals():
    assert format_money("1200000", "JPY", language="en") == f"JPY{NBSP}1,200,000"
    assert format_money(Decimal("0"), "", language="en") == "0.00"


def test_the_template_filters_follow_the_active_language():
    template = Template(
        "{% load ecotown %}{{ a|money:'CNY' }}|{{ b|quantity:'t/year' }}|{{ c|change:'jobs' }}"
        "|{{ d|percentage }}|{{ a|money_amount:'CNY' }}"
    )
    context = Context({"a": "4200000", "b": "25000", "c": "180", "d": "45"})
    assert template.render(context) == (
        f"CNY{NBSP}4,200,000.00|25,000{NBSP}t/year|+180{NBSP}jobs|45%|4,200,000.00"
    )
    with translation.override("de"):
        assert template.render(context) == (
            f"4.200.000,00{NBSP}CNY|25.000{NBSP}t/year|+180{NBSP}jobs|45{NBSP}%|4.200.000,00"
        )


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "abc"])
def test_what_is_not_a_finite_number_is_refused(bad):
    with pytest.raises((ValueError, ArithmeticError)):
        format_quantity(bad)


def test_a_figure_too_long_to_write_out_is_shown_as_stored():
    # Only data older than the structured sections' input limits can hold such a value.
    assert format_quantity("1E+400000", "t", language="en") == f"1E+400000{NBSP}t"
    assert format_money("-1E+99999", "USD", language="en") == f"USD{NBSP}-1E+99999"
    assert format_change("1E+70000", "%", language="en") == f"+1E+70000{NBSP}percentage points"
    assert format_percentage("1E-500", language="en") == "1E-500%"
