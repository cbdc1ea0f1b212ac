"""Demo profiles and enrolments: trainee01-12 accepted (planning_docs gives each a plan and its
demo a lead expert), 13-14 waitlisted."""

from ecotown.core import roles
from ecotown.core.demo import PEOPLE, DemoContext, scaled_username
from trainees.models import Enrolment, ExpertProfile, TraineeProfile
from trainees.services import (
    enrolment_accept,
    enrolment_nominate,
    enrolment_waitlist,
)

EXPERT_FIELDS = {
    "expert": ["legal", "policy", "plan_clinic"],
    "expert2": ["technology", "financing", "plan_clinic"],
    "expert3": ["technology", "site_visit"],
}
WAITLISTED = {"trainee13", "trainee14"}


def lead_expert_of(username: str) -> str:
    """trainee01-06 are led by `expert`, trainee07-12 by `expert2`; expert3 reviews none."""
    return "expert" if int(username.removeprefix("trainee")) <= 6 else "expert2"


def seed(ctx: DemoContext) -> None:
    coordinator = ctx.users["unido"]
    for copy in range(ctx.scale):
        seminar = ctx.seminars[copy]
        for username, _first, _last, role, country, _zone, organisation, position in PEOPLE:
            user = ctx.users[scaled_username(username, copy)]
            if role == roles.EXPERT:
                ExpertProfile.objects.get_or_create(
                    user=user,
                    defaults={
                        "organisation": organisation,
                        "fields": EXPERT_FIELDS[username],
                        "languages": "Japanese, English",
                    },
                )
            if role != roles.TRAINEE:
                continue
            TraineeProfile.objects.get_or_create(
                user=user,
                defaults={
                    "country": country,
                    "organisation": organisation,
                    "position": position,
                    "languages": "English",
                },
            )
            enrolment = Enrolment.objects.filter(trainee=user, seminar=seminar).first()
            if enrolment is None:
                enrolment = enrolment_nominate(trainee=user, seminar=seminar, actor=coordinator)
            if enrolment.status == Enrolment.Status.NOMINATED:
                # Through the services, as a coordinator would: checked, logged, plan created.
                if username in WAITLISTED:
                    enrolment = enrolment_waitlist(enrolment=enrolment, actor=coordinator)
                else:
                    enrolment = enrolment_accept(enrolment=enrolment, actor=coordinator)
