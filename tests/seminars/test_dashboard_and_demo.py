from datetime import UTC, date, datetime, timedelta
from itertools import combinations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ecotown.core.models import User
from seminars.dashboard import NEXT_SESSIONS
from seminars.demo import current_seminar_title
from seminars.models import Place, Seminar, Session, SiteVisit, Track
from seminars.selectors import seminars_for_user
from seminars.services import session_conflicts
from tests.factories.core import ExpertFactory, TraineeFactory
from tests.factories.seminars import SeminarFactory, SessionFactory
from tests.factories.trainees import AcceptedEnrolmentFactory, EnrolmentFactory
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db


def upcoming(**fields):
    today = timezone.localdate()
    return SeminarFactory(
        start_date=today + timedelta(days=10), end_date=today + timedelta(days=21), **fields
    )


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_coordinator_dashboard_lists_upcoming_seminars_with_session_and_seat_counts(
    client, coordinator
):
    seminar = upcoming(title="Next year's seminar", capacity=12)
    SessionFactory.create_batch(2, seminar=seminar)
    AcceptedEnrolmentFactory.create_batch(3, seminar=seminar)
    EnrolmentFactory(seminar=seminar, status=Enrolment.Status.WAITLISTED)
    SeminarFactory(title="Long over", start_date=date(2020, 11, 2), end_date=date(2020, 11, 13))
    client.force_login(coordinator)
    response = client.get("/")
    html = response.content.decode()
    assert "Upcoming and current seminars" in html
    assert "Long over" not in html
    row = html[html.index("Next year&#x27;s seminar") :]
    row = row[: row.index("</tr>")]
    assert '<td class="text-end">2</td>' in row
    assert "3 of 12 seats held · 0 nominated · 1 waitlisted · 0 offers open" in row
    # The seminar's week, its roster and its arrivals sheet are one click away.
    assert f'href="/seminars/{seminar.pk}/week/"' in row
    assert f'href="/trainees/?seminar={seminar.pk}"' in row
    assert f'href="/trainees/seminars/{seminar.pk}/arrivals.csv"' in row


def test_coordinator_dashboard_query_count_does_not_grow(client, coordinator):
    upcoming()
    client.force_login(coordinator)
    small = dashboard_queries(client)
    for _ in range(4):
        seminar = upcoming()
        SessionFactory.create_batch(2, seminar=seminar)
        AcceptedEnrolmentFactory.create_batch(2, seminar=seminar)
    assert dashboard_queries(client) == small


def test_trainee_dashboard_shows_their_seminar_with_next_sessions(client):
    seminar = upcoming(title="My seminar")
    trainee = AcceptedEnrolmentFactory(seminar=seminar).trainee
    day = datetime.combine(seminar.start_date, datetime.min.time(), tzinfo=UTC)
    for n in range(5):
        SessionFactory(
            seminar=seminar,
            title=f"Talk {n}",
            starts_at=day + timedelta(hours=n),
            ends_at=day + timedelta(hours=n, minutes=30),
        )
    upcoming(title="Not mine")
    client.force_login(trainee)
    html = client.get("/").content.decode()
    assert "Your seminar" in html and "My seminar" in html and "Not mine" not in html
    assert [f"Talk {n}" in html for n in range(5)] == [True, True, True, False, False]


def test_expert_dashboard_marks_the_sessions_they_speak_in(client):
    seminar = upcoming()
    expert = ExpertFactory()
    start = seminar.start_date
    SessionFactory(
        seminar=seminar,
        title="Their talk",
        speakers=[expert],
        starts_at=datetime(start.year, start.month, start.day, 1, tzinfo=UTC),
        ends_at=datetime(start.year, start.month, start.day, 2, tzinfo=UTC),
    )
    client.force_login(expert)
    html = client.get("/").content.decode()
    assert "Their talk" in html and "You speak" in html


def sessions_in(seminar, n, speakers):
    start = datetime.combine(seminar.start_date, datetime.min.time(), tzinfo=UTC)
    for hour in range(n):
        SessionFactory(
            seminar=seminar,
            speakers=speakers,
            starts_at=start + timedelta(hours=hour),
            ends_at=start + timedelta(hours=hour, minutes=30),
        )


def test_expert_dashboard_query_count_does_not_grow(client):
    """Nor with each seminar's times, read on the seminar's clock: an expert attends every
    seminar the panel lists, which it knows without asking again for each."""
    expert = ExpertFactory(time_zone="Africa/Dakar")
    sessions_in(upcoming(time_zone="Asia/Tokyo"), 1, [expert])
    client.force_login(expert)
    small = dashboard_queries(client)
    for _ in range(3):
        sessions_in(upcoming(time_zone="Asia/Tokyo"), 3, [expert, ExpertFactory()])
    assert dashboard_queries(client) == small
    panel = client.get("/").content.decode().split('id="my-seminar-heading"')[1]
    panel = panel[: panel.index("</section>")]
    assert panel.count('<span class="zone-name">Asia/Tokyo</span>') == 1 + 3 * NEXT_SESSIONS
    assert "Africa/Dakar" not in panel


def _my_seminar_panel(client) -> str:
    panel = client.get("/").content.decode().split('id="my-seminar-heading"')[1]
    return panel[: panel.index("</section>")]


def test_trainee_dashboard_reads_each_seminar_on_the_clock_their_place_gives(client):
    """An accepted trainee reads their seminar's times on its clock; a nominated one, still at
    home, on their own. The dashboard knows which from the trainee's enrolments: the query
    count stays flat however many seminars they are enrolled in."""
    trainee = TraineeFactory(time_zone="Africa/Dakar")
    accepted = upcoming(time_zone="Asia/Tokyo")
    sessions_in(accepted, 1, [])
    AcceptedEnrolmentFactory(trainee=trainee, seminar=accepted)
    client.force_login(trainee)
    panel = _my_seminar_panel(client)
    assert '<span class="zone-name">Asia/Tokyo</span>' in panel and "Africa/Dakar" not in panel
    for n in (1, 3):
        while trainee.enrolments.count() < 1 + n:
            nominated = upcoming(time_zone="Asia/Tokyo")
            sessions_in(nominated, 3, [])
            EnrolmentFactory(trainee=trainee, seminar=nominated)
        if n == 1:
            small = dashboard_queries(client)
    assert dashboard_queries(client) == small
    panel = _my_seminar_panel(client)
    # Each nominated seminar's times: Dakar first, Tokyo beside.
    assert panel.count('<span class="zone-name">Africa/Dakar</span>') == 3 * NEXT_SESSIONS


# --- Demo data ------------------------------------------------------------------------------------


def seed(settings, *args):
    settings.DEBUG = True
    call_command("seed_demo", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def assert_no_conflicts(seminar):
    sessions = list(seminar.sessions.prefetch_related("speakers"))
    for session in sessions:
        assert (
            session_conflicts(
                seminar=seminar,
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                place=session.place,
                speakers=session.speakers.all(),
                exclude=session,
            )
            == {}
        ), session.title
    for a, b in combinations(sessions, 2):
        assert not (a.starts_at < b.ends_at and b.starts_at < a.ends_at) or (
            a.place != b.place and not set(a.speakers.all()) & set(b.speakers.all())
        )


def test_demo_has_a_full_week_across_every_track_with_the_demo_experts(settings):
    seed(settings)
    seminar = Seminar.objects.get(title=current_seminar_title(0))
    sessions = seminar.sessions.all()
    assert sessions.count() >= 12
    assert set(sessions.values_list("track", flat=True)) == set(Track.values)
    speakers = set(
        Session.speakers.through.objects.filter(session__seminar=seminar).values_list(
            "user__username", flat=True
        )
    )
    assert speakers == {"expert", "expert2", "expert3"}
    days = {s.starts_at.astimezone(seminar.zone).date() for s in sessions}
    assert len(days) == 5
    assert all(seminar.start_date <= day <= seminar.end_date for day in days)
    assert "Hibikinada" in " ".join(sessions.values_list("place__address", flat=True))
    assert_no_conflicts(seminar)
    assert Place.objects.filter(kind=Place.Kind.SITE).count() >= 3
    visits = SiteVisit.objects.filter(session__seminar=seminar)
    assert visits.count() == 2
    assert all(v.meeting_point and v.departs_at and v.transport and v.contact for v in visits)
    versions = list(seminar.schedule_versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert [c["kind"] for c in versions[1].changes] == ["moved", "speakers"]
    last_year = Seminar.objects.get(year=seminar.year - 1)
    assert last_year.status == Seminar.Status.CLOSED


def test_demo_expert3_teaches_but_reviews_no_plan(settings):
    seed(settings)
    expert3 = User.objects.get(username="expert3")
    # This year's plans: expert3 leads the earlier years' pilots (pilots/demo_past.py).
    this_year = expert3.plan_assignments.filter(plan__enrolment__seminar__year=timezone.now().year)
    assert not this_year.exists()
    assert expert3.talks.count() >= 2
    # This year's, where expert3 teaches, and the two before, whose pilots expert3 follows.
    earlier = [f"Eco-Town Seminar {timezone.now().year - n}" for n in (1, 2)]
    titles = [s.title.split(":")[0] for s in seminars_for_user(expert3)]
    assert sorted(titles) == sorted([current_seminar_title(0).split(":")[0], *earlier])


def test_demo_is_idempotent_and_scales(settings):
    seed(settings)
    count = Session.objects.count()
    seed(settings)
    assert Session.objects.count() == count
    seed(settings, "--scale", "2")
    copy = Seminar.objects.get(title=current_seminar_title(1))
    assert copy.sessions.count() == count
    speakers = set(
        Session.speakers.through.objects.filter(session__seminar=copy).values_list(
            "user__username", flat=True
        )
    )
    assert speakers == {"expert-x1", "expert2-x1", "expert3-x1"}
    assert_no_conflicts(copy)


def test_coordinator_dashboard_shows_the_five_soonest_seminars_and_links_to_all(
    client, coordinator
):
    start = timezone.localdate() + timedelta(days=30)
    for day in range(7):
        first = start + timedelta(days=day)
        SeminarFactory(title=f"Seminar {day}", start_date=first, end_date=first + timedelta(10))
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    panel = html[html.index("Upcoming and current seminars") :]
    panel = panel[: panel.index("</section>")]
    assert [f"Seminar {day}" in panel for day in range(7)] == [True] * 5 + [False] * 2
    assert 'href="/seminars/">All seminars</a>' in panel
