"""The trainees app's part of a person's export and erasure (ecotown.core.erasure)."""

from typing import Any

from ecotown.core.erasure import when
from trainees.models import Enrolment, ExpertProfile, TraineeProfile, TravelDetails, VisaLetter


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
        "travel": [_travel(t) for t in TravelDetails.objects.filter(enrolment__trainee=user)],
        "visa_letters": list(
            VisaLetter.objects.filter(enrolment__trainee=user).values_list("reference", flat=True)
        ),
    }


def _travel(travel: TravelDetails) -> dict:
    return {
        "arrival": when(travel.arrival_at) if travel.arrival_at else None,
        "arrival_flight": travel.arrival_flight,
        "departure": when(travel.departure_at) if travel.departure_at else None,
        "departure_flight": travel.departure_flight,
        "passport_nationality": str(travel.passport_nationality),
        "passport_expiry": travel.passport_expiry.isoformat() if travel.passport_expiry else None,
        "accommodation_needs": travel.accommodation_needs,
        "dietary_needs": travel.dietary_needs,
    }


def erase(user: Any, words: list[str]) -> None:
    # The seat (enrolment) stays: the seminar's record of who took part, now the alias.
    TraineeProfile.objects.filter(user=user).delete()
    ExpertProfile.objects.filter(user=user).delete()
    # Travel and visa letters are about the person alone: they go, files and all.
    for letter in VisaLetter.objects.filter(enrolment__trainee=user):
        if letter.file:
            letter.file.delete(save=False)
        letter.delete()
    TravelDetails.objects.filter(enrolment__trainee=user).delete()
