"""The rows of a structured section as people read them: column labels and cells with human
values (source labels, amounts with separators, indicator values with their units). The one
home of a table's cells, used by the section pages, the versions and the change views."""

from django.template.defaultfilters import truncatechars

from ecotown.core import formatting
from planning_docs.forms import ROW_LABELS
from planning_docs.structured import ROW_FIELDS, FundingSource, indicator_change, row_is_sound

NUMERIC_FIELDS = {"amount", "baseline", "target", "change"}


def table_fields(kind: str) -> tuple[str, ...]:
    """The columns of a structured kind, in display order; indicators show their change."""
    fields = ROW_FIELDS[kind]
    if kind == "indicators":
        return (*fields[:4], "change", *fields[4:])
    return fields


def table_columns(kind: str) -> list[tuple[str, bool]]:
    """(label, numeric) of each column."""
    return [(str(ROW_LABELS[name]), name in NUMERIC_FIELDS) for name in table_fields(kind)]


def cell_text(kind: str, name: str, row: dict, sound: bool) -> str:
    if not sound:
        # Stored before today's checks (a '1e1000000'): shown as stored, cut short, never
        # formatted or computed with, so that the page opens and the row can be corrected.
        return "" if name == "change" else truncatechars(str(row.get(name, "")), 300)
    if name == "source":
        code = str(row.get(name, ""))
        return str(dict(FundingSource.choices).get(code, code))
    if kind == "financing" and name == "amount":
        return formatting.format_money(row["amount"], row.get("currency", ""), code=False)
    if kind == "indicators" and name in ("baseline", "target"):
        return formatting.format_quantity(row[name])
    if kind == "indicators" and name == "change":
        return formatting.format_change(indicator_change(row), row.get("unit", ""))
    return str(row.get(name, ""))


def row_cells(kind: str, row: dict) -> list[str]:
    """One row's cells, in the order of `table_fields`."""
    sound = row_is_sound(kind, row)
    return [cell_text(kind, name, row, sound) for name in table_fields(kind)]
