"""Demo travel and announcements (a step of seed_demo, after the enrolments): travel details for
each trainee with a seat, one announcement sent and one waiting in the outbox."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from ecotown.core.demo import DemoContext
from notifications.announcements import (
    announcement_confirm,
    announcement_send,
    announcement_write,
)
from notifications.models import Announcement
from trainees.models import Enrolment, TravelDetails
from trainees.travel import travel_save

# Flights into Kitakyushu (KKJ) or Fukuoka (FUK), by arrival hour.
FLIGHTS = ["JL 3621", "NH 3803", "MM 184", "SFJ 76", "JL 3625", "NH 245"]
DIETS = {"trainee01": "Vegetarian", "trainee03": "Vegetarian, no eggs", "trainee08": "Halal"}
ROOMS = {"trainee02": "Ground floor room, please (knee injury)."}


def _travel(seminar, ctx: DemoContext) -> None:
    coordinator = ctx.users["unido"]
    enrolments = Enrolment.objects.filter(
        seminar=seminar, status__in=Enrolment.SEAT_HOLDING
    ).select_related("trainee__trainee_profile")
    for index, enrolment in enumerate(enrolments.order_by("trainee__username")):
        if TravelDetails.objects.filter(enrolment=enrolment).exists():
            continue
        name = enrolment.trainee.username.split("-x")[0]
        arrival_day = seminar.start_date - timedelta(days=1 + index % 2)
        arrival = datetime.combine(arrival_day, time(12 + index % 8, 5 * (index % 6)))
        departure = datetime.combine(seminar.end_date + timedelta(days=1), time(10, 30))
        profile = getattr(enrolment.trainee, "trainee_profile", None)
        data = {
            "arrival_at": timezone.make_aware(arrival, seminar.zone),
            "arrival_flight": FLIGHTS[index % len(FLIGHTS)],
            "departure_at": timezone.make_aware(departure, seminar.zone),
            "departure_flight": FLIGHTS[(index + 3) % len(FLIGHTS)],
            "passport_nationality": profile.country.code if profile else "",
            "passport_expiry": seminar.end_date.replace(year=seminar.end_date.year + 4),
            "accommodation_needs": ROOMS.get(name, ""),
            "dietary_needs": DIETS.get(name, ""),
        }
        travel_save(enrolment=enrolment, data=data, actor=coordinator)


def _announcements(seminar, ctx: DemoContext) -> None:
    if Announcement.objects.filter(seminar=seminar).exists():
        return
    coordinator = ctx.users["unido"]
    sent = announcement_write(
        seminar_id=seminar.pk,
        audience=Announcement.Audience.EVERYONE,
        subject="Welcome to Kitakyushu",
        body="The opening session starts at 09:30 in Room 31 of the International Conference "
        "Center. Bring your passport for the building pass. Slides appear on the seminar's "
        "materials page after each session.",
        actor=coordinator,
    )
    announcement_confirm(announcement=sent, actor=coordinator)
    announcement_send(announcement_id=sent.pk)
    announcement_write(
        seminar_id=seminar.pk,
        audience=Announcement.Audience.TRAINEES,
        subject="Site visit on Friday: meet at 08:15",
        body="The bus to the Eco-Town Centre leaves from the hotel entrance at 08:15. Wear closed "
        "shoes; helmets are provided at the plants.",
        actor=coordinator,
    )


def seed(ctx: DemoContext) -> None:
    for seminar in ctx.seminars.values():
        _travel(seminar, ctx)
        _announcements(seminar, ctx)
