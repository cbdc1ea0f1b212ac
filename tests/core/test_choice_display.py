from planning_docs.models import Plan
from seminars.models import Seminar
from trainees.models import Enrolment


def test_status_display_names_each_choice_as_written():
    assert [Seminar(status=value).get_status_display() for value in Seminar.Status.values] == [
        "Planned",
        "Nominations open",
        "In session",
        "Closed",
    ]
    assert Enrolment(status="waitlisted").get_status_display() == "Waitlisted"
    assert Plan(status="changes_requested").get_status_display() == "Changes requested"


def test_status_display_of_a_value_outside_the_choices_is_the_value():
    assert Seminar(status="archived").get_status_display() == "archived"
