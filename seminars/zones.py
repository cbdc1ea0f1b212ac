"""Whose time a seminar's times are shown in.

People attending a seminar (its coordinators, its experts, its accepted trainees) live by the
seminar's clock during the week: a trainee from Dakar in Kitakyushu must read the 09:00 site
visit as 09:00. They see the seminar's local time first, and their home time beside it when they
ask for it (TimePreference). Everyone else (a nominated trainee at home, say) sees their own zone
first, with the seminar's beside it where the clocks differ.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ecotown.core import roles
from ecotown.core.backends import PersonFact, fact_of
from ecotown.core.dates import format_when
from ecotown.core.prepared import prepared
from seminars import hooks
from seminars.models import Seminar, Session, TimePreference


@dataclass(frozen=True)
class Clocks:
    """The zone a seminar's times are printed in first, and the one beside it (if any)."""

    first: tzinfo
    beside: tzinfo | None
    attending: bool

    @property
    def first_name(self) -> str:
        return str(self.first)

    @property
    def beside_name(self) -> str:
        return str(self.beside) if self.beside else ""

    def differs(self, moment: datetime) -> bool:
        """Whether the beside clock shows something else at `moment` (not during a shared DST)."""
        if self.beside is None:
            return False
        return (
            moment.astimezone(self.first).utcoffset() != moment.astimezone(self.beside).utcoffset()
        )


def attends(user: Any, seminar: Seminar) -> bool:
    """Coordinators, the seminar's experts (speaking or reviewing) and its accepted trainees."""
    if not user.is_authenticated:
        return False
    role = roles.role_of(user)
    if role == roles.COORDINATOR:
        return True
    if role == roles.EXPERT:
        return bool(_speaks_or_reviews_at(user.pk, seminar.pk))
    if role == roles.TRAINEE:
        return bool(_attends_as_trainee(user.pk, seminar.pk))
    return False


@prepared(int, int)
def _speaks_or_reviews_at(expert_id: int, seminar_id: int) -> QuerySet:
    speaking = Session.objects.filter(speakers=expert_id).values("seminar_id")
    reviewing = hooks.seminars_reviewed_by(expert_id)
    seminar = Seminar.objects.filter(pk=seminar_id)
    return seminar.filter(Q(pk__in=speaking) | Q(pk__in=reviewing)).values_list("pk")[:1]


@prepared(int, int)
def _attends_as_trainee(trainee_id: int, seminar_id: int) -> QuerySet:
    attending = hooks.trainees_of(seminar_id, who=hooks.ATTENDING)
    return attending.filter(pk=trainee_id).values_list("pk")[:1]


def shows_home_time(user: Any) -> bool:
    """Whether the person asked for their home time beside the seminar's: read with the
    signed-in person (HOME_TIME_FACT), else asked."""
    if not user.is_authenticated:
        return False
    known = fact_of(user, HOME_TIME_FACT.name)
    if known is not None:
        return bool(known)
    return TimePreference.objects.filter(user=user, show_home_time=True).exists()


# Asked on every page that prints a seminar's times: read with the person (core.backends).
HOME_TIME_FACT = PersonFact.count(
    "shows_home_time", TimePreference, person="user", where="show_home_time", test=""
)


def _shows_home_time(user: Any, request: Any) -> bool:
    """shows_home_time, asked once per `request` (a page may list several seminars)."""
    if request is None:
        return shows_home_time(user)
    if not hasattr(request, "_shows_home_time"):
        request._shows_home_time = shows_home_time(user)
    return bool(request._shows_home_time)


def _home_zone(user: Any) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(user.time_zone)
    except (AttributeError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        return timezone.get_current_timezone()


def clocks_for(
    user: Any, seminar: Seminar, *, request: Any = None, attending: bool | None = None
) -> Clocks:
    """The clocks for `user` on `seminar`'s times; cached on `request` when given (a page may ask
    for every seminar time it prints). A caller that knows whether the user `attending` (a list
    of the seminars they attend) says so, and saves the queries that find it out."""
    cache = getattr(request, "_seminar_clocks", None) if request is not None else None
    if cache is not None and seminar.pk in cache:
        return cache[seminar.pk]
    seminar_zone = seminar.zone
    if attends(user, seminar) if attending is None else attending:
        home = _home_zone(user)
        beside = (
            home if _shows_home_time(user, request) and str(home) != str(seminar_zone) else None
        )
        clocks = Clocks(first=seminar_zone, beside=beside, attending=True)
    else:
        viewer = timezone.get_current_timezone()
        beside = seminar_zone if str(viewer) != str(seminar_zone) else None
        clocks = Clocks(first=viewer, beside=beside, attending=False)
    if request is not None:
        if cache is None:
            cache = {}
            request._seminar_clocks = cache
        cache[seminar.pk] = clocks
    return clocks


def format_in(moment: datetime, zone: tzinfo, style: str) -> str:
    """`moment` on the clock of `zone`, in a style of ecotown.core.dates ("short_datetime")."""
    return format_when(moment.astimezone(zone), style)


def seminar_time_html(value: datetime, clocks: Clocks, style: str) -> SafeString:
    """`value` in <time> on the first clock with its zone, and on the clock beside in brackets
    where that one reads otherwise (the `seminar_time` tag and the timetable's blocks)."""
    first = format_html(
        '<time class="seminar-time" datetime="{}">{} <span class="zone-name">{}</span></time>',
        value.isoformat(),
        format_in(value, clocks.first, style),
        clocks.first_name,
    )
    if clocks.beside is None or not clocks.differs(value):
        return first
    return format_html(
        '{} <span class="home-time small text-body-secondary">({} {})</span>',
        first,
        format_in(value, clocks.beside, style),
        clocks.beside_name,
    )
