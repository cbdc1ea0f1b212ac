"""The programme report for donors, year by year: every pilot of the seminars held up to the
year, as it stands on the day of rendering: pilots by status, region, sector and country, the
map, progress toward target, and a summary of each pilot. Rendered on a worker by
pilots.services.programme through the one PDF module; the HTML is built here."""

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from ecotown.core.languages import document_lang
from pilots import selectors
from pilots.map_svg import FILLS, pilot_map
from pilots.models import CheckIn, PilotStatus, ProgressReport
from pilots.portfolio import PortfolioRow, portfolio_counts, rows_of
from pilots.portfolio_charts import Item, progress_chart
from pilots.progress import progress_toward_target
from pilots.status import submitted_report

SUMMARY_CHARS = 600


@dataclass(frozen=True)
class PilotSummary:
    row: PortfolioRow
    report: ProgressReport | None  # the newest submitted one
    check_in: CheckIn | None
    chart: object
    worked: str
    obstacles: str

    @property
    def chart_id(self) -> str:
        return f"pilot-{self.row.plan.pk}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


def _summary(row: PortfolioRow) -> PilotSummary:
    filed = [c for c in row.plan.follow_up if submitted_report(c)]  # type: ignore[attr-defined]
    check_in = filed[-1] if filed else None
    report = submitted_report(check_in) if check_in else None
    items = [
        Item(r["indicator"], progress_toward_target(r), row.expected)
        for r in (report.indicators if report else [])
    ]
    return PilotSummary(
        row=row,
        report=report,
        check_in=check_in,
        chart=progress_chart(items),
        worked=_short(report.worked) if report else "",
        obstacles=_short(report.obstacles) if report else "",
    )


def programme_rows(year: int, today: date) -> list[PortfolioRow]:
    """The pilots of the seminars that started in `year` or before."""
    plans = selectors.all_pilots().filter(enrolment__seminar__year__lte=year)
    return rows_of(plans, {}, today)


def overview_chart(rows: list[PortfolioRow]):
    """Each pilot's mean progress toward its targets, coloured by its status."""
    items = [
        Item(
            f"{row.plan.title} ({row.country_name or '—'})",
            row.progress,
            row.expected if row.filed else None,
            FILLS[PilotStatus(row.state.status)],
        )
        for row in rows
    ]
    return progress_chart(items)


def programme_report_html(year: int, today: date, language: str) -> tuple[str, int]:
    """The report's HTML in `language` (labels, names of statuses, regions and countries,
    dates and numbers) and the number of pilots in it."""
    with translation.override(language):
        rows = programme_rows(year, today)
        context = {
            "year": year,
            "today": today,
            "rows": rows,
            "counts": portfolio_counts(rows),
            "map": pilot_map(rows),
            "chart": overview_chart(rows),
            "summaries": [_summary(row) for row in rows],
            **document_lang(),
        }
        return render_to_string("pilots/pdf/programme_report.html", context), len(rows)
