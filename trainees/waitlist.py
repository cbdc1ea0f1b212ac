"""Where a trainee without a seat stands: their place on the waitlist and what happens next,
shown on their dashboard and on "My plan" (so that waiting is never a dead end)."""

from collections import defaultdict
from dataclasses import dataclass

from ecotown.core.models import User
from trainees.models import Enrolment
from trainees.services import offer_days

WAITING = (Enrolment.Status.NOMINATED, Enrolment.Status.WAITLISTED, Enrolment.Status.OFFERED)


@dataclass(frozen=True)
class WaitingPlace:
    enrolment: Enrolment
    position: int | None  # on the waitlist: 1 = the next seat freed is offered to them
    waitlisted: int  # how many wait on the seminar's waitlist (0 unless they are one of them)
    offer_days: int


def _waitlists(seminar_ids: list[int]) -> dict[int, list[int]]:
    """Each seminar's waitlisted enrolments (ids) in the order seats are offered to them:
    by `waitlisted_at`, then id. One query for all the seminars."""
    order: dict[int, list[int]] = defaultdict(list)
    if not seminar_ids:
        return order
    waitlisted = Enrolment.objects.filter(
        seminar_id__in=seminar_ids, status=Enrolment.Status.WAITLISTED
    ).order_by("waitlisted_at", "pk")
    for seminar_id, pk in waitlisted.values_list("seminar_id", "pk"):
        order[seminar_id].append(pk)
    return order


def waiting_places(user: User, among: list[Enrolment] | None = None) -> list[WaitingPlace]:
    """The user's places still waiting for a seat, soonest seminar first; `among` (the user's
    enrolments with their seminars, already loaded by the caller) spares a query."""
    if among is None:
        enrolments = list(
            Enrolment.objects.filter(trainee=user, status__in=WAITING).select_related("seminar")
        )
    else:
        enrolments = [enrolment for enrolment in among if enrolment.status in WAITING]
    enrolments.sort(key=lambda enrolment: enrolment.seminar.start_date)
    waitlists = _waitlists(
        [e.seminar_id for e in enrolments if e.status == Enrolment.Status.WAITLISTED]
    )
    places = []
    for enrolment in enrolments:
        waitlist = waitlists.get(enrolment.seminar_id, [])
        places.append(
            WaitingPlace(
                enrolment=enrolment,
                # 1 = the next seat freed is offered to them
                position=waitlist.index(enrolment.pk) + 1 if enrolment.pk in waitlist else None,
                waitlisted=len(waitlist),
                offer_days=offer_days(),
            )
        )
    return places
