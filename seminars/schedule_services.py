"""Writes for places, moves in the timetable grid, site visits, published timetable versions and
the time display preference. Each is atomic and audited; clashes are checked as for any session
(seminars.services.session_conflicts) under the same locks."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.forms import ModelForm
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from notifications.services import notify
from seminars import hooks
from seminars.models import (
    Place,
    ScheduleVersion,
    Seminar,
    Session,
    SiteVisit,
    TimePreference,
)
from seminars.schedule_diff import changes_between, describe, snapshot_of
from seminars.services import session_update

# --- Places ---------------------------------------------------------------------------------------


def place_save(*, form: "ModelForm[Place]", actor: User | None) -> Place:
    """Create or change a place from a valid PlaceForm. Logged. Raises ValidationError when
    another place already has the name (in any case)."""
    created = form.instance.pk is None
    try:
        with transaction.atomic():
            place: Place = form.save()
            verb = AuditEvent.Verb.PLACE_ADDED if created else AuditEvent.Verb.PLACE_CHANGED
            record(place, verb=verb, actor=actor, note=place.name)
    except IntegrityError as clash:
        raise ValidationError({"name": _("A place of that name exists already.")}) from clash
    return place


def place_delete(*, place: Place, actor: User | None) -> None:
    """Remove a place no session uses. Raises ValidationError (with the reason) otherwise."""
    try:
        with transaction.atomic():
            record(place, verb=AuditEvent.Verb.PLACE_REMOVED, actor=actor, note=place.name)
            Place.objects.filter(pk=place.pk).delete()
    except ProtectedError as used:
        count = len(used.protected_objects)
        raise ValidationError(
            ngettext(
                "%(place)s is the place of %(count)s session; move it elsewhere first.",
                "%(place)s is the place of %(count)s sessions; move them elsewhere first.",
                count,
            )
            % {"place": place.name, "count": count}
        ) from used


# --- Capacity -------------------------------------------------------------------------------------


def expected_audience(seminar: Seminar, speakers: Any = ()) -> int:
    """The seminar's accepted trainees and the session's speakers."""
    return hooks.trainees_of(seminar, who=hooks.ATTENDING).count() + len({s.pk for s in speakers})


def capacity_warning(*, seminar: Seminar, place: Place | None, speakers: Any = ()) -> str:
    """Why the place may be too small for the expected audience; empty when it is not."""
    if place is None or place.capacity is None:
        return ""
    audience = expected_audience(seminar, speakers)
    if audience <= place.capacity:
        return ""
    return _(
        "%(place)s seats %(capacity)s; %(audience)s people are expected "
        "(the seminar's accepted trainees and the speakers)."
    ) % {"place": place.name, "capacity": place.capacity, "audience": audience}


# --- Moves in the grid ----------------------------------------------------------------------------


def session_move(
    *,
    session: Session,
    actor: User | None,
    starts_at: datetime,
    ends_at: datetime,
    place: Place | None,
) -> Session:
    """Move or resize a session (new times, maybe another place), keeping everything else.

    The same clash checks as any edit, under the same locks: a clash raises ValidationError by
    field and nothing changes. Logs `session_changed` and raises the event's SEQUENCE.
    """
    speakers = list(session.speakers.all())
    return session_update(
        session=session,
        actor=actor,
        title=session.title,
        track=session.track,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        speakers=speakers,
        description=session.description,
    )


# --- Site visits ----------------------------------------------------------------------------------


def site_visit_save(*, session: Session, data: dict[str, Any], actor: User | None) -> SiteVisit:
    """Set a site visit's details. Raises SEQUENCE (the calendar event carries them) and logs
    `session_changed`."""
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        visit, _created = SiteVisit.objects.update_or_create(session=locked, defaults=data)
        locked.sequence += 1
        locked.save(update_fields=["sequence", "updated_at"])
        record(locked.seminar, verb=AuditEvent.Verb.SESSION_CHANGED, actor=actor, note=locked.title)
    return visit


# --- Published versions ---------------------------------------------------------------------------


def participants_of(seminar: Seminar) -> list[User]:
    """Who is told of a new timetable: the accepted trainees and every speaker."""
    trainees = list(hooks.trainees_of(seminar, who=hooks.ATTENDING))
    speakers = list(User.objects.filter(talks__seminar=seminar).distinct().order_by("pk"))
    return list({user.pk: user for user in [*trainees, *speakers]}.values())


def schedule_publish(*, seminar: Seminar, actor: User | None, comment: str = "") -> ScheduleVersion:
    """Freeze the timetable as the seminar's next numbered version, with what changed since the
    previous one, and announce it to the participants (portal notification and e-mail).

    Raises ValidationError when nothing changed since the last version (an empty announcement
    helps nobody). Logs `schedule_published`.
    """
    with transaction.atomic():
        Seminar.objects.select_for_update().filter(pk=seminar.pk).first()
        previous = seminar.schedule_versions.order_by("-number").first()
        sessions = (
            seminar.sessions.select_related("place").prefetch_related("speakers").order_by("pk")
        )
        snapshot = snapshot_of(sessions)
        changes = changes_between(previous.snapshot if previous else {}, snapshot)
        if previous is not None and not changes:
            raise ValidationError(
                _("Nothing changed since version %(n)s.") % {"n": previous.number}
            )
        version = ScheduleVersion.objects.create(
            seminar=seminar,
            number=(previous.number + 1) if previous else 1,
            published_by=actor if actor is not None and actor.is_authenticated else None,
            comment=comment,
            snapshot=snapshot,
            changes=changes,
        )
        record(
            seminar,
            verb=AuditEvent.Verb.SCHEDULE_PUBLISHED,
            actor=actor,
            note=_("Version %(n)s") % {"n": version.number},
        )
        notify(
            recipients=participants_of(seminar),
            verb="schedule_published",
            context={
                "seminar": seminar,
                "version": version,
                "lines": [describe(change, seminar.zone) for change in changes],
            },
            url=reverse("seminars:schedule-versions", args=[seminar.pk]),
        )
    return version


# --- Whose time -----------------------------------------------------------------------------------


def time_preference_set(*, user: User, show_home_time: bool) -> TimePreference:
    """Remember whether the person wants their home time beside the seminar's. Logged, like
    their other settings."""
    preference, _created = TimePreference.objects.update_or_create(
        user=user, defaults={"show_home_time": show_home_time}
    )
    record(user, verb=AuditEvent.Verb.PERSON_CHANGED, actor=user, note="home time shown")
    return preference
