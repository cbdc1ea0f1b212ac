"""The trainees app's part of a person's export and erasure (ecotown.core.erasure)."""

from typing import Any

from ecotown.core.erasure import when
from trainees.models import Enrolment, ExpertProfile, TraineeProfile


def export(user: Any) -> tuple[str, Any]:
    trainee = TraineeProfile.objects.filter(user=user).first()
    expert = ExpertProfile.objects.filter(user=user).first()
    enrolments = Enrolment.objects.filter(trainee=user).select_related("seminar")
    return "profile_and_seats", {
        "trainee_profile": trainee
        and {
            "country": str(trainee.country),
            "organisation": trainee.organisation,
            "position": trainee.position,
            "languages": trainee.languages,
            "phone": trainee.phone,
        },
        "expert_profile": expert
        and {
            "organisation": expert.organisation,
            "fields": expert.fields,
            "languages": expert.languages,
        },
        "enrolments": [
            {"seminar": e.seminar.title, "status": e.status, "since": when(e.created_at)}
            for e in enrolments
        ],
    }


def erase(user: Any, words: list[str]) -> None:
    # The seat (enrolment) stays: the seminar's record of who took part, now the alias.
    TraineeProfile.objects.filter(user=user).delete()
    ExpertProfile.objects.filter(user=user).delete()
