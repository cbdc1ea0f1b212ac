"""Cells bound for a spreadsheet (the CSV and XLSX exports)."""

from decimal import Decimal


def safe_cell(value: object) -> object:
    """Spreadsheet programs run a text cell starting with = + - @ as a formula: quote it.
    Numbers stay numbers (a negative longitude is no formula), None becomes empty."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value if value is not None else "")
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
