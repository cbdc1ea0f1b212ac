from django.db.models import Q, QuerySet

from ecotown.core import roles
from seminars.models import Seminar


def seminars_for_user(user) -> QuerySet[Seminar]:
    """Coordinators see every seminar; experts where they speak or review; trainees their own."""
    seminars = Seminar.objects.all()
    role = roles.role_of(user)
    if role == roles.COORDINATOR:
        return seminars
    if role == roles.EXPERT:
        return seminars.filter(
            Q(sessions__speakers=user) | Q(enrolments__plan__experts=user)
        ).distinct()
    if role == roles.TRAINEE:
        return seminars.filter(enrolments__trainee=user)
    return seminars.none()
