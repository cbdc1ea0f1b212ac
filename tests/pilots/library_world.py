"""Plans of two seminar years for the library, showcase and alumni tests."""

from datetime import date

from planning_docs.models import Plan
from planning_docs.services import plan_approve, plan_submit
from tests.factories.planning_docs import fill_plan, make_plan
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import TraineeProfileFactory, enrolment_in


def seminar_of(year: int):
    return SeminarFactory(
        year=year, start_date=date(year, 11, 2), end_date=date(year, 11, 13), status="closed"
    )


def approved_in(seminar, *, body: str = "", country: str = "KE", **fields) -> Plan:
    """An approved plan of a new trainee (with a profile from `country`) in `seminar`; `body`
    replaces the text of the technologies section."""
    enrolment = enrolment_in(seminar, status="accepted", country=country)
    plan = fill_plan(make_plan(enrolment=enrolment, **fields))
    if body:
        draft = plan.drafts.get(section__key="technologies-and-recycling-chains")
        draft.body = body
        draft.save()
    version = plan_submit(plan=plan, actor=plan.enrolment.trainee)
    plan_approve(plan=plan, version=version, actor=plan.assignments.get().expert, note="Ok")
    plan.refresh_from_db()
    return plan


def trainee_in(seminar, country: str = "KE"):
    """A trainee with a seat (and no plan) in `seminar`."""
    return enrolment_in(seminar, status="accepted", country=country).trainee


__all__ = ["TraineeProfileFactory", "approved_in", "seminar_of", "trainee_in"]
