"""What seminars ask of the apps above them (see ecotown.core.hooks)."""

from django.db.models import IntegerField, Value

from ecotown.core.hooks import Hook

# An expression of the seats taken in each seminar row of a queryset (OuterRef("pk") is the
# seminar). Seats are held by enrolments, in trainees, which answers; without it none is taken.
seats_taken = Hook("seminars.seats_taken", default=lambda: Value(0, output_field=IntegerField()))


def _none(user):
    from seminars.models import Seminar

    return Seminar.objects.none().values("pk")


# The seminars whose plans an expert reviews, as Seminar.objects...values("pk"). Plans and their
# experts live in planning_docs, which answers.
seminars_reviewed_by = Hook("seminars.seminars_reviewed_by", default=_none)


def _nobody(seminar):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.none()


# Which of a seminar's trainees a caller means. Each name stands for a set of enrolment statuses,
# kept beside the statuses in trainees (Enrolment.ATTENDING, Enrolment.SEAT_HOLDING).
# Attending (accepted or completed): the expected audience of its sessions, the people its
# timetable is announced to, who read its times on the seminar's own clock.
ATTENDING = "attending"
# Holding a seat (accepted, offered or completed): its participants, who read its materials,
# check in and whose attendance counts.
SEAT_HOLDING = "seat_holding"

# The trainees of a seminar: trainees_of(seminar, who=ATTENDING or SEAT_HOLDING) -> a User
# queryset. Enrolments live in trainees, which answers; without it there is nobody.
trainees_of = Hook("seminars.trainees_of", default=lambda seminar, *, who: _nobody(seminar))
