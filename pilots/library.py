"""The library of past plans: every approved plan, indexed by its approved version's text, read
within consent. Coordinators and experts read all; a trainee (or alumnus) reads their own and
those whose trainees consented to be shown to later trainees, from seminars before their own."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from ecotown.core import roles
from ecotown.core.models import User
from pilots.library_search import plans_matching, vector_refresh
from pilots.library_text import technology_text, version_text
from pilots.models import LibraryEntry
from pilots.selectors import with_follow_up
from planning_docs.models import Plan, PlanVersion
from trainees.models import Enrolment

PAGE_SIZE = 25


@transaction.atomic
def library_entry_index(*, plan: Plan, version: PlanVersion) -> LibraryEntry:
    """Index the approved version's text (a new approval replaces the old entry's text). The
    approval itself is audited; this derived row is not. Side effects: the LibraryEntry row, its
    search vector (PostgreSQL) or FTS5 row (SQLite, by trigger)."""
    entry, _created = LibraryEntry.objects.update_or_create(
        plan=plan,
        defaults={
            "version": version,
            "text": version_text(version.title, version.sections),
            "technology": technology_text(version.sections),
        },
    )
    vector_refresh([entry.pk])
    return entry


def _latest_seminar_start(user: User):
    """When the newest seminar the user took part in began (None if they never took part)."""
    taken = Enrolment.objects.filter(trainee=user, status__in=Enrolment.SEAT_HOLDING)
    return taken.aggregate(latest=Max("seminar__start_date"))["latest"]


def library_for_user(user: User) -> QuerySet[Plan]:
    """The approved, indexed plans the user may read in the library."""
    plans = Plan.objects.filter(status=Plan.Status.APPROVED, library_entry__isnull=False)
    role = roles.role_of(user)
    if role in (roles.COORDINATOR, roles.EXPERT):
        return plans
    if role != roles.TRAINEE:
        return plans.none()
    own = Q(enrolment__trainee=user)
    latest = _latest_seminar_start(user)
    if latest is None:
        return plans.filter(own)
    shown = Q(consent__show_to_trainees=True, enrolment__seminar__start_date__lt=latest)
    return plans.filter(own | shown)


def may_read_in_library(user: User, plan: Plan) -> bool:
    """The single-object twin of library_for_user (tests check that they agree)."""
    if plan.status != Plan.Status.APPROVED or not hasattr(plan, "library_entry"):
        return False
    role = roles.role_of(user)
    if role in (roles.COORDINATOR, roles.EXPERT):
        return True
    if role != roles.TRAINEE:
        return False
    if plan.enrolment.trainee_id == user.pk:
        return True
    latest = _latest_seminar_start(user)
    consent = getattr(plan, "consent", None)
    return bool(
        consent is not None
        and consent.show_to_trainees
        and latest is not None
        and plan.enrolment.seminar.start_date < latest
    )


@dataclass(frozen=True)
class LibraryQuery:
    text: str = ""
    country: str = ""
    sector: str = ""
    technology: str = ""


def library_search(user: User, query: LibraryQuery) -> QuerySet[Plan]:
    """The plans of the user's library matching the words, country, sector and technology, with
    what their pages show (trainee, seminar, check-ins for the pilot's status)."""
    plans = library_for_user(user)
    if query.country:
        plans = plans.filter(
            Q(pilot_country=query.country)
            | Q(pilot_country="", enrolment__trainee__trainee_profile__country=query.country)
        )
    if query.sector:
        plans = plans.filter(sector=query.sector)
    if query.technology:
        plans = plans.filter(library_entry__technology__icontains=query.technology)
    plans = with_follow_up(
        plans.select_related(
            "enrolment__trainee__trainee_profile", "enrolment__seminar", "consent"
        ).order_by("-enrolment__seminar__start_date", "title", "pk")
    )
    return plans_matching(plans, query.text)


def library_plan_for_user_or_404(user: User, pk: int) -> Plan:
    plans = library_for_user(user).select_related(
        "enrolment__trainee__trainee_profile", "enrolment__seminar", "library_entry__version"
    )
    return get_object_or_404(with_follow_up(plans), pk=pk)
