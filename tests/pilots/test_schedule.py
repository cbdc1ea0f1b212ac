from datetime import date

import pytest

from ecotown.core.models import AuditEvent
from ecotown.core.workflow import history_of
from pilots.models import CheckIn, FollowUpSchedule
from pilots.services import due_date
from planning_docs.services import plan_approve, plan_reopen, plan_submit
from tests.factories.core import CoordinatorFactory
from tests.factories.pilots import approved_plan
from tests.factories.planning_docs import submitted_version
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = pytest.mark.django_db


def test_approval_schedules_reports_at_6_12_and_24_months_after_the_seminar_ends():
    plan = approved_plan()  # the factory's seminar ends on 13 November 2026
    assert list(plan.check_ins.values_list("months", "due_on")) == [
        (6, date(2027, 5, 13)),
        (12, date(2027, 11, 13)),
        (24, date(2028, 11, 13)),
    ]
    assert all(c.version == plan.versions.get() for c in plan.check_ins.all())
    event = history_of(plan).get(verb=AuditEvent.Verb.CHECK_INS_SCHEDULED)
    assert event.note == "2027-05-13, 2027-11-13, 2028-11-13"


def test_a_seminar_sets_its_own_months():
    seminar = SeminarFactory(start_date=date(2026, 8, 20), end_date=date(2026, 8, 31))
    FollowUpSchedule.objects.create(seminar=seminar, months=[18, 3])
    plan = approved_plan(enrolment=AcceptedEnrolmentFactory(seminar=seminar))
    assert list(plan.check_ins.values_list("months", "due_on")) == [
        (3, date(2026, 11, 30)),  # no 31 November: the month's last day
        (18, date(2028, 2, 29)),
    ]


@pytest.mark.parametrize(
    ("end", "months", "due"),
    [
        (date(2026, 11, 13), 6, date(2027, 5, 13)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 12, 1), 12, date(2027, 12, 1)),
        (date(2026, 7, 15), 24, date(2028, 7, 15)),
    ],
)
def test_due_date_is_the_same_day_months_later_or_the_months_last_day(end, months, due):
    assert due_date(end, months) == due


def test_approving_again_after_a_reopen_keeps_one_check_in_per_month_on_the_new_version():
    plan = approved_plan()
    plan_reopen(plan=plan, actor=CoordinatorFactory(), reason="Update the financing")
    plan.refresh_from_db()
    version = plan_submit(plan=plan, actor=plan.enrolment.trainee)
    plan_approve(plan=plan, version=version, actor=plan.assignments.get().expert, note="Yes")
    assert CheckIn.objects.filter(plan=plan).count() == 3
    assert set(plan.check_ins.values_list("version__number", flat=True)) == {2}


def test_a_plan_not_approved_has_no_check_ins():
    version = submitted_version()
    assert not CheckIn.objects.filter(plan=version.plan).exists()
