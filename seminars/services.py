"""Every write on seminars and their timetable that has a rule or a side effect."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import ModelForm
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core.dates import format_when
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record, transition
from seminars.models import CalendarFeedToken, Place, Seminar, Session, new_feed_token


@transaction.atomic
def seminar_save(*, form: "ModelForm[Seminar]", actor: User | None) -> Seminar:
    """Create or change a seminar from a valid SeminarForm. Logged (created, or the fields that
    changed)."""
    created = form.instance.pk is None
    seminar: Seminar = form.save()
    if created:
        record(seminar, verb=AuditEvent.Verb.SEMINAR_CREATED, actor=actor, note=seminar.title)
    else:
        changed = ", ".join(form.changed_data)
        record(seminar, verb=AuditEvent.Verb.SEMINAR_CHANGED, actor=actor, note=changed)
    return seminar


# --- Status moves ---------------------------------------------------------------------------------


def _seminar_move(*, seminar: Seminar, to_status: str, actor: User | None, verb: str) -> Seminar:
    with transaction.atomic():
        locked = Seminar.objects.select_for_update().get(pk=seminar.pk)
        transition(locked, to_status=to_status, actor=actor, verb=verb)
    return locked


def seminar_open_nominations(*, seminar: Seminar, actor: User | None) -> Seminar:
    """Planned -> nominations open. Logs an AuditEvent; raises TransitionNotAllowed otherwise."""
    return _seminar_move(
        seminar=seminar,
        to_status=Seminar.Status.NOMINATIONS_OPEN,
        actor=actor,
        verb=AuditEvent.Verb.OPEN_NOMINATIONS,
    )


def seminar_reopen_planning(*, seminar: Seminar, actor: User | None) -> Seminar:
    """Nominations open -> planned (nominations paused). Logs an AuditEvent."""
    return _seminar_move(
        seminar=seminar,
        to_status=Seminar.Status.PLANNED,
        actor=actor,
        verb=AuditEvent.Verb.REOPEN_PLANNING,
    )


def seminar_start(*, seminar: Seminar, actor: User | None) -> Seminar:
    """Nominations open -> in session. Logs an AuditEvent."""
    return _seminar_move(
        seminar=seminar,
        to_status=Seminar.Status.IN_SESSION,
        actor=actor,
        verb=AuditEvent.Verb.START,
    )


def seminar_close(*, seminar: Seminar, actor: User | None) -> Seminar:
    """In session -> closed (final). Logs an AuditEvent."""
    return _seminar_move(
        seminar=seminar, to_status=Seminar.Status.CLOSED, actor=actor, verb=AuditEvent.Verb.CLOSE
    )


# The moves a coordinator can ask for by target status, each through its named service.
SEMINAR_MOVES = {
    Seminar.Status.NOMINATIONS_OPEN: seminar_open_nominations,
    Seminar.Status.PLANNED: seminar_reopen_planning,
    Seminar.Status.IN_SESSION: seminar_start,
    Seminar.Status.CLOSED: seminar_close,
}


# --- Timetable conflicts --------------------------------------------------------------------------


def _span(starts_at: datetime, ends_at: datetime, zone: tzinfo) -> str:
    """'Tue 3 Nov 10:00–12:00' in the seminar's zone (the end's date only if it differs)."""
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    end_style = "time" if start.date() == end.date() else "weekday_time"
    return f"{format_when(start, 'weekday_time')}–{format_when(end, end_style)}"


def session_conflicts(
    *,
    seminar: Seminar,
    starts_at: datetime,
    ends_at: datetime,
    place: Place | None,
    speakers: Iterable,
    exclude: Session | None = None,
) -> dict[str, list[str]]:
    """Why a session could not be held as given, by form field; empty when it can.

    A place holds one session at a time, whichever seminar books it; an expert cannot speak
    twice at once in any seminar.
    Sessions that merely touch (one ends as the next starts) do not overlap.
    """
    errors: dict[str, list[str]] = {}
    zone = seminar.zone
    if ends_at <= starts_at:
        errors.setdefault("ends_at", []).append(_("The session must end after it starts."))
        return errors
    first, last = starts_at.astimezone(zone).date(), ends_at.astimezone(zone).date()
    if first < seminar.start_date or last > seminar.end_date:
        errors.setdefault("starts_at", []).append(
            _(
                "The session must fall within the seminar's dates: %(first)s to %(last)s "
                "(%(zone)s time)."
            )
            % {
                "first": format_when(seminar.start_date, "short_date"),
                "last": format_when(seminar.end_date, "short_date"),
                "zone": seminar.time_zone,
            }
        )
    overlapping = Session.objects.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if exclude is not None and exclude.pk:
        overlapping = overlapping.exclude(pk=exclude.pk)
    if place is not None:
        for other in overlapping.filter(place=place).select_related("seminar"):
            if other.seminar_id == seminar.pk:
                taken = _("%(place)s is already booked then for “%(title)s” (%(when)s).")
            else:
                taken = _(
                    "%(place)s is already booked then for “%(title)s” of %(seminar)s (%(when)s)."
                )
            errors.setdefault("place", []).append(
                taken
                % {
                    "place": place.name,
                    "title": other.title,
                    "seminar": other.seminar.title,
                    "when": _span(other.starts_at, other.ends_at, zone),
                }
            )
    speaker_ids = [speaker.pk for speaker in speakers]
    if speaker_ids:
        booked = (
            Session.speakers.through.objects.filter(
                session__in=overlapping, user_id__in=speaker_ids
            )
            .select_related("user", "session__seminar")
            .order_by("session__starts_at", "user_id")
        )
        for row in booked:
            errors.setdefault("speakers", []).append(
                _("%(expert)s already speaks then in “%(title)s” (%(seminar)s, %(when)s).")
                % {
                    "expert": row.user,
                    "title": row.session.title,
                    "seminar": row.session.seminar.title,
                    "when": _span(row.session.starts_at, row.session.ends_at, zone),
                }
            )
    return errors


def lock_for_scheduling(seminar: Seminar, speakers: Iterable, place: Place | None = None) -> None:
    """Serialise bookings of this seminar, of this place (shared by every seminar) and of these
    experts, so that two coordinators saving at once cannot both pass the conflict check."""
    Seminar.objects.select_for_update().filter(pk=seminar.pk).first()
    if place is not None:
        Place.objects.select_for_update().filter(pk=place.pk).first()
    ids = sorted(speaker.pk for speaker in speakers)
    if ids:
        list(get_user_model().objects.select_for_update().filter(pk__in=ids).order_by("pk"))


# --- Sessions -------------------------------------------------------------------------------------


def session_create(
    *,
    seminar: Seminar,
    actor: User | None,
    title: str,
    track: str,
    starts_at: datetime,
    ends_at: datetime,
    place: Place | None = None,
    speakers: Iterable = (),
    description: str = "",
) -> Session:
    """Add a session to the timetable. Raises ValidationError (by field) on a conflict.

    Logs a `session_added` AuditEvent on the seminar.
    """
    speakers = list(speakers)
    with transaction.atomic():
        lock_for_scheduling(seminar, speakers, place)
        errors = session_conflicts(
            seminar=seminar, starts_at=starts_at, ends_at=ends_at, place=place, speakers=speakers
        )
        if errors:
            raise ValidationError(errors)
        session = Session.objects.create(
            seminar=seminar,
            title=title,
            track=track,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            description=description,
        )
        session.speakers.set(speakers)
        record(seminar, actor=actor, verb=AuditEvent.Verb.SESSION_ADDED, note=title)
    return session


SCHEDULED_FIELDS = ("title", "track", "starts_at", "ends_at", "place", "description")


def session_update(
    *,
    session: Session,
    actor: User | None,
    title: str,
    track: str,
    starts_at: datetime,
    ends_at: datetime,
    place: Place | None = None,
    speakers: Iterable = (),
    description: str = "",
) -> Session:
    """Change a session. Raises ValidationError (by field) on a conflict.

    When anything changed, SEQUENCE goes up by one so that calendar apps replace their copy of
    the event (the UID never changes), and a `session_changed` AuditEvent is logged.
    """
    speakers = list(speakers)
    with transaction.atomic():
        lock_for_scheduling(session.seminar, speakers, place)
        locked = Session.objects.select_for_update().get(pk=session.pk)
        errors = session_conflicts(
            seminar=locked.seminar,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            speakers=speakers,
            exclude=locked,
        )
        if errors:
            raise ValidationError(errors)
        new = {
            "title": title,
            "track": track,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": place,
            "description": description,
        }
        changed = [name for name in SCHEDULED_FIELDS if getattr(locked, name) != new[name]]
        speakers_changed = {s.pk for s in speakers} != set(
            locked.speakers.values_list("pk", flat=True)
        )
        if not changed and not speakers_changed:
            return locked
        for name in changed:
            setattr(locked, name, new[name])
        locked.sequence += 1
        locked.save(update_fields=[*changed, "sequence", "updated_at"])
        if speakers_changed:
            locked.speakers.set(speakers)
        record(locked.seminar, actor=actor, verb=AuditEvent.Verb.SESSION_CHANGED, note=locked.title)
    return locked


def session_delete(*, session: Session, actor: User | None) -> None:
    """Remove a session from the timetable (it disappears from every feed). Logs an AuditEvent."""
    with transaction.atomic():
        seminar = session.seminar
        title = session.title
        Session.objects.filter(pk=session.pk).delete()
        record(seminar, actor=actor, verb=AuditEvent.Verb.SESSION_REMOVED, note=title)


# --- Copy to a new year ---------------------------------------------------------------------------


def _shift(value: datetime, *, days: timedelta, zone: tzinfo) -> datetime:
    """The same wall-clock time `days` later in the seminar's zone (09:30 stays 09:30)."""
    local = value.astimezone(zone).replace(tzinfo=None) + days
    return timezone.make_aware(local, zone)


def seminar_copy_to_year(
    *, seminar: Seminar, actor: User | None, title: str, start_date: date
) -> Seminar:
    """A new, planned seminar starting on `start_date` with the same timetable and speakers.

    Every session moves by the same number of days at the same local time; sessions get new UIDs.
    Raises ValidationError if a speaker would then speak twice at once. Logs an AuditEvent.
    """
    offset = start_date - seminar.start_date
    zone = seminar.zone
    sessions = list(seminar.sessions.prefetch_related("speakers"))
    with transaction.atomic():
        speakers = {speaker for session in sessions for speaker in session.speakers.all()}
        lock_for_scheduling(seminar, speakers)
        copy = Seminar.objects.create(
            title=title,
            year=start_date.year,
            start_date=start_date,
            end_date=seminar.end_date + offset,
            venue_city=seminar.venue_city,
            venue_country=seminar.venue_country,
            time_zone=seminar.time_zone,
            capacity=seminar.capacity,
            country_seat_limit=seminar.country_seat_limit,
            review_target_days=seminar.review_target_days,
            plan_deadline=seminar.plan_deadline
            and _shift(seminar.plan_deadline, days=offset, zone=zone),
            description=seminar.description,
            plan_template=seminar.plan_template,
        )
        problems = []
        for session in sessions:
            starts_at = _shift(session.starts_at, days=offset, zone=zone)
            ends_at = _shift(session.ends_at, days=offset, zone=zone)
            found = session_conflicts(
                seminar=copy,
                starts_at=starts_at,
                ends_at=ends_at,
                place=None,  # the copy is a year later: rooms are checked when it is edited
                speakers=session.speakers.all(),
            )
            problems.extend(found.get("speakers", []))
            new = Session.objects.create(
                seminar=copy,
                title=session.title,
                track=session.track,
                starts_at=starts_at,
                ends_at=ends_at,
                place=session.place,
                description=session.description,
            )
            new.speakers.set(session.speakers.all())
        if problems:
            raise ValidationError(problems)  # leaving the atomic block undoes the copy
        record(
            copy,
            actor=actor,
            verb=AuditEvent.Verb.COPIED,
            note=_("Copied from %(title)s") % {"title": seminar},
        )
    return copy


# --- Calendar feed --------------------------------------------------------------------------------


def calendar_feed_token_reset(*, user: User) -> CalendarFeedToken:
    """Give the person a new secret feed URL; any previous URL stops working at once. Logged on
    the person (never with the secret)."""
    with transaction.atomic():
        token, created = CalendarFeedToken.objects.select_for_update().get_or_create(user=user)
        if not created:
            token.token = new_feed_token()
            token.save(update_fields=["token", "updated_at"])
        record(user, verb=AuditEvent.Verb.CALENDAR_FEED_RESET, actor=user)
    return token
