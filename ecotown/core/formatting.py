"""How numbers are written for people: one function per kind (money, quantity, percentage,
change), used by the pages (through the template filters in `ecotown.core.templatetags.ecotown`),
the PDFs and the e-mails alike.

Grouping, decimal marks and signs follow the locale (CLDR data through Babel): the reader's
language on a page, the document's language in a PDF. Values arrive as Decimals, ints or the
decimal strings the structured sections store; they are never turned into floats, so a figure
prints exactly as it was entered.
"""

import decimal
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_currency_precision,
    get_plus_sign_symbol,
)
from django.utils import translation
from django.utils.translation import get_language, gettext, to_locale

Number = Decimal | int | str

# Numbers whose digits would run past this many places (only data that predates the input
# limits of the structured sections) are shown as stored, in exponent form, not written out.
LONGEST = 60

# The unit of a share written as a percentage; its changes are in percentage points.
PERCENT_UNIT = "%"
NBSP = "\u00a0"


def locale_of(language: str | None = None) -> Locale:
    """The Babel locale of a language code ('en', 'zh-hans', 'pt-br'); the active language when
    none is given, English when Babel does not know it."""
    code = to_locale(language or get_language() or "en")
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(code.split("_", 1)[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en")


def _decimal(value: Number) -> Decimal:
    number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    # -0 is zero: no sign.
    return number.copy_abs() if number.is_zero() else number


def _too_long(number: Decimal) -> bool:
    return not number.is_zero() and abs(number.adjusted()) > LONGEST


def _context(number: Decimal) -> decimal.Context:
    # Babel quantizes in the current context: give it room for every digit of a large value.
    digits = number.as_tuple()
    exponent = digits.exponent if isinstance(digits.exponent, int) else 0
    return decimal.Context(prec=max(60, len(digits.digits) + abs(exponent) + 10))


def _plain(number: Decimal) -> Decimal:
    """The number without trailing fractional zeros and never in exponent form (2E+3 -> 2000)."""
    with decimal.localcontext(_context(number)):
        if number == number.to_integral_value():
            return number.quantize(Decimal(1))
        return number.normalize()


def format_quantity(value: Number, unit: str = "", *, language: str | None = None) -> str:
    """A measured amount as entered (no rounding, no trailing zeros), grouped by thousands,
    followed by its unit; a '%' unit is written as the locale writes percentages."""
    if unit.strip() == PERCENT_UNIT:
        return format_percentage(value, language=language)
    number = _decimal(value)
    if _too_long(number):
        return f"{number}{NBSP}{unit.strip()}" if unit.strip() else str(number)
    number = _plain(number)
    with decimal.localcontext(_context(number)):
        text = format_decimal(number, locale=locale_of(language), decimal_quantization=False)
    return f"{text}{NBSP}{unit.strip()}" if unit.strip() else text


def format_percentage(value: Number, *, language: str | None = None) -> str:
    """A value given in percent (45 means 45 %), as the locale writes percentages."""
    number = _decimal(value)
    if _too_long(number):
        return f"{number}%"
    number = _plain(number)
    with decimal.localcontext(_context(number)):
        share = number.scaleb(-2)
        return format_percent(share, locale=locale_of(language), decimal_quantization=False)


def format_money(
    amount: Number, currency: str = "", *, language: str | None = None, code: bool = True
) -> str:
    """An amount with its currency's decimals (2 for USD, 0 for JPY), grouped by thousands, and
    the ISO code where the locale puts the currency sign (`code=False` where a column or
    caption already names the currency)."""
    number = _decimal(amount)
    locale = locale_of(language)
    currency = currency.strip().upper()
    if _too_long(number):
        return f"{currency}{NBSP}{number}" if code and currency else str(number)
    digits = get_currency_precision(currency or "USD")
    with decimal.localcontext(_context(number)):
        if number.quantize(Decimal(1).scaleb(-digits)).is_zero():
            number = number.copy_abs()  # what rounds to zero is written without a sign
    pattern = locale.currency_formats["standard"].pattern.split(";", 1)[0]
    number_pattern = pattern.replace("¤", "").replace(NBSP, "").strip("\u200e\u200f ")
    with decimal.localcontext(_context(number)):
        # Without a currency: two decimals, as most currencies have.
        text = format_currency(
            number,
            currency or "USD",
            format=number_pattern,
            locale=locale,
            currency_digits=True,
        )
    if not code or not currency:
        return text
    if pattern.lstrip("\u200e\u200f").startswith("¤"):
        return f"{currency}{NBSP}{text}"
    return f"{text}{NBSP}{currency}"


def format_change(delta: Number, unit: str = "", *, language: str | None = None) -> str:
    """A difference with its sign always written (+23,000, -500, 0) and its unit; a change of a
    percentage is in percentage points."""
    number = _decimal(delta)
    if unit.strip() == PERCENT_UNIT:
        with translation.override(language or translation.get_language()):
            unit = gettext("percentage points")
    if _too_long(number):
        sign = "+" if number > 0 else ""
        return f"{sign}{number}{NBSP}{unit}" if unit else f"{sign}{number}"
    number = _plain(number)
    magnitude = format_quantity(abs(number), unit, language=language)
    if number > 0:
        return get_plus_sign_symbol(locale_of(language)) + magnitude
    if number < 0:
        return format_quantity(number, unit, language=language)
    return magnitude
