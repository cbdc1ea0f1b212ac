"""The alumni directory: former trainees who opted in, found by country and sector, so that
officers of neighbouring and transit countries can reach each other. Accounts stay after the
seminar; only the opted-in are listed, and only signed-in trainees, alumni, experts and
coordinators read the list."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core.guards import require_perm
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from pilots.models import AlumniListing
from trainees.models import Enrolment


def alumni_enrolments() -> QuerySet[Enrolment]:
    """Enrolments that make their trainee an alumnus: completed, or held in a seminar that has
    ended."""
    today = timezone.now().date()
    return Enrolment.objects.filter(
        Q(status=Enrolment.Status.COMPLETED)
        | Q(status=Enrolment.Status.ACCEPTED, seminar__end_date__lt=today)
    )


def is_alumnus(user: User) -> bool:
    return bool(user.is_authenticated and alumni_enrolments().filter(trainee=user).exists())


def listing_of(user: User) -> AlumniListing:
    listing: AlumniListing | None = AlumniListing.objects.filter(user=user).first()
    return listing or AlumniListing(user=user)


@transaction.atomic
def alumni_listing_set(*, user: User, listed: bool, note: str) -> AlumniListing:
    """An alumnus opts in to (or out of) the directory. Side effects: the AlumniListing row, an
    AuditEvent on the user. Refused (PermissionDenied, nothing changed) for anyone who is not
    an alumnus."""
    require_perm(user, "pilots.join_alumni", None, _("Only former trainees are listed."))
    listing, _created = AlumniListing.objects.update_or_create(
        user=user, defaults={"listed": listed, "note": (note or "").strip()}
    )
    note_text = "listed" if listed else "not listed"
    record(user, verb=AuditEvent.Verb.ALUMNI_LISTING_CHANGED, actor=user, note=note_text)
    return listing


@dataclass(frozen=True)
class AlumniQuery:
    country: str = ""
    sector: str = ""


def alumni_listed(query: AlumniQuery) -> QuerySet[User]:
    """The opted-in alumni (still able to sign in), with their profile, seminars and plans, by
    country and then name."""
    people = User.objects.filter(
        alumni_listing__listed=True,
        is_active=True,
        pk__in=alumni_enrolments().values("trainee_id"),
    )
    if query.country:
        people = people.filter(trainee_profile__country=query.country)
    if query.sector:
        people = people.filter(
            pk__in=alumni_enrolments().filter(plan__sector=query.sector).values("trainee_id")
        )
    held = alumni_enrolments().select_related("seminar", "plan").order_by("seminar__start_date")
    return (
        people.select_related("alumni_listing", "trainee_profile")
        .prefetch_related(Prefetch("enrolments", queryset=held, to_attr="alumni_of"))
        .order_by("trainee_profile__country", "last_name", "first_name", "pk")
    )
