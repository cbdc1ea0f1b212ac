# ruff: noqa: E501 - long literal facts read better unbroken
"""Demo pilots of the two seminars before this year's: alumni whose plans were approved, placed
on the map across Asia and Africa, with reports in every state (completed, on track, at risk,
late, overdue and stalled). Seeded once, whatever the scale: the portfolio spans years, not
cohorts.

Which reports are filed depends on today's date (the check-ins fall 6, 12 and 24 months after
each seminar), so each pilot follows a rule rather than a fixed list: `file` files every report
already due, `overdue` leaves the newest due one unfiled, `all` files all three (early if need
be). The statuses then follow from pilots.status as in real life.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from ecotown.core import roles
from ecotown.core.demo import DemoContext
from pilots.models import CheckIn, MilestoneState
from pilots.progress import rows_from_version
from pilots.services import ReportInput, report_save
from pilots.showcase import plan_consent_set
from planning_docs import demo_french
from planning_docs.models import Plan, TemplateSection
from planning_docs.services import (
    plan_approve,
    plan_assign_experts,
    plan_create_for_enrolment,
    plan_submit,
)
from seminars.models import Seminar
from trainees.models import Enrolment, TraineeProfile

TITLE = "Eco-Town Seminar {year}: Green Industry and the Kitakyushu Model"

# (years ago, username, first, last, country, title, site, region, sector, lat, lon, rule, share, milestones)
# fmt: off
PILOTS = [
    (2, "alumnus01", "Wanjiku", "Otieno", "KE", "Mombasa e-waste dismantling centre", "Miritini", "Mombasa", "e_waste", "-4.0150", "39.5950", "all", "1.0", MilestoneState.DONE),
    (2, "alumnus02", "Văn Minh", "Trần", "VN", "Da Nang plastics recovery at Hoa Khanh", "Hoa Khanh industrial park", "Da Nang", "plastics", "16.0720", "108.1500", "all", "0.8", MilestoneState.ON_TRACK),
    (2, "alumnus03", "Hana", "Girma", "ET", "Addis Ababa market-waste composting", "Repi", "Addis Ababa", "composting", "8.9680", "38.7100", "overdue", "0.3", MilestoneState.ON_TRACK),
    (2, "alumnus04", "Rafiq", "Hossain", "BD", "Chattogram end-of-life vehicle and ship-steel recycling", "Sitakunda", "Chattogram", "vehicles", "22.6100", "91.6600", "overdue", "0.5", MilestoneState.ON_TRACK),
    (1, "alumnus05", "Dewi", "Kusuma", "ID", "Surabaya plastics eco-industrial cluster", "Rungkut industrial estate", "East Java", "plastics", "-7.3300", "112.7700", "file", "0.7", MilestoneState.ON_TRACK),
    (1, "alumnus06", "Kofi", "Asante", "GH", "Accra formal e-waste recovery beside Agbogbloshie", "Old Fadama", "Greater Accra", "e_waste", "5.5500", "-0.2150", "file", "0.02", MilestoneState.ON_TRACK),
    (1, "alumnus07", "Sreymom", "Keo", "KH", "Phnom Penh organic waste to compost", "Dangkao", "Phnom Penh", "composting", "11.4800", "104.8700", "file", "0.4", MilestoneState.LATE),
    (1, "alumnus08", "Neema", "Mwakyusa", "TZ", "Dar es Salaam end-of-life vehicle yard", "Kurasini", "Dar es Salaam", "vehicles", "-6.8500", "39.2900", "overdue", "0.4", MilestoneState.ON_TRACK),
    (1, "alumnus09", "Somchai", "Wongsa", "TH", "Map Ta Phut industrial symbiosis network", "Map Ta Phut", "Rayong", "symbiosis", "12.7000", "101.1500", "none", "0", MilestoneState.ON_TRACK),
    (1, "alumnus10", "Mariama", "Diallo", "SN", demo_french.TITLE, demo_french.SITE, demo_french.REGION, "composting", "14.7900", "-17.3000", "file", "0.6", MilestoneState.ON_TRACK),
]
# fmt: on
# Alumni who keep their plan from later trainees (the library shows the others to them).
PRIVATE = {"alumnus09"}
# Plans written in another language than English, with their text (the PDF speaks it too); their
# trainees read the portal in it.
IN_FRENCH = {"alumnus10"}

ROWS: dict[str, list[dict]] = {
    TemplateSection.Kind.FINANCING: [
        {
            "item": "Processing equipment",
            "source": "national_budget",
            "amount": "800000",
            "currency": "USD",
            "year": 2026,
        },
        {
            "item": "Training and the eco-town council",
            "source": "donor",
            "amount": "150000",
            "currency": "USD",
            "year": 2026,
        },
    ],
    TemplateSection.Kind.TIMELINE: [
        {
            "milestone": "Municipal by-law adopted",
            "start": "2026-01-01",
            "end": "2026-06-30",
            "owner": "City council",
        },
        {
            "milestone": "Plant operating",
            "start": "2026-07-01",
            "end": "2027-12-31",
            "owner": "Operator",
        },
    ],
    TemplateSection.Kind.INDICATORS: [
        {
            "indicator": "Material recovered",
            "unit": "t/year",
            "baseline": "500",
            "target": "8000",
            "year": 2028,
        },
        {
            "indicator": "Waste diverted from landfill",
            "unit": "%",
            "baseline": "4",
            "target": "35",
            "year": 2028,
        },
    ],
}


def _seminar(years_ago: int) -> Seminar:
    year = timezone.localdate().year - years_ago
    start = date(year, 11, 10)
    seminar, _ = Seminar.objects.get_or_create(
        title=TITLE.format(year=year),
        year=year,
        defaults={
            "start_date": start,
            "end_date": start + timedelta(days=11),
            "status": Seminar.Status.CLOSED,
            "description": "An earlier year's seminar.",
        },
    )
    return seminar


def _alumnus(ctx: DemoContext, person: tuple[str, str, str, str], password: str):
    username, first, last, country = person
    user, _ = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            "password": password,
            "language": "fr" if username in IN_FRENCH else "",
        },
    )
    user.groups.add(Group.objects.get(name=roles.TRAINEE))
    TraineeProfile.objects.get_or_create(
        user=user, defaults={"country": country, "organisation": "City environment department"}
    )
    ctx.users[username] = user
    return user


def _approved_plan(ctx: DemoContext, seminar: Seminar, trainee, facts: tuple) -> Plan:
    title, site, region, sector, latitude, longitude = facts
    enrolment, _ = Enrolment.objects.get_or_create(
        trainee=trainee, seminar=seminar, defaults={"status": Enrolment.Status.COMPLETED}
    )
    plan = plan_create_for_enrolment(enrolment=enrolment, actor=None)
    french = trainee.username in IN_FRENCH
    plan.language = "fr" if french else "en"
    plan.title, plan.pilot_site, plan.pilot_region, plan.sector = title, site, region, sector
    plan.pilot_latitude, plan.pilot_longitude = Decimal(latitude), Decimal(longitude)
    plan.save()
    lead = ctx.users["expert3"]
    plan_assign_experts(plan=plan, lead=lead, advisers=[], actor=ctx.users["unido"])
    # Written straight into the drafts, as an import would: nine plans through section_save
    # (a lock and an audit event per section) would double the time `make run` takes to seed.
    for draft in plan.drafts.select_related("section"):
        section = draft.section
        if french:
            draft.body = demo_french.TEXTS[section.key]
            structured = section.kind != TemplateSection.Kind.PROSE
            draft.rows = demo_french.rows(section.kind, seminar.year + 1) if structured else []
        else:
            draft.body = f"{section.title}: how {title} works on this point."
            draft.rows = ROWS.get(section.kind, [])
        draft.revision += 1
        draft.save()
    version = plan_submit(plan=plan, actor=trainee)
    plan_approve(plan=plan, version=version, actor=lead, note="Approved at the seminar's end.")
    plan.refresh_from_db()  # approved now: its check-ins read this status
    return plan


def _report(check_in: CheckIn, share: Decimal, state: str) -> ReportInput:
    rows = rows_from_version(check_in.version)
    for row in rows["indicators"]:
        baseline, target = Decimal(row["baseline"]), Decimal(row["target"])
        actual = baseline + (target - baseline) * share * check_in.months / 24
        row |= {"actual": format(actual.quantize(Decimal("0.1")), "f")}
        row |= {"date": check_in.due_on.isoformat(), "source": "City weighbridge records"}
    for row in rows["milestones"]:
        row["state"] = state
    for row in rows["financing"]:
        row["secured"] = format((Decimal(row["planned"]) * share).quantize(Decimal(1)), "f")
    return ReportInput(
        **rows,
        worked="The by-law passed and two licensed recyclers joined the pilot.",
        obstacles="Equipment cleared customs late; the informal collectors asked for contracts.",
        help_requested="A study visit to the Kitakyushu Eco-Town Centre for the plant's operators.",
    )


def _file_reports(plan: Plan, rule: str, share: Decimal, state: str) -> None:
    today = timezone.localdate()
    check_ins = list(plan.check_ins.order_by("due_on"))
    due = [c for c in check_ins if c.due_on <= today]
    chosen = {"all": check_ins, "file": due or check_ins[:1], "overdue": due[:-1]}.get(rule, [])
    for check_in in chosen:
        data = _report(check_in, share, state)
        report_save(check_in=check_in, actor=plan.enrolment.trainee, data=data, submit=True)


def seed(ctx: DemoContext) -> None:
    # The demo password as the core demo hashed it: hashing it again takes a second.
    password = ctx.users["unido"].password
    for years_ago, username, first, last, country, *facts, rule, share, state in PILOTS:
        seminar = _seminar(years_ago)
        trainee = _alumnus(ctx, (username, first, last, country), password)
        if Plan.objects.filter(enrolment__trainee=trainee, enrolment__seminar=seminar).exists():
            continue  # seeded by an earlier run
        plan = _approved_plan(ctx, seminar, trainee, tuple(facts))  # in the profile's country
        _file_reports(plan, rule, Decimal(share), state)
        if username not in PRIVATE:
            # This year's trainees find it in the library (pilots.library).
            plan_consent_set(
                plan=plan, actor=trainee, show_to_trainees=True, public=False, summary=""
            )
