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


# The trainees who hold an accepted seat in a seminar (a User queryset): the expected audience of
# its sessions and the people its timetable is announced to. Enrolments live in trainees.
accepted_trainees = Hook("seminars.accepted_trainees", default=_nobody)

# The trainees holding a seat in a seminar (accepted, offered, completed), as a User queryset:
# they are its participants, who read its materials and whose attendance counts. Enrolments live
# in trainees, which answers.
seat_holders = Hook("seminars.seat_holders", default=_nobody)
