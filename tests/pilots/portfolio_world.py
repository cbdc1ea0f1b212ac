"""Five pilots of two seminars (2024 and 2026), one in each status the rule gives without an
override, in three regions and four sectors; all but one placed on the map."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pilots.models import PilotStatus
from planning_docs.models import Plan
from tests.factories.pilots import approved_plan, submitted_report
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import AcceptedEnrolmentFactory

TODAY = date(2027, 6, 1)  # after the 2026 seminar's 6-month check-ins (due 13 May 2027)


@dataclass
class Pilots:
    on_track: Plan
    late: Plan
    stalled: Plan
    not_started: Plan
    at_risk: Plan

    def all(self) -> list[Plan]:
        return [self.on_track, self.late, self.stalled, self.not_started, self.at_risk]


def _pilot(seminar, country, sector, point=None) -> Plan:
    enrolment = AcceptedEnrolmentFactory(seminar=seminar)
    latitude, longitude = point or (None, None)
    return approved_plan(
        enrolment=enrolment,
        pilot_country=country,
        sector=sector,
        pilot_latitude=Decimal(latitude) if latitude else None,
        pilot_longitude=Decimal(longitude) if longitude else None,
    )


def make_pilots() -> Pilots:
    earlier = SeminarFactory(year=2024, start_date=date(2024, 11, 4), end_date=date(2024, 11, 15))
    recent = SeminarFactory(year=2026, start_date=date(2026, 11, 2), end_date=date(2026, 11, 13))
    on_track = _pilot(recent, "KE", "composting", ("-1.28638", "36.81722"))
    submitted_report(on_track.check_ins.get(months=6), share="0.5")
    late = _pilot(recent, "VN", "e_waste", ("21.02780", "105.83420"))
    submitted_report(late.check_ins.get(months=6), share="0.5", state="late")
    stalled = _pilot(earlier, "GH", "plastics", ("5.60370", "-0.18700"))
    not_started = _pilot(recent, "IN", "e_waste")
    # Its 6-month report is not due until later: the check-in moved past TODAY.
    not_started.check_ins.filter(months=6).update(due_on=date(2027, 7, 1))
    at_risk = _pilot(recent, "BR", "", ("-23.55050", "-46.63330"))
    submitted_report(at_risk.check_ins.get(months=6), share="0")
    return Pilots(on_track, late, stalled, not_started, at_risk)


EXPECTED_STATUS = {
    "on_track": PilotStatus.ON_TRACK,
    "late": PilotStatus.LATE,
    "stalled": PilotStatus.STALLED,
    "not_started": PilotStatus.NOT_STARTED,
    "at_risk": PilotStatus.AT_RISK,
}
