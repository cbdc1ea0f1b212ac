"""The filtered portfolio as a table for donors' spreadsheets: CSV and XLSX, one row per pilot,
the same columns in both (tablib; XLSX through openpyxl). Text cells that a spreadsheet would
run as a formula are quoted (ecotown.core.spreadsheet)."""

import tablib

from ecotown.core.names import display_name
from ecotown.core.spreadsheet import safe_cell
from pilots.portfolio import PortfolioRow

HEADERS = (
    "plan_id",
    "title",
    "trainee",
    "seminar",
    "year",
    "country",
    "country_name",
    "region",
    "sector",
    "pilot_site",
    "latitude",
    "longitude",
    "status",
    "status_set_by_coordinator",
    "reports_filed",
    "reports_due",
    "progress_pct",
    "expected_pct",
    "next_report_due",
)


def _values(row: PortfolioRow) -> tuple:
    plan = row.plan
    return (
        plan.pk,
        plan.title,
        display_name(plan.enrolment.trainee),
        plan.enrolment.seminar.title,
        row.year,
        row.country,
        row.country_name,
        row.region_label,
        row.sector_label,
        plan.pilot_site,
        plan.pilot_latitude,
        plan.pilot_longitude,
        row.state.label,
        "yes" if row.state.override else "no",
        row.filed,
        row.due,
        row.progress,
        row.expected if row.filed else None,
        row.next_due.due_on.isoformat() if row.next_due else "",
    )


def portfolio_dataset(rows: list[PortfolioRow]) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=HEADERS, title="Pilots")
    for row in rows:
        dataset.append([safe_cell(value) for value in _values(row)])
    return dataset


def portfolio_csv(rows: list[PortfolioRow]) -> str:
    return portfolio_dataset(rows).export("csv")


def portfolio_xlsx(rows: list[PortfolioRow]) -> bytes:
    return portfolio_dataset(rows).export("xlsx")
