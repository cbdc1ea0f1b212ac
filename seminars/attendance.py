"""Attendance: a trainee checks in with the short code shown in the room, or a coordinator marks
them on the roll call. Every write is here, audited, and announced (signals.attendance_changed)
so that the apps above (certificates) can act on it.

A session's code is derived from its stable uid and the site's secret: nothing to store, the
same on every screen, and unguessable from the codes of other sessions. It opens CHECK_IN_MARGIN
before the session starts and closes CHECK_IN_MARGIN after it ends.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from seminars import hooks
from seminars.models import Attendance, Seminar, Session
from seminars.signals import attendance_changed

CHECK_IN_MARGIN = timedelta(minutes=30)
# No 0/O, 1/I/L: read off a projector at the back of a room and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


class CheckInRefused(ValueError):
    """Nothing was recorded; the message says why, for the trainee."""


def check_in_code(session: Session) -> str:
    digest = salted_hmac("seminars.check_in", str(session.uid), algorithm="sha256").digest()
    return "".join(CODE_ALPHABET[byte % len(CODE_ALPHABET)] for byte in digest[:CODE_LENGTH])


def normalise_code(code: str) -> str:
    return "".join(code.split()).upper().replace("-", "")


def check_in_window(session: Session) -> tuple[datetime, datetime]:
    return session.starts_at - CHECK_IN_MARGIN, session.ends_at + CHECK_IN_MARGIN


def is_open_for_check_in(session: Session, now: datetime) -> bool:
    opens, closes = check_in_window(session)
    return opens <= now <= closes


def _session_of_code(code: str, now: datetime, seminars: list[Seminar]) -> Session:
    """The session of the trainee's seminars that `code` opens now, or CheckInRefused."""
    sessions = Session.objects.filter(seminar__in=seminars)
    matching = [s for s in sessions if check_in_code(s) == code]
    if not matching:
        raise CheckInRefused(
            _("This code matches no session of your seminar. Check it on the room's screen.")
        )
    open_now = [s for s in matching if is_open_for_check_in(s, now)]
    if not open_now:
        raise CheckInRefused(
            _(
                "This code is for “%(title)s”, which is not open for check-in now: codes work "
                "from %(margin)d minutes before a session to %(margin)d minutes after it."
            )
            % {"title": matching[0].title, "margin": CHECK_IN_MARGIN.seconds // 60}
        )
    return open_now[0]


@transaction.atomic
def attendance_check_in(
    *, trainee: User, code: str, seminars: list[Seminar], now: datetime | None = None
) -> tuple[Attendance, bool]:
    """Record that `trainee` is at the session whose code they typed; (attendance, created).

    `seminars` are those where the trainee holds a seat (the view's selector). Refused
    (CheckInRefused, nothing recorded) for a wrong code or one outside its session's window.
    Side effects: the Attendance row, an AuditEvent on the session, attendance_changed."""
    now = now or timezone.now()
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        raise CheckInRefused(
            _("A check-in code has %(n)d letters and digits.") % {"n": CODE_LENGTH}
        )
    session = _session_of_code(code, now, seminars)
    attendance, created = Attendance.objects.get_or_create(
        session=session,
        trainee=trainee,
        defaults={"method": Attendance.Method.CODE, "recorded_by": trainee},
    )
    if created:
        record(session, verb=AuditEvent.Verb.CHECKED_IN, actor=trainee, note=f"user {trainee.pk}")
        attendance_changed.send(Session, session=session, trainee=trainee)
    return attendance, created


@transaction.atomic
def attendance_mark(*, session: Session, trainee: User, present: bool, actor: User) -> bool:
    """The roll call: mark `trainee` present at `session` (or take it back). Returns whether
    they are present now. Refused (CheckInRefused) for someone without a seat in the seminar.
    Side effects: the Attendance row made or deleted, an AuditEvent, attendance_changed."""
    seated = hooks.trainees_of(session.seminar, who=hooks.SEAT_HOLDING)
    if not seated.filter(pk=trainee.pk).exists():
        raise CheckInRefused(_("This person holds no seat in the seminar."))
    Session.objects.select_for_update().get(pk=session.pk)
    existing = Attendance.objects.filter(session=session, trainee=trainee)
    if present and not existing.exists():
        Attendance.objects.create(
            session=session, trainee=trainee, method=Attendance.Method.ROLL_CALL, recorded_by=actor
        )
        verb = AuditEvent.Verb.ATTENDANCE_MARKED
    elif not present and existing.exists():
        existing.delete()
        verb = AuditEvent.Verb.ATTENDANCE_UNMARKED
    else:
        return present
    record(session, verb=verb, actor=actor, note=f"user {trainee.pk}")
    attendance_changed.send(Session, session=session, trainee=trainee)
    return present


@dataclass(frozen=True)
class AttendanceTally:
    attended: int
    total: int
    threshold: int  # percent

    @property
    def needed(self) -> int:
        """Sessions to attend to reach the threshold (rounded up)."""
        return -(-self.total * self.threshold // 100)

    @property
    def reached(self) -> bool:
        return self.attended >= self.needed

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.attended)


def attendance_tally(seminar: Seminar, trainee: User) -> AttendanceTally:
    """Every session of the seminar counts, site visits included."""
    return AttendanceTally(
        attended=Attendance.objects.filter(session__seminar=seminar, trainee=trainee).count(),
        total=Session.objects.filter(seminar=seminar).count(),
        threshold=seminar.attendance_threshold,
    )
