"""Attendance: check-in with the room's code (refused when wrong or outside the session's
window, nothing recorded), the roll call, and the tally the certificate counts."""

from datetime import timedelta

import pytest
from django.urls import reverse

from ecotown.core.models import AuditEvent
from seminars.attendance import (
    CHECK_IN_MARGIN,
    CheckInRefused,
    attendance_check_in,
    attendance_tally,
    check_in_code,
)
from seminars.models import Attendance
from tests.factories.core import TraineeFactory
from tests.factories.seminars import SessionFactory
from tests.unchanged import nothing_changes


@pytest.fixture
def session(seminar):
    return SessionFactory(seminar=seminar)


def test_codes_differ_between_sessions_and_read_unambiguously(seminar):
    codes = {check_in_code(SessionFactory(seminar=seminar)) for _ in range(20)}
    assert len(codes) == 20
    assert all(len(code) == 6 and not set(code) & set("01OIL") for code in codes)


def test_a_trainee_checks_in_during_the_session(session, enrolled_trainee):
    during = session.starts_at + timedelta(minutes=10)
    row, created = attendance_check_in(
        trainee=enrolled_trainee,
        code=check_in_code(session).lower(),  # typed on a phone
        seminars=[session.seminar],
        now=during,
    )
    assert created and row.session == session and row.method == Attendance.Method.CODE
    again, created = attendance_check_in(
        trainee=enrolled_trainee,
        code=check_in_code(session),
        seminars=[session.seminar],
        now=during,
    )
    assert not created and again.pk == row.pk
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.CHECKED_IN).count() == 1


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (-CHECK_IN_MARGIN - timedelta(minutes=1), "not open for check-in now"),
        (timedelta(hours=1, minutes=30) + CHECK_IN_MARGIN + timedelta(minutes=1), "not open"),
    ],
)
def test_an_expired_or_early_code_is_refused(session, enrolled_trainee, offset, message):
    with nothing_changes(Attendance, AuditEvent), pytest.raises(CheckInRefused, match=message):
        attendance_check_in(
            trainee=enrolled_trainee,
            code=check_in_code(session),
            seminars=[session.seminar],
            now=session.starts_at + offset,
        )


def test_a_wrong_code_is_refused_on_the_page(client, session, enrolled_trainee, settings):
    client.force_login(enrolled_trainee)
    wrong = "ABCDEF" if check_in_code(session) != "ABCDEF" else "ABCDEG"
    with nothing_changes(Attendance, AuditEvent):
        response = client.post(reverse("seminars:check-in"), {"code": wrong})
    assert response.status_code == 400
    assert "This code matches no session of your seminar." in response.content.decode()


def test_a_code_of_another_seminar_is_wrong_for_this_trainee(session, db):
    stranger = TraineeFactory()
    with nothing_changes(Attendance), pytest.raises(CheckInRefused, match="matches no session"):
        attendance_check_in(
            trainee=stranger,
            code=check_in_code(session),
            seminars=[],
            now=session.starts_at,
        )


def test_the_qr_code_opens_the_check_in_page_with_the_code(client, session, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("seminars:session-code", args=[session.seminar.pk, session.pk]))
    assert page.status_code == 200
    code = check_in_code(session)
    assert page.context["url"].endswith(f"/seminars/check-in/?code={code}")
    assert page.context["qr_code"].startswith("data:image/svg+xml;base64,")
    assert f'id="check-in-code">{code}<' in page.content.decode()


def test_the_roll_call_marks_and_unmarks_with_one_tap(client, session, coordinator, enrolled):
    trainee = enrolled(session.seminar)
    url = reverse("seminars:roll-call", args=[session.seminar.pk, session.pk])
    client.force_login(coordinator)
    row = client.post(url, {"trainee": trainee.pk, "present": "1"}, headers={"HX-Request": "true"})
    assert row.status_code == 200
    assert 'aria-pressed="true"' in row.content.decode()
    assert Attendance.objects.get().method == Attendance.Method.ROLL_CALL
    client.post(url, {"trainee": trainee.pk, "present": "0"}, headers={"HX-Request": "true"})
    assert not Attendance.objects.exists()
    verbs = list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))
    assert verbs[-2:] == ["attendance_marked", "attendance_unmarked"]


def test_the_roll_call_lists_only_seat_holders(client, session, coordinator, enrolled):
    stranger = TraineeFactory()
    client.force_login(coordinator)
    url = reverse("seminars:roll-call", args=[session.seminar.pk, session.pk])
    with nothing_changes(Attendance):
        response = client.post(url, {"trainee": stranger.pk, "present": "1"})
    assert response.status_code == 404


def test_the_tally_rounds_the_threshold_up(seminar, enrolled_trainee):
    sessions = [SessionFactory(seminar=seminar) for _ in range(6)]
    for session in sessions[:4]:
        Attendance.objects.create(session=session, trainee=enrolled_trainee, method="code")
    tally = attendance_tally(seminar, enrolled_trainee)
    # 80% of 6 sessions is 4.8: five are needed (an independent count, not the code's helper).
    assert (tally.attended, tally.total, tally.needed, tally.missing) == (4, 6, 5, 1)
    assert not tally.reached
