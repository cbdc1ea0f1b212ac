"""Events of the seminar week that apps above seminars act on (connected in their
AppConfig.ready). Sent inside the service's transaction."""

from django.dispatch import Signal

# A trainee's attendance at a session was recorded or taken back. Arguments: session, trainee.
# planning_docs issues the certificate once the attendance and the plan both qualify.
attendance_changed = Signal()
