"""The demo timetable published twice: version 1 as planned, version 2 after the week-one
wrap-up moved to a later hour and gained a speaker. Runs after trainees.demo, so that the
accepted trainees are among those told."""

from datetime import timedelta

from ecotown.core.demo import DemoContext
from seminars.models import Session
from seminars.schedule_services import schedule_publish
from seminars.services import session_update

WRAP_UP = "Week one wrap-up and questions"


def seed(ctx: DemoContext) -> None:
    coordinator = ctx.users.get("unido")
    seminar = ctx.seminars.get(0)
    if seminar is None or seminar.schedule_versions.exists():
        return
    schedule_publish(seminar=seminar, actor=coordinator, comment="The first week's timetable.")
    wrap_up = Session.objects.filter(seminar=seminar, title=WRAP_UP).first()
    if wrap_up is not None:
        session_update(
            session=wrap_up,
            actor=coordinator,
            title=wrap_up.title,
            track=wrap_up.track,
            starts_at=wrap_up.starts_at + timedelta(minutes=15),
            ends_at=wrap_up.ends_at + timedelta(minutes=15),
            place=wrap_up.place,
            speakers=[*wrap_up.speakers.all(), ctx.users["expert"]],
            description=wrap_up.description,
        )
    schedule_publish(
        seminar=seminar,
        actor=coordinator,
        comment="The wrap-up starts a quarter of an hour later, with Mr Tanaka.",
    )
