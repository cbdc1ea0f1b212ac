from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django_countries import countries

from ecotown.core import roles
from ecotown.core.models import User
from ecotown.core.names import NAME_FIELDS, display_name
from seminars.models import Seminar
from trainees import hooks
from trainees.models import Enrolment
from trainees.regions import region_label


def roster_enrolments(
    *, seminar: Seminar | None = None, status: str = "", country: str = "", search: str = ""
) -> QuerySet[Enrolment]:
    """The roster (coordinators see every enrolment), filtered; each row carries its plan's id
    and its lead expert's name, so the page is one query whatever its length."""
    enrolments = (
        Enrolment.objects.select_related("trainee", "trainee__trainee_profile", "seminar")
        .annotate(**hooks.roster_annotations())
        .order_by("seminar__start_date", "trainee__last_name", "trainee__first_name", "id")
    )
    if seminar is not None:
        enrolments = enrolments.filter(seminar=seminar)
    if status:
        enrolments = enrolments.filter(status=status)
    if country:
        enrolments = enrolments.filter(trainee__trainee_profile__country=country)
    for term in search.split():
        enrolments = enrolments.filter(
            Q(trainee__first_name__icontains=term)
            | Q(trainee__last_name__icontains=term)
            | Q(trainee__username__icontains=term)
            | Q(trainee__email__icontains=term)
        )
    return enrolments


def lead_names(rows: list[Any]) -> dict[int, str]:
    """{user id: display name} of the lead experts of roster rows (their `lead_id`), one query."""
    ids: set[int] = {getattr(row, "lead_id", None) or 0 for row in rows} - {0}
    people = User.objects.filter(pk__in=ids).only(*NAME_FIELDS)
    return {person.pk: display_name(person) for person in people}


def enrolments_for_user(user: User) -> QuerySet[Enrolment]:
    """Coordinators see every enrolment, trainees their own, everyone else none."""
    enrolments = Enrolment.objects.select_related("trainee", "seminar")
    role = roles.role_of(user)
    if role == roles.COORDINATOR:
        return enrolments
    if role == roles.TRAINEE:
        return enrolments.filter(trainee=user)
    return enrolments.none()


def enrolment_for_user_or_404(user: User, pk: int) -> Enrolment:
    return get_object_or_404(enrolments_for_user(user), pk=pk)


def person_for_coordinator_or_404(user: User, pk: int) -> User:
    """A trainee or an expert, for the coordinators who manage people; 404 to everyone else."""
    return get_object_or_404(people_for_coordinator(user), pk=pk)


def people_for_coordinator(user: User) -> QuerySet[User]:
    """Trainees and experts, whom coordinators create, edit and invite."""
    if roles.role_of(user) != roles.COORDINATOR:
        return User.objects.none()
    return User.objects.filter(groups__name__in=[roles.TRAINEE, roles.EXPERT]).distinct()


def experts_with_workload() -> QuerySet[User]:
    """Every expert with the number of plans they lead and advise, least busy first."""
    return (
        User.objects.filter(groups__name=roles.EXPERT)
        .select_related("expert_profile")
        .annotate(**hooks.expert_workload())
        # F(): the counts are annotations the hook names, which the type checker cannot see.
        .order_by(F("leads"), F("advises"), "last_name", "first_name")
    )


@dataclass
class CountryCount:
    code: str
    name: str
    region: str
    seats: int
    over: bool  # more seats than the seminar's per-country limit
    at_limit: bool  # one more acceptance from this country would pass the limit


@dataclass
class Balance:
    """The seats of one seminar: how many are held, by whom, and where the mix is uneven."""

    seminar: Seminar
    by_status: dict[str, int]
    countries: list[CountryCount] = field(default_factory=list)
    regions: list[tuple[str, int]] = field(default_factory=list)

    @property
    def taken(self) -> int:
        return sum(self.by_status.get(s, 0) for s in Enrolment.SEAT_HOLDING)

    @property
    def free(self) -> int:
        return max(0, self.seminar.capacity - self.taken)

    @property
    def waitlisted(self) -> int:
        return self.by_status.get(Enrolment.Status.WAITLISTED, 0)

    @property
    def at_limit_codes(self) -> set[str]:
        return {c.code for c in self.countries if c.at_limit or c.over}

    @property
    def warnings(self) -> list[CountryCount]:
        return [c for c in self.countries if c.at_limit or c.over]


def seminar_balance(seminar: Seminar) -> Balance:
    """Two queries: the count per status, and the seat-holders per country."""
    by_status = dict(
        Enrolment.objects.filter(seminar=seminar)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    per_country = (
        Enrolment.objects.filter(seminar=seminar, status__in=Enrolment.SEAT_HOLDING)
        .values_list("trainee__trainee_profile__country")
        .annotate(n=Count("id"))
        .values_list("trainee__trainee_profile__country", "n")
    )
    limit = seminar.country_seat_limit
    country_rows = sorted(
        (
            CountryCount(
                code=code or "",
                name=countries.name(code) if code else "—",
                region=region_label(code),
                seats=n,
                over=n > limit,
                at_limit=n == limit,
            )
            for code, n in per_country
        ),
        key=lambda c: (-c.seats, c.name),
    )
    regions: Counter[str] = Counter()
    for row in country_rows:
        regions[row.region] += row.seats
    return Balance(
        seminar=seminar,
        by_status=by_status,
        countries=country_rows,
        regions=sorted(regions.items(), key=lambda item: (-item[1], item[0])),
    )
