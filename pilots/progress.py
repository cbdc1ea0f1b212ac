"""The figures of a progress report: progress toward each indicator's target, financing planned
per source, and the rows a new report starts from (copied from the approved version)."""

from decimal import ROUND_HALF_UP, Decimal

from planning_docs.models import PlanVersion
from planning_docs.structured import financing_totals, indicator_change, sound_rows

ONE_DECIMAL = Decimal("0.1")


def progress_toward_target(row: dict) -> Decimal | None:
    """How far the actual value has come from baseline to target, in % (one decimal); None
    without an actual value or when the target equals the baseline."""
    actual = row.get("actual")
    if actual in (None, ""):
        return None
    change = indicator_change(row)
    if change == 0:
        return None
    moved = Decimal(actual) - Decimal(row["baseline"])
    return (moved * 100 / change).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def mean_progress(rows: list[dict]) -> Decimal | None:
    values = [p for p in (progress_toward_target(row) for row in rows) if p is not None]
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _section_rows(version: PlanVersion, kind: str) -> list[dict]:
    return [
        row for s in version.sections if s["kind"] == kind for row in sound_rows(kind, s["rows"])
    ]


def rows_from_version(version: PlanVersion) -> dict[str, list[dict]]:
    """The rows a new report of `version` starts from, with nothing reported yet."""
    indicators = [
        {
            "indicator": row["indicator"],
            "unit": row["unit"],
            "baseline": row["baseline"],
            "target": row["target"],
            "actual": "",
            "date": "",
            "source": "",
        }
        for row in _section_rows(version, "indicators")
    ]
    milestones = [
        {"milestone": row["milestone"], "start": row["start"], "end": row["end"], "state": ""}
        for row in _section_rows(version, "timeline")
    ]
    by_source = financing_totals(_section_rows(version, "financing"))["by_source"]
    financing = [
        {"source": source, "currency": currency, "planned": format(amount, "f"), "secured": ""}
        for (currency, source), amount in by_source.items()
    ]
    return {"indicators": indicators, "milestones": milestones, "financing": financing}


def secured_share(row: dict) -> Decimal | None:
    """Financing secured against planned, in % (one decimal)."""
    if row.get("secured") in (None, "") or Decimal(row["planned"]) == 0:
        return None
    share = Decimal(row["secured"]) * 100 / Decimal(row["planned"])
    return share.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
