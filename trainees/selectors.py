from django.db.models import QuerySet

from trainees.models import Enrolment


def roster_enrolments() -> QuerySet[Enrolment]:
    return Enrolment.objects.select_related(
        "trainee", "trainee__trainee_profile", "seminar"
    ).order_by("seminar__start_date", "trainee__last_name", "trainee__first_name")
