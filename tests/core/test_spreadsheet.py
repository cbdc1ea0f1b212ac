from decimal import Decimal

import pytest

from ecotown.core.spreadsheet import safe_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 00", "'+33 1 00"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Ministry", "Ministry"),
        (None, ""),
        # Numbers stay numbers: a negative longitude is no formula.
        (Decimal("-0.18700"), Decimal("-0.18700")),
        (-3, -3),
    ],
)
def test_text_a_spreadsheet_would_run_is_quoted_and_numbers_are_kept(value, cell):
    assert safe_cell(value) == cell
