"""Demo seminars: this year's, in session, with its first week's timetable; last year's, closed."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from ecotown.core.demo import DemoContext, scaled_username
from seminars.models import Place, Seminar, Session, SiteVisit, Track

CURRENT_TITLE = "Eco-Town Seminar {year}: Green Industry and the Kitakyushu Model"

ROOM = "International Conference Center, Room 31"
CLINIC = "International Conference Center, Room 32"
ECO_TOWN = "Kitakyushu Eco-Town Center"
RESEARCH = "Hibiki Recycling Complex"

CONFERENCE_ADDRESS = "3-9-30 Asano, Kokurakita-ku, Kitakyushu"
HIBIKINADA = "1-62 Kogasaki, Hibikinada, Wakamatsu-ku, Kitakyushu"
# (name, kind, address, capacity, latitude, longitude, notes)
# fmt: off
PLACES = [
    (ROOM, Place.Kind.ROOM, CONFERENCE_ADDRESS, 40, "33.887650", "130.882700",
     "Projector, two wireless microphones, interpretation booth."),
    (CLINIC, Place.Kind.ROOM, CONFERENCE_ADDRESS, 16, "33.887650", "130.882700",
     "Group tables for four; whiteboards."),
    ("International Conference Center, Room 33", Place.Kind.ROOM, CONFERENCE_ADDRESS, 10,
     "33.887650", "130.882700", "Small meeting room."),
    (ECO_TOWN, Place.Kind.SITE, HIBIKINADA, 60, "33.933900", "130.771300",
     "Exhibition hall and lecture room of the Kitakyushu Eco-Town."),
    (RESEARCH, Place.Kind.SITE, "Hibikino, Wakamatsu-ku, Kitakyushu", 30, "33.925600",
     "130.765800", "Small recyclers' complex: food oil, construction waste and wood."),
    ("PET bottle recycling plant, Hibikinada", Place.Kind.SITE, "Hibikinada, Wakamatsu-ku",
     25, "33.936100", "130.775200", "Safety shoes provided at the gate."),
]
# The two site visits' details, by session title.
SITE_VISITS = {
    "Site visit: Kitakyushu Eco-Town Centre and the comprehensive industrial complex": {
        "host": "Kitakyushu Eco-Town Center (City of Kitakyushu)",
        "address": HIBIKINADA,
        "meeting_point": "Main entrance of the International Conference Center, by the taxi stand",
        "departs": "08:15",
        "transport": "Chartered bus (about 40 minutes)",
        "what_to_bring": "Closed shoes, your passport, a notebook; helmets are provided.",
        "contact": "Mr Yamamoto, +81 93 752 2881",
    },
    "Site visit: the practical research area and the Hibiki recycling complex": {
        "host": "Kitakyushu Eco-Town Center and the Hibiki recyclers' association",
        "address": "Hibikino, Wakamatsu-ku, Kitakyushu",
        "meeting_point": "Eco-Town Center lobby, after lunch",
        "departs": "13:15",
        "transport": "Chartered bus from the Eco-Town Center (10 minutes)",
        "what_to_bring": "Closed shoes; long trousers in the construction-waste plant.",
        "contact": "Ms Tanaka, +81 93 752 2882",
    },
}
# fmt: on


def seed_places() -> dict[str, Place]:
    places = {}
    for name, kind, address, capacity, lat, lon, notes in PLACES:
        places[name], _ = Place.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "address": address,
                "capacity": capacity,
                "latitude": lat,
                "longitude": lon,
                "notes": notes,
                "map_url": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
            },
        )
    return places


# (day of the seminar from 0, start, end, track, title, place, speakers, description)
# Times are Kitakyushu clocks. No two sessions overlap, so no room or expert is booked twice.
# fmt: off
WEEK = [
    (0, "09:30", "10:30", Track.OTHER, "Opening: the Kitakyushu model of green industry", ROOM,
     ["expert"],
     "Welcome by UNIDO and the City of Kitakyushu. How a steel town became an environmental "
     "model city, and what each participant will take home: a planning document for a pilot "
     "eco-town project in their own country."),
    (0, "10:45", "12:15", Track.POLICY,
     "From grey sky to blue sky: Kitakyushu's pollution history", ROOM, ["expert"],
     "In the 1960s Dokai Bay was called a 'sea of death' and the city had the worst dust-fall "
     "in Japan. Women's associations, the city, industry and universities turned this around. "
     "The lessons for a city starting today."),
    (0, "13:30", "15:00", Track.LEGAL,
     "Japan's legal framework for a sound material-cycle society", ROOM, ["expert"],
     "The Basic Act for Establishing a Sound Material-Cycle Society (2000), the Waste "
     "Management and Public Cleansing Act, and the Law for the Promotion of Effective "
     "Utilization of Resources: the 3Rs written into law."),
    (0, "15:15", "16:45", Track.PLAN_CLINIC, "Plan clinic 1: national policy context and baseline",
     CLINIC, ["expert", "expert2"],
     "Working in small groups on the first two sections of each planning document, with the "
     "experts who will review them."),
    (1, "09:30", "11:00", Track.LEGAL,
     "Extended producer responsibility: Japan's recycling laws", ROOM, ["expert"],
     "The Containers and Packaging, Home Appliance, End-of-Life Vehicle, Construction "
     "Materials and Small Home Appliance Recycling Laws: who pays, who collects, who recycles."),
    (1, "11:15", "12:30", Track.POLICY, "The eco-town programme: approval, subsidies and zoning",
     ROOM, ["expert"],
     "How the national eco-town scheme of 1997 works with a city's own plan: approval by the "
     "ministries, subsidies for plants, and the use of reclaimed land at Hibikinada."),
    (1, "13:30", "15:00", Track.TECHNOLOGY,
     "Recycling technologies: PET bottles, home appliances and vehicles", ROOM, ["expert3"],
     "The processes behind the plants you will visit: sorting, shredding, material recovery, "
     "and how output quality decides whether a recycling chain pays."),
    (1, "15:15", "16:45", Track.PLAN_CLINIC,
     "Plan clinic 2: legal framework and policy instruments", CLINIC, ["expert"],
     "Drafting the legal-framework and policy-instrument sections against your own country's "
     "laws."),
    (2, "09:00", "12:00", Track.SITE_VISIT,
     "Site visit: Kitakyushu Eco-Town Centre and the comprehensive industrial complex", ECO_TOWN,
     ["expert3"],
     "Guided visit of the Eco-Town Centre and the recycling plants at Hibikinada: PET bottles, "
     "office equipment, automobiles and home appliances."),
    (2, "13:30", "16:30", Track.SITE_VISIT,
     "Site visit: the practical research area and the Hibiki recycling complex", RESEARCH,
     ["expert3"],
     "Research plants run with universities, and the small recyclers' complex: food oil, "
     "construction waste and wood."),
    (3, "09:30", "11:00", Track.FINANCING, "Financing eco-town plants: subsidies, loans and PPPs",
     ROOM, ["expert2"],
     "How the Kitakyushu plants were paid for: national and city subsidies, private "
     "investment, development-bank loans, and public-private partnership contracts."),
    (3, "11:15", "12:30", Track.FINANCING,
     "Making the numbers work: gate fees, offtake and risk", ROOM, ["expert2"],
     "Business cases of recycling plants: waste supply contracts, gate fees, sales of "
     "recovered material, and what happens when commodity prices fall."),
    (3, "13:30", "15:00", Track.TECHNOLOGY,
     "Choosing technology for your waste streams", ROOM, ["expert2", "expert3"],
     "Matching technology to local waste, skills and markets; avoiding plants that are too "
     "big or too advanced for their supply."),
    (3, "15:15", "16:45", Track.PLAN_CLINIC,
     "Plan clinic 3: technologies and the financing plan", CLINIC, ["expert2"],
     "Drafting the technology and financing sections, with a first budget."),
    (4, "09:30", "11:00", Track.POLICY,
     "Industry, government, academia and citizens: the Kitakyushu partnership", ROOM, ["expert"],
     "Institutions and stakeholders: how the city brought companies, universities and "
     "residents into one plan, and kept them there."),
    (4, "11:15", "12:30", Track.LEGAL, "Transboundary waste and the Basel Convention", ROOM,
     ["expert"],
     "What the Basel Convention and its amendments mean for a recycling industry that trades "
     "across borders, and how Japan controls imports and exports of waste."),
    (4, "13:30", "16:00", Track.PLAN_CLINIC,
     "Plan clinic 4: implementation timeline, monitoring and risks", CLINIC,
     ["expert", "expert2"],
     "Completing the timeline, the monitoring indicators and the risk register; plans are "
     "then submitted for the first review."),
    (4, "16:15", "17:00", Track.OTHER, "Week one wrap-up and questions", ROOM, ["expert2"],
     "What we saw, what is next: the second week is for writing, with expert reviews."),
]
# fmt: on


def _at(day, clock: str, zone) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.fromisoformat(clock)), zone)


def seed_week(seminar: Seminar, ctx: DemoContext, copy: int) -> None:
    """The first week's timetable, added once (sessions are found again by title).

    The cohorts of a --scale run are other seminars in the same week: only the first meets in
    the places (a place holds one session at a time, whichever seminar books it).
    """
    zone = seminar.zone
    places = seed_places()
    for day, start, end, track, title, place, speakers, description in WEEK:
        date = seminar.start_date + timedelta(days=day)
        session, created = Session.objects.get_or_create(
            seminar=seminar,
            title=title,
            defaults={
                "track": track,
                "starts_at": _at(date, start, zone),
                "ends_at": _at(date, end, zone),
                "place": places[place] if copy == 0 else None,
                "description": description,
            },
        )
        if created:
            session.speakers.set([ctx.users[scaled_username(name, copy)] for name in speakers])
        if created and title in SITE_VISITS:
            details = dict(SITE_VISITS[title])
            departs = _at(date, details.pop("departs"), zone)
            SiteVisit.objects.create(session=session, departs_at=departs, **details)


def current_seminar_title(copy: int) -> str:
    year = timezone.localdate().year
    title = CURRENT_TITLE.format(year=year)
    return title if copy == 0 else f"{title} (cohort {copy + 1})"


def seed(ctx: DemoContext) -> None:
    today = timezone.localdate()
    for copy in range(ctx.scale):
        start = today - timedelta(days=2)
        current, _ = Seminar.objects.get_or_create(
            title=current_seminar_title(copy),
            year=today.year,
            defaults={
                "start_date": start,
                "end_date": start + timedelta(days=11),
                "status": Seminar.Status.IN_SESSION,
                "plan_deadline": timezone.now() + timedelta(days=45),
                "description": (
                    "Two weeks in Kitakyushu on the legal, policy-development and financing sides "
                    "of an eco-town, with site visits to the Kitakyushu Eco-Town at Hibikinada. "
                    "Each participant leaves with a planning document for a pilot eco-town project."
                ),
            },
        )
        ctx.seminars[copy] = current
        seed_week(current, ctx, copy)
    last_start = today.replace(year=today.year - 1, month=11, day=10)
    Seminar.objects.get_or_create(
        title=CURRENT_TITLE.format(year=today.year - 1),
        year=today.year - 1,
        defaults={
            "start_date": last_start,
            "end_date": last_start + timedelta(days=11),
            "status": Seminar.Status.CLOSED,
            "description": "Last year's seminar.",
        },
    )
