import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecotown.core.models import User
from tests.factories.seminars import SeminarFactory
from trainees.models import Enrolment
from trainees.views import IMPORT_SESSION_KEY

# The e-mails go out through Celery: run those tasks here, so that the outbox holds them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]

GOOD = (
    "first_name,last_name,email,country,organisation\n"
    "Kwame,Mensah,kwame@example.org,GH,EPA Ghana\n"
    "Sokha,Chea,sokha@example.org,KH,Ministry of Environment\n"
)


def upload(client, text: str | bytes, seminar):
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        reverse("trainees:import"),
        {"file": SimpleUploadedFile("nominations.csv", data, "text/csv"), "seminar": seminar.pk},
    )


def test_upload_previews_then_confirm_imports_every_row(
    client, coordinator, django_capture_on_commit_callbacks
):
    seminar = SeminarFactory()
    client.force_login(coordinator)
    preview = upload(client, GOOD, seminar)
    assert preview.status_code == 200
    assert "2 trainees are ready to import" in preview.content.decode()
    assert not User.objects.filter(email="kwame@example.org").exists()
    token = preview.context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("trainees:import-confirm"), {"token": token}, follow=True)
    assert "2 trainees were imported, nominated and invited." in response.content.decode()
    assert sorted(
        Enrolment.objects.filter(seminar=seminar).values_list("trainee__email", flat=True)
    ) == ["kwame@example.org", "sokha@example.org"]
    assert len(mail.outbox) == 2
    assert IMPORT_SESSION_KEY not in client.session


def test_a_bad_file_shows_row_errors_and_offers_no_import(client, coordinator):
    seminar = SeminarFactory()
    client.force_login(coordinator)
    response = upload(client, GOOD + "Ana,Silva,ana@example.org,Narnia,Ministry\n", seminar)
    html = response.content.decode()
    assert "One row has errors." in html
    assert "Unknown country “Narnia”." in html
    assert "Import all rows" not in html


def test_confirming_a_bad_file_changes_nothing(client, coordinator):
    seminar = SeminarFactory()
    client.force_login(coordinator)
    response = upload(client, GOOD + "Ana,Silva,ana@example.org,Narnia,Ministry\n", seminar)
    client.post(reverse("trainees:import-confirm"), {"token": response.context["token"]})
    assert not Enrolment.objects.exists()
    assert not User.objects.filter(email__endswith="@example.org", groups__name="trainee").exists()


def test_a_file_in_another_encoding_is_a_form_error(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, GOOD.replace("Chea", "Chéa").encode("latin-1"), SeminarFactory())
    assert response.context["form"].errors["file"] == [
        "The file is not UTF-8 (byte 101). Save it as “CSV UTF-8” and upload it again."
    ]


def test_a_semicolon_file_is_a_form_error(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, GOOD.replace(",", ";"), SeminarFactory())
    assert response.context["form"].errors["file"] == [
        "The columns are not separated by commas. Save the file as comma-separated CSV."
    ]


def test_confirm_without_the_pending_token_imports_nothing(client, coordinator):
    seminar = SeminarFactory()
    client.force_login(coordinator)
    upload(client, GOOD, seminar)
    response = client.post(reverse("trainees:import-confirm"), {"token": "guess"}, follow=True)
    assert "no longer pending" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_import_is_refused_to_experts(client, expert):
    client.force_login(expert)
    assert upload(client, GOOD, SeminarFactory()).status_code == 403
    assert client.post(reverse("trainees:import-confirm"), {"token": "x"}).status_code == 403


def test_the_example_file_passes_the_checks(client, coordinator):
    client.force_login(coordinator)
    text = client.get(reverse("trainees:import-template")).content.decode()
    response = upload(client, text, SeminarFactory())
    assert response.context["preview"].ok


def _confirm(client, text: str, seminar):
    preview = upload(client, text, seminar)
    assert preview.status_code == 200
    confirm = client.post(reverse("trainees:import-confirm"), {"token": preview.context["token"]})
    return preview, confirm


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("Ana,Sil\x00va,ana@example.org,PT,Ministry\n", "Last name contains a NUL character."),
        ("Ana,Silva,ana\x00@example.org,PT,Ministry\n", "Email contains a NUL character."),
        (
            f"Ana,Silva,ana@example.org,PT,{'M' * 201}\n",
            "Organisation is too long: 201 characters, at most 200.",
        ),
        (f"{'A' * 151},Silva,ana@example.org,PT,Ministry\n", "First name is too long"),
        (
            "first_name,last_name,email,country,organisation,phone\n"
            f"Ana,Silva,ana@example.org,PT,Ministry,{'1' * 51}\n",
            "Phone is too long: 51 characters, at most 50.",
        ),
    ],
)
def test_the_preview_refuses_what_the_database_would(client, coordinator, row, error):
    text = row if row.startswith("first_name") else GOOD + row
    client.force_login(coordinator)
    seminar = SeminarFactory()
    people = User.objects.count()
    preview, confirm = _confirm(client, text, seminar)
    assert error in preview.content.decode()
    assert "Import all rows" not in preview.content.decode()
    assert confirm.status_code in (200, 302, 400)
    assert not Enrolment.objects.exists()
    assert User.objects.count() == people


def test_values_exactly_as_long_as_their_columns_are_imported(
    client, coordinator, django_capture_on_commit_callbacks
):
    text = (
        "first_name,last_name,email,country,organisation,phone\n"
        f"{'A' * 150},Silva,ana@example.org,PT,{'M' * 200},{'1' * 50}\n"
    )
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        preview, confirm = _confirm(client, text, SeminarFactory())
    assert "Import all rows" in preview.content.decode()
    assert confirm.status_code == 302
    user = User.objects.get(email="ana@example.org")
    assert (len(user.first_name), len(user.trainee_profile.organisation)) == (150, 200)
