"""Where a trainee without a seat stands: their place on the waitlist and what happens next,
shown on their dashboard and on "My plan" (so that waiting is never a dead end)."""

from dataclasses import dataclass

from django.db.models import Q

from ecotown.core.models import User
from trainees.models import Enrolment
from trainees.services import offer_days

WAITING = (Enrolment.Status.NOMINATED, Enrolment.Status.WAITLISTED, Enrolment.Status.OFFERED)


@dataclass(frozen=True)
class WaitingPlace:
    enrolment: Enrolment
    position: int | None  # 1 = the next seat freed is offered to them
    waitlisted: int
    offer_days: int


def waitlist_position(enrolment: Enrolment) -> int:
    """1 + those waitlisted before (seats are offered by `waitlisted_at`, then id)."""
    ahead = Enrolment.objects.filter(
        seminar_id=enrolment.seminar_id, status=Enrolment.Status.WAITLISTED
    ).filter(
        Q(waitlisted_at__lt=enrolment.waitlisted_at)
        | Q(waitlisted_at=enrolment.waitlisted_at, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


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
    places = []
    for enrolment in enrolments:
        waiting = enrolment.status == Enrolment.Status.WAITLISTED
        places.append(
            WaitingPlace(
                enrolment=enrolment,
                position=waitlist_position(enrolment) if waiting else None,
                waitlisted=Enrolment.objects.filter(
                    seminar_id=enrolment.seminar_id, status=Enrolment.Status.WAITLISTED
                ).count(),
                offer_days=offer_days(),
            )
        )
    return places
