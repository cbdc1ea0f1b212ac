"""The seminar week's list pages ask as many queries for two sessions as for twenty."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecotown.core.demo_files import text_pdf
from seminars.attendance import attendance_mark
from seminars.materials import material_add
from tests.factories.core import CoordinatorFactory, ExpertFactory, TraineeFactory
from tests.factories.seminars import SeminarFactory, SessionFactory
from tests.factories.trainees import AcceptedEnrolmentFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def week_of(n: int, speaker, trainees: int = 0):
    seminar = SeminarFactory()
    coordinator = CoordinatorFactory()
    people = [AcceptedEnrolmentFactory(seminar=seminar).trainee for _ in range(trainees)]
    for index in range(n):
        session = SessionFactory(seminar=seminar, speakers=[speaker])
        material_add(
            session=session,
            content=text_pdf([f"Slides {index}"]),
            name="s.pdf",
            declared_type="",
            title=f"Slides {index}",
            kind="slides",
            actor=coordinator,
        )
        for person in people:
            attendance_mark(session=session, trainee=person, present=True, actor=coordinator)
    return seminar


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["speaker", "coordinator", "trainee"])
def test_the_week_page_is_flat(client, db, who):
    speaker = ExpertFactory()
    small, large = week_of(2, speaker), week_of(20, speaker)
    viewer = {"speaker": speaker, "coordinator": CoordinatorFactory(), "trainee": None}[who]
    if viewer is None:
        viewer = TraineeFactory()
        for seminar in (small, large):
            AcceptedEnrolmentFactory(seminar=seminar, trainee=viewer)
    client.force_login(viewer)
    urls = [reverse("seminars:seminar-week", args=[s.pk]) for s in (small, large)]
    count(client, urls[0])  # warm the session and content-type caches
    assert count(client, urls[0]) == count(client, urls[1])


def test_the_roll_call_is_flat(client, db):
    speaker = ExpertFactory()
    small, large = week_of(1, speaker, trainees=2), week_of(1, speaker, trainees=12)
    client.force_login(CoordinatorFactory())
    urls = [reverse("seminars:roll-call", args=[s.pk, s.sessions.get().pk]) for s in (small, large)]
    count(client, urls[0])
    assert count(client, urls[0]) == count(client, urls[1])
