import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from ecotown.core import roles
from ecotown.core.models import User
from ecotown.core.spreadsheet import safe_cell
from tests.factories.core import UserFactory
from tests.factories.seminars import SeminarFactory
from tests.unchanged import nothing_changes
from trainees import csv_io, services
from trainees.models import Enrolment, TraineeProfile

# The e-mails go out through Celery: run those tasks here, so that the outbox holds them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]

HEADER = "first_name,last_name,email,country,organisation,position,time_zone\n"
GOOD = (
    HEADER
    + "Kwame,Mensah,k.mensah@epa.gov.gh,GH,Environmental Protection Agency,Officer,Africa/Accra\n"
    + "Thị Lan,Nguyễn,lan@monre.gov.vn,Viet Nam,MONRE,Deputy director,\n"
    + "Sokha,Chea,sokha@moe.gov.kh,KHM,Ministry of Environment,,\n"
)


def preview(text):
    return csv_io.preview(text, email_taken=services.email_taken)


def test_good_file_imports_every_row_with_its_nomination_and_invitation(
    coordinator, django_capture_on_commit_callbacks
):
    seminar = SeminarFactory()
    with django_capture_on_commit_callbacks(execute=True):
        users = services.trainees_import(text=GOOD, seminar=seminar, actor=coordinator)
    assert [u.username for u in users] == ["k.mensah", "lan", "sokha"]
    assert list(
        TraineeProfile.objects.order_by("user__username").values_list("user__username", "country")
    ) == [("k.mensah", "GH"), ("lan", "VN"), ("sokha", "KH")]
    assert all(roles.role_of(u) == roles.TRAINEE for u in users)
    assert User.objects.get(username="k.mensah").time_zone == "Africa/Accra"
    assert set(Enrolment.objects.values_list("seminar", "status")) == {(seminar.pk, "nominated")}
    assert Enrolment.objects.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "k.mensah@epa.gov.gh",
        "lan@monre.gov.vn",
        "sokha@moe.gov.kh",
    ]
    assert not User.objects.get(username="lan").has_usable_password()


def test_preview_gives_an_error_for_each_bad_row():
    UserFactory(email="taken@example.org")
    text = (
        HEADER
        + "Ana,Silva,ana@example.org,Narnia,Ministry,,\n"
        + "Ben,Okoro,taken@example.org,NG,Ministry,,\n"
        + "Chen,,chen@example.org,CN,Ministry,,\n"
        + "Dana,Ali,dana@example.org,EG,Ministry,,Mars/Olympus\n"
        + "Eve,Ng,eve@example.org,SG,Ministry,,\n"
        + "Eve,Ng,EVE@example.org,SG,Ministry,,\n"
        + "Fay;Lo;fay@example.org;KE;Ministry,,\n"
    )
    result = preview(text)
    assert [(row.number, row.errors) for row in result.rows] == [
        (2, ["Unknown country “Narnia”."]),
        (3, ["A person with the e-mail taken@example.org exists already."]),
        (4, ["Last name is missing."]),
        (5, ["Unknown time zone “Mars/Olympus”."]),
        (6, []),
        (7, ["The e-mail EVE@example.org appears twice in the file."]),
        (8, ["This row is not separated by commas."]),
    ]
    assert not result.ok
    assert result.error_count == 6


def test_a_file_with_bad_rows_changes_nothing(coordinator):
    text = GOOD + "Ana,Silva,ana@example.org,Narnia,Ministry,,\n"
    users_before = User.objects.count()
    seminar = SeminarFactory()
    refused = pytest.raises(ValidationError, match="1 rows have errors")
    with nothing_changes(User, TraineeProfile, Enrolment), refused:
        services.trainees_import(text=text, seminar=seminar, actor=coordinator)
    assert User.objects.count() == users_before
    assert not TraineeProfile.objects.exists()
    assert not Enrolment.objects.exists()
    assert mail.outbox == []


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(csv_io.CsvError, match="not UTF-8"):
        # A Latin-1 export from an old spreadsheet: "é" is one byte, invalid in UTF-8.
        csv_io.decode((HEADER + "Célia,Macuácua,c@example.org,MZ,Ministério,,\n").encode("latin-1"))


def test_a_utf8_file_with_a_byte_order_mark_is_read():
    assert csv_io.decode(("\ufeff" + GOOD).encode("utf-8")) == GOOD


def test_a_semicolon_separated_file_is_refused():
    with pytest.raises(csv_io.CsvError, match="not separated by commas"):
        preview(GOOD.replace(",", ";"))


def test_a_file_missing_a_required_column_is_refused():
    with pytest.raises(csv_io.CsvError, match="Missing columns: country"):
        preview("first_name,last_name,email,organisation\nA,B,a@example.org,M\n")


def test_a_row_with_more_columns_than_the_header_is_refused():
    with pytest.raises(csv_io.CsvError, match="more columns than the header"):
        preview(HEADER + "A,B,a@example.org,KE,M,P,Africa/Nairobi,extra\n")


def test_a_file_larger_than_the_limit_is_refused():
    with pytest.raises(csv_io.CsvError, match="larger than 256 KB"):
        csv_io.decode(b"x" * (csv_io.MAX_BYTES + 1))


def test_export_quotes_cells_a_spreadsheet_would_run_as_formulas():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("Ministry") == "Ministry"
