from datetime import date, datetime
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from ecotown.core import roles
from ecotown.core.models import User
from ecotown.core.names import NAME_FIELDS
from ecotown.core.prepared import PreparedQuery, prepared
from seminars import hooks
from seminars.models import CalendarFeedToken, ScheduleVersion, Seminar, Session


def seminars_for_user(user: User) -> QuerySet[Seminar]:
    """Coordinators see every seminar; experts where they speak or review; trainees their own."""
    return _seminars_for(roles.role_of(user), user.pk)


def _seminars_for(role: str | None, user_id: int) -> QuerySet[Seminar]:
    seminars = Seminar.objects.all()
    if role == roles.COORDINATOR:
        return seminars
    if role == roles.EXPERT:
        # Subqueries rather than joins: no duplicate rows, and counts annotated later stay right.
        speaking = Session.objects.filter(speakers=user_id).values("seminar_id")
        reviewing = hooks.seminars_reviewed_by(user_id)
        return seminars.filter(Q(pk__in=speaking) | Q(pk__in=reviewing))
    if role == roles.TRAINEE:
        return seminars.filter(enrolments__trainee=user_id)
    return seminars.none()


def _seminar_query(role: str) -> PreparedQuery:
    def build(user_id: int, pk: int) -> QuerySet[Seminar]:
        return _seminars_for(role, user_id).filter(pk=pk)

    build.__qualname__ = f"seminar_for({role})"
    return PreparedQuery(build, (int, int))


# One seminar by its key among those the person sees, prepared for their role.
_SEMINAR_FOR = {role: _seminar_query(role) for role in (roles.EXPERT, roles.TRAINEE)}


@prepared(int)
def _any_seminar(pk: int) -> QuerySet[Seminar]:
    return Seminar.objects.filter(pk=pk)


def seminar_for_user_or_404(user: User, pk: int) -> Seminar:
    """One seminar the user may see, else 404."""
    role = roles.role_of(user)
    seminar: Seminar | None = None
    if role == roles.COORDINATOR:
        seminar = _any_seminar.first(pk)
    elif role in _SEMINAR_FOR:
        seminar = _SEMINAR_FOR[role].first(user.pk, pk)
    if seminar is None:
        raise Http404
    return seminar


def count_of(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT subquery: one query for the whole list, however many rows."""
    counted = queryset.order_by().values("seminar_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(seminars: QuerySet[Seminar]) -> QuerySet[Seminar]:
    """Annotate `session_count` and `seats_taken` (enrolments that hold a seat)."""
    return seminars.annotate(
        session_count=count_of(Session.objects.filter(seminar=OuterRef("pk"))),
        seats_taken=hooks.seats_taken(),
    )


def seminar_list_for_user(user: User) -> QuerySet[Seminar]:
    return with_counts(seminars_for_user(user)).order_by("-start_date", "title")


def current_seminars_for_user(user: User, *, today: date | None = None) -> QuerySet[Seminar]:
    """Seminars not yet over and not closed, soonest first (dashboard panels; `with_counts` adds
    the counts where a panel shows them)."""
    return current_among(seminars_for_user(user), today or timezone.localdate())


def current_among(seminars: QuerySet[Seminar], today: date) -> QuerySet[Seminar]:
    """Those of `seminars` not yet over and not closed, soonest first."""
    return (
        seminars.filter(end_date__gte=today)
        .exclude(status=Seminar.Status.CLOSED)
        .order_by("start_date", "title")
    )


def sessions_with_speakers() -> QuerySet[Session]:
    """Sessions in time order with their place, site visit and speakers; of a speaker only what
    a timetable, a feed or the API shows (the name)."""
    speakers = Prefetch("speakers", queryset=User.objects.only(*NAME_FIELDS))
    return (
        Session.objects.select_related("place", "site_visit")
        .prefetch_related(speakers)
        .order_by("starts_at", "pk")
    )


@prepared(int)
def _timetable(seminar_id: int) -> QuerySet[Session]:
    return sessions_with_speakers().filter(seminar_id=seminar_id)


def timetable_of(seminar: Seminar) -> QuerySet[Session]:
    return sessions_with_speakers().filter(seminar=seminar)


def timetable_sessions(seminar: Seminar) -> list[Session]:
    """timetable_of, read as the timetable page reads it: every session, in order."""
    return _timetable(seminar.pk)


def _current_query(role: str) -> PreparedQuery:
    def build(user_id: int, today: date) -> QuerySet[Seminar]:
        return current_among(_seminars_for(role, user_id), today)

    build.__qualname__ = f"current_seminars({role})"
    return PreparedQuery(build, (int, date))


def _upcoming_query(role: str) -> PreparedQuery:
    def build(user_id: int, today: date, now: datetime) -> QuerySet[Session]:
        seminars = current_among(_seminars_for(role, user_id), today).values("pk")
        sessions = Session.objects.select_related("place").filter(
            seminar__in=seminars, ends_at__gt=now
        )
        if role == roles.EXPERT:
            speaks = Session.speakers.through.objects.filter(session=OuterRef("pk"), user=user_id)
            sessions = sessions.annotate(speaking=Exists(speaks))
        return sessions.order_by("starts_at", "pk")

    build.__qualname__ = f"upcoming_sessions({role})"
    return PreparedQuery(build, (int, date, datetime))


# An expert's or trainee's current seminars, and their sessions to come, prepared by role.
_CURRENT = {role: _current_query(role) for role in (roles.EXPERT, roles.TRAINEE)}
_UPCOMING = {role: _upcoming_query(role) for role in (roles.EXPERT, roles.TRAINEE)}


def current_seminars_with_upcoming(user: User, *, now: datetime) -> list[Seminar]:
    """An expert's or trainee's current_seminars_for_user, each with its sessions not yet over
    as `upcoming_sessions` (in time order, with their place) and, for an expert, whether they
    speak at each (`speaking`): two queries, prepared."""
    role = roles.role_of(user)
    if role not in _CURRENT:
        raise ValueError(f"no dashboard seminars for the role {role}")
    today = timezone.localdate(now)
    seminars: list[Seminar] = _CURRENT[role](user.pk, today)
    upcoming: dict[int, list[Session]] = {seminar.pk: [] for seminar in seminars}
    for session in _UPCOMING[role](user.pk, today, now):
        upcoming[session.seminar_id].append(session)
    for seminar in seminars:
        seminar.upcoming_sessions = upcoming[seminar.pk]  # type: ignore[attr-defined]
    return seminars


def sessions_for_feed(user: User) -> QuerySet[Session]:
    """Every session of every seminar the person takes part in (their personal calendar feed)."""
    return (
        sessions_with_speakers()
        .filter(seminar__in=seminars_for_user(user))
        .select_related("seminar")
    )


@prepared(int)
def _feed_token(user_id: int) -> QuerySet[CalendarFeedToken]:
    return CalendarFeedToken.objects.filter(user_id=user_id).order_by("pk")[:1]


@prepared(int)
def _latest_schedule_version(seminar_id: int) -> QuerySet[ScheduleVersion]:
    versions = ScheduleVersion.objects.filter(seminar_id=seminar_id).order_by("-number")
    return versions.defer("snapshot", "changes")[:1]


def latest_schedule_version(seminar: Seminar) -> ScheduleVersion | None:
    """The newest published timetable's number and date: not the timetable it froze, nor its
    changes."""
    version: ScheduleVersion | None = _latest_schedule_version.first(seminar.pk)
    return version


def feed_token_of(user: User) -> CalendarFeedToken | None:
    token: CalendarFeedToken | None = _feed_token.first(user.pk)
    return token
