"""Demo of the seminar week (a step of seed_demo, after the enrolments): slides and readings on
several sessions, and the attendance of the days already past."""

from django.utils import timezone

from ecotown.core.demo import DemoContext
from ecotown.core.demo_files import text_pdf
from seminars import hooks
from seminars.attendance import attendance_mark
from seminars.materials import material_add
from seminars.models import Attendance, Material, Seminar

# Session title -> (material title, kind): the demo slides and readings.
MATERIALS = {
    "Opening: the Kitakyushu model of green industry": [
        ("The Kitakyushu model in twenty slides", Material.Kind.SLIDES),
        ("Seminar handbook", Material.Kind.READING),
    ],
    "From grey sky to blue sky: Kitakyushu's pollution history": [
        ("Dokai Bay, 1960-2000", Material.Kind.SLIDES),
    ],
    "Japan's legal framework for a sound material-cycle society": [
        ("The 3Rs written into law", Material.Kind.SLIDES),
        (
            "Basic Act for a Sound Material-Cycle Society (English translation)",
            Material.Kind.READING,
        ),
    ],
    "Extended producer responsibility: Japan's recycling laws": [
        ("Producer responsibility, law by law", Material.Kind.SLIDES),
    ],
}
# Who missed what (trainee username -> how many of the past sessions, counted from the last).
ABSENT = {"trainee07": 1, "trainee11": 2}


def _materials(seminar: Seminar, ctx: DemoContext) -> None:
    for session in seminar.sessions.filter(title__in=MATERIALS).prefetch_related("speakers"):
        if session.materials.exists():
            continue
        speaker = session.speakers.first() or ctx.users["unido"]
        for title, kind in MATERIALS[session.title]:
            lines = [session.title, "", title, "", "Eco-town seminar, Kitakyushu"]
            material_add(
                session=session,
                content=text_pdf(lines, pages=3),
                name=f"{title}.pdf",
                declared_type="application/pdf",
                title=title,
                kind=kind,
                actor=speaker,
            )


def _attendance(seminar: Seminar, ctx: DemoContext) -> None:
    past = list(seminar.sessions.filter(ends_at__lt=timezone.now()).order_by("starts_at"))
    if not past or Attendance.objects.filter(session__seminar=seminar).exists():
        return
    coordinator = ctx.users["unido"]
    for trainee in hooks.trainees_of(seminar, who=hooks.SEAT_HOLDING):
        missed = ABSENT.get(trainee.username.split("-x")[0], 0)
        for session in past[: len(past) - missed]:
            attendance_mark(session=session, trainee=trainee, present=True, actor=coordinator)


def seed(ctx: DemoContext) -> None:
    for seminar in ctx.seminars.values():
        _materials(seminar, ctx)
        _attendance(seminar, ctx)
