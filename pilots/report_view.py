"""A report as its readers see it: each row with the figures computed beside it. One home for
the page, the PDF and the archive."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ecotown.core.formatting import format_money, format_percentage, format_quantity
from pilots.models import MilestoneState, ProgressReport, ReportPhoto
from pilots.progress import progress_toward_target, secured_share
from planning_docs.structured import FundingSource


@dataclass(frozen=True)
class ReportView:
    indicators: list[dict]
    milestones: list[dict]
    financing: list[dict]


def _quantity(value, unit: str) -> str:
    return format_quantity(value, unit) if value not in (None, "") else "—"


def _money(value, currency: str) -> str:
    return format_money(value, currency) if value not in (None, "") else "—"


def _share(value) -> str:
    return format_percentage(value) if value is not None else "—"


def report_view(report: ProgressReport) -> ReportView:
    sources = dict(FundingSource.choices)
    states = dict(MilestoneState.choices)
    indicators = [
        row
        | {
            "progress": _share(progress_toward_target(row)),
            "shown": {
                k: _quantity(row.get(k), row["unit"]) for k in ("baseline", "target", "actual")
            },
        }
        for row in report.indicators
    ]
    milestones = [
        row | {"state_label": states.get(row.get("state", ""), _("not marked"))}
        for row in report.milestones
    ]
    financing = [
        row
        | {
            "source_label": sources.get(row["source"], row["source"]),
            "share": _share(secured_share(row)),
            "shown": {k: _money(row.get(k), row["currency"]) for k in ("planned", "secured")},
        }
        for row in report.financing
    ]
    return ReportView(indicators=indicators, milestones=milestones, financing=financing)


def photo_entries(report: ProgressReport, src: Callable[[ReportPhoto], str]) -> list[dict]:
    """The report's photos, numbered, each shown from `src(photo)`: one list for the page and
    the PDF."""
    return [
        {
            "number": number,
            "src": src(photo),
            "caption": photo.caption,
            "alt": photo.alt,
            "width": photo.width,
            "height": photo.height,
        }
        for number, photo in enumerate(report.photos.all(), start=1)
    ]
