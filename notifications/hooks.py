"""What notifications ask of the apps above them (see ecotown.core.hooks)."""

from ecotown.core.hooks import Hook

# The people an announcement goes to: (seminar, audience) -> a User queryset. Who the trainees
# and experts of a seminar are is known above (enrolments, sessions, plans), which answers.
announcement_audience = Hook("notifications.announcement_audience")
