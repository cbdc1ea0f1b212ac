"""Who may do what with seminars. Seeing a seminar is decided per object here and per list in
selectors.seminars_for_user; tests/seminars/test_permissions.py checks that both agree."""

import rules

from ecotown.core import roles
from ecotown.core.rules import add_personal_perm, is_coordinator
from seminars import hooks


# By the one role a person works in (as the selector does), so that someone in both the expert and
# the trainee group sees the same seminars on the list and on the page.
@rules.predicate
def works_as_expert(user) -> bool:
    return roles.role_of(user) == roles.EXPERT


@rules.predicate
def works_as_trainee(user) -> bool:
    return roles.role_of(user) == roles.TRAINEE


@rules.predicate
def speaks_at(user, seminar) -> bool:
    return seminar is not None and seminar.sessions.filter(speakers=user).exists()


@rules.predicate
def reviews_in(user, seminar) -> bool:
    return seminar is not None and hooks.seminars_reviewed_by(user).filter(pk=seminar.pk).exists()


@rules.predicate
def is_enrolled_in(user, seminar) -> bool:
    return seminar is not None and seminar.enrolments.filter(trainee=user).exists()


can_view_seminar = (
    is_coordinator
    | (works_as_expert & (speaks_at | reviews_in))
    | (works_as_trainee & is_enrolled_in)
)

rules.add_perm("seminars.view_seminar", can_view_seminar)
rules.add_perm("seminars.add_seminar", is_coordinator)
rules.add_perm("seminars.change_seminar", is_coordinator)
rules.add_perm("seminars.copy_seminar", is_coordinator)
rules.add_perm("seminars.add_session", is_coordinator)
rules.add_perm("seminars.change_session", is_coordinator)
rules.add_perm("seminars.delete_session", is_coordinator)
rules.add_perm("seminars.subscribe_calendar", rules.is_authenticated)
rules.add_perm("seminars.manage_places", is_coordinator)
rules.add_perm("seminars.publish_schedule", is_coordinator)
rules.add_perm("seminars.print_day_sheet", can_view_seminar)


# The seminar week: its participants read the materials; speakers and coordinators add them.
@rules.predicate
def holds_seat_in(user, seminar) -> bool:
    return (
        seminar is not None
        and hooks.trainees_of(seminar, who=hooks.SEAT_HOLDING).filter(pk=user.pk).exists()
    )


@rules.predicate
def speaks_in_session(user, session) -> bool:
    # Read through .all(): a list page that prefetched the speakers asks no query per session.
    return session is not None and any(s.pk == user.pk for s in session.speakers.all())


is_participant = (
    is_coordinator
    | (works_as_expert & (speaks_at | reviews_in))
    | (works_as_trainee & holds_seat_in)
)

rules.add_perm("seminars.view_materials", is_participant)
# On a session: its speakers and coordinators attach and remove its files.
rules.add_perm("seminars.add_material", is_coordinator | (works_as_expert & speaks_in_session))
# On a session: the roll call, and the room's code with its QR (coordinators and the speakers,
# who show it in the room).
rules.add_perm("seminars.take_roll_call", is_coordinator)
rules.add_perm("seminars.show_check_in_code", is_coordinator | speaks_in_session)
# On a seminar: a trainee with a seat checks in to its sessions (theirs alone, not an admin's).
add_personal_perm("seminars.check_in", works_as_trainee & holds_seat_in)
