"""Events of the seats that apps above trainees act on (connected in their AppConfig.ready).

Sent inside the service's transaction: a receiver's writes commit or roll back with the seat."""

from django.dispatch import Signal

# An enrolment now holds a seat (accepted directly or through an offer). Arguments: enrolment,
# actor. planning_docs gives the trainee their plan.
enrolment_accepted = Signal()
