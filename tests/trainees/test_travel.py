"""Travel: the trainee's details (in the seminar's zone), the arrivals sheet, the visa letter
(rendered and read back), and the retention rule that deletes travel data after the seminar."""

import csv
import io
import subprocess
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ecotown.core.models import AuditEvent, OutboxTask
from ecotown.core.privacy import retention_apply
from tests.factories.core import CoordinatorFactory
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import enrolment_in
from tests.unchanged import nothing_changes
from trainees.models import Enrolment, TravelDetails, VisaLetter
from trainees.travel import TRAVEL_FIELDS, TravelRefused, travel_save, visa_letter_render
from trainees.travel import visa_letter_request as request_letter


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def travel(enrolment, **fields):
    data = dict.fromkeys(TRAVEL_FIELDS, "") | {
        "arrival_at": None,
        "departure_at": None,
        "passport_expiry": None,
    }
    return travel_save(enrolment=enrolment, data=data | fields, actor=enrolment.trainee)


@pytest.fixture
def seat(db):
    return enrolment_in(SeminarFactory(), status=Enrolment.Status.ACCEPTED, country="SN")


def test_the_trainee_enters_times_as_kitakyushu_clocks_show_them(client, seat):
    client.force_login(seat.trainee)
    response = client.post(
        reverse("trainees:travel", args=[seat.pk]),
        {
            "arrival_at": "2026-11-01T15:40",
            "arrival_flight": "JL 3621",
            "departure_at": "2026-11-14T10:30",
            "departure_flight": "NH 3803",
            "passport_nationality": "SN",
            "passport_expiry": "2030-01-31",
            "accommodation_needs": "",
            "dietary_needs": "Halal",
        },
    )
    assert response.status_code == 302
    saved = TravelDetails.objects.get(enrolment=seat)
    assert saved.arrival_at == datetime(2026, 11, 1, 6, 40, tzinfo=UTC)  # 15:40 in Tokyo
    assert saved.dietary_needs == "Halal"
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.TRAVEL_SAVED)
    assert event.note == ""  # the log says that it changed, never what it says


def test_departure_before_arrival_is_refused(client, seat):
    client.force_login(seat.trainee)
    with nothing_changes(TravelDetails):
        response = client.post(
            reverse("trainees:travel", args=[seat.pk]),
            {"arrival_at": "2026-11-05T10:00", "departure_at": "2026-11-04T10:00"},
        )
    assert response.status_code == 400
    assert "The departure must come after the arrival." in response.content.decode()


def test_a_waitlisted_trainee_is_not_asked_for_travel(client, db):
    waiting = enrolment_in(SeminarFactory(), status=Enrolment.Status.WAITLISTED)
    client.force_login(waiting.trainee)
    with nothing_changes(TravelDetails):
        response = client.get(reverse("trainees:travel", args=[waiting.pk]))
    assert response.status_code == 409


def test_the_arrivals_sheet_is_sorted_by_arrival(client, seat):
    seminar = seat.seminar
    late = enrolment_in(seminar, status=Enrolment.Status.ACCEPTED)
    unknown = enrolment_in(seminar, status=Enrolment.Status.ACCEPTED)
    travel(late, arrival_at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC), arrival_flight="=HYPERLINK")
    travel(seat, arrival_at=datetime(2026, 10, 31, 23, 0, tzinfo=UTC), arrival_flight="MM 184")
    travel(unknown)
    client.force_login(CoordinatorFactory())
    response = client.get(reverse("trainees:arrivals", args=[seminar.pk]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["last_name"] for r in rows] == [
        seat.trainee.last_name,
        late.trainee.last_name,
        unknown.trainee.last_name,
    ]
    assert rows[0]["arrival"] == "2026-11-01 08:00"  # Tokyo time
    assert rows[1]["arrival_flight"] == "'=HYPERLINK"  # never a formula in a spreadsheet
    assert rows[2]["arrival"] == ""


def test_the_visa_letter_needs_the_passport_nationality_and_arrival(seat):
    coordinator = CoordinatorFactory()
    with nothing_changes(VisaLetter), pytest.raises(TravelRefused):
        request_letter(enrolment=seat, actor=coordinator)


def test_the_visa_letter_is_signed_and_says_who_comes_when(seat, tmp_path):
    coordinator = CoordinatorFactory(first_name="Maria", last_name="Gruber")
    travel(
        seat,
        arrival_at=datetime(2026, 11, 1, 6, 40, tzinfo=UTC),
        passport_nationality="SN",
        passport_expiry=date(2030, 1, 31),
    )
    letter = request_letter(enrolment=seat, actor=coordinator)
    assert OutboxTask.objects.filter(task="trainees.render_visa_letter", args=[letter.pk]).exists()
    rendered = visa_letter_render(letter_id=letter.pk)
    assert rendered is not None and rendered.status == VisaLetter.Status.READY
    path = tmp_path / "letter.pdf"
    path.write_bytes(rendered.file.read())
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert seat.trainee.get_full_name() in text or seat.trainee.last_name in text
    assert "Senegal" in text and "2030-01-31" in text and "2026-11-01" in text
    assert letter.reference in text and "Maria Gruber" in text
    assert visa_letter_render(letter_id=letter.pk) is None  # rendered once


@pytest.mark.parametrize(("days_ago", "deleted"), [(31, True), (30, False), (5, False)])
def test_travel_data_is_deleted_after_the_retention_period(settings, db, days_ago, deleted):
    settings.RETENTION_TRAVEL_DAYS = 30
    today = timezone.localdate()
    seminar = SeminarFactory(
        start_date=today - timedelta(days=days_ago + 11), end_date=today - timedelta(days=days_ago)
    )
    enrolment = enrolment_in(seminar, status=Enrolment.Status.ACCEPTED)
    travel(
        enrolment,
        arrival_at=timezone.now() - timedelta(days=days_ago + 12),
        arrival_flight="JL 3621",
        passport_nationality="KE",
        dietary_needs="Vegan",
    )
    request_letter(enrolment=enrolment, actor=CoordinatorFactory())
    done = retention_apply()
    assert done["travel_retention"] == (1 if deleted else 0)
    assert TravelDetails.objects.exists() is not deleted
    assert VisaLetter.objects.exists() is not deleted
    events = AuditEvent.objects.filter(verb=AuditEvent.Verb.TRAVEL_DELETED)
    assert events.count() == (1 if deleted else 0)
    if deleted:
        note = events.get().note
        assert "JL 3621" not in note and "Vegan" not in note and "KE" not in note
        assert note.startswith("travel details, 1 visa letter(s)")
