"""Reminders with a frozen clock: 14 and 3 days before each due date to the trainee, overdue to
the trainee, the lead expert and the coordinators; each exactly once, however often the beat
task runs. The factory's 6-month check-in is due on 13 May 2027."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail

from notifications.models import Notification
from pilots.models import Reminder
from pilots.tasks import send_check_in_reminders
from tests.factories.core import CoordinatorFactory
from tests.factories.pilots import approved_plan, submitted_report

pytestmark = pytest.mark.django_db


def at(day: str):
    return time_machine.travel(datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC), tick=False)


@pytest.fixture
def plan():
    CoordinatorFactory(username="coordinator")
    return approved_plan()


def sent(plan) -> list[tuple[int, str, list[str]]]:
    """(months, kind, recipients' usernames) of every reminder notification so far."""
    rows = []
    for reminder in Reminder.objects.filter(check_in__plan=plan).order_by("pk"):
        verb = f"check_in_{reminder.kind}"
        names = sorted(
            Notification.objects.filter(
                verb=verb, url__endswith=f"/{reminder.check_in_id}/report/"
            ).values_list("recipient__username", flat=True)
        )
        rows.append((reminder.check_in.months, reminder.kind, names))
    return rows


def test_nothing_is_sent_more_than_14_days_before(plan):
    with at("2027-04-28"):
        assert send_check_in_reminders() == 0
    assert sent(plan) == []


def test_each_reminder_goes_once_on_its_day_and_never_again(plan, on_commit, eager_tasks):
    trainee = plan.enrolment.trainee.username
    lead = plan.assignments.get().expert.username
    with at("2027-04-29"):  # 14 days before
        with on_commit(execute=True):
            assert send_check_in_reminders() == 1
        assert send_check_in_reminders() == 0
    assert sent(plan) == [(6, "due_14", [trainee])]
    [email] = mail.outbox
    assert email.to == [plan.enrolment.trainee.email]
    assert email.subject == f'Your 6-month report on "{plan.title}" is due in 14 days'
    with at("2027-05-05"):  # 8 days before: between the two reminders
        assert send_check_in_reminders() == 0
    with at("2027-05-10"):  # 3 days before
        assert send_check_in_reminders() == 1
        assert send_check_in_reminders() == 0
    with at("2027-05-13"):  # the due day: nothing new
        assert send_check_in_reminders() == 0
    with at("2027-05-14"):  # one day overdue
        assert send_check_in_reminders() == 1
    with at("2027-07-20"):
        assert send_check_in_reminders() == 0
    assert sent(plan) == [
        (6, "due_14", [trainee]),
        (6, "due_3", [trainee]),
        (6, "overdue", sorted(["coordinator", lead, trainee])),
    ]


def test_a_late_run_sends_only_the_reminder_whose_window_is_open(plan):
    with at("2027-05-11"):  # the beat scheduler was down on the 14-day mark
        assert send_check_in_reminders() == 1
    assert [kind for _, kind, _ in sent(plan)] == ["due_3"]


def test_a_submitted_report_stops_the_reminders(plan):
    six = plan.check_ins.get(months=6)
    submitted_report(six)
    with at("2027-05-20"):
        assert send_check_in_reminders() == 0
    assert Reminder.objects.count() == 0


def test_each_check_in_is_reminded_on_its_own(plan):
    with at("2028-11-01"):  # 6 and 12 months long overdue, 24 months due in 12 days
        assert send_check_in_reminders() == 3
    assert [(m, kind) for m, kind, _ in sent(plan)] == [
        (6, "overdue"),
        (12, "overdue"),
        (24, "due_14"),
    ]
    with at("2028-11-10"):
        assert send_check_in_reminders() == 1
    assert [kind for m, kind, _ in sent(plan) if m == 24] == ["due_14", "due_3"]
