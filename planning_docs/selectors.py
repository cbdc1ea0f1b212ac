from django.db.models import QuerySet

from ecotown.core import roles
from planning_docs.models import Plan


def plans_for_user(user) -> QuerySet[Plan]:
    """A trainee sees their own plan; an expert the plans assigned to them; coordinators all."""
    plans = Plan.objects.select_related("enrolment__trainee", "enrolment__seminar")
    role = roles.role_of(user)
    if role == roles.COORDINATOR:
        return plans
    if role == roles.EXPERT:
        return plans.filter(assignments__expert=user).distinct()
    if role == roles.TRAINEE:
        return plans.filter(enrolment__trainee=user)
    return plans.none()
