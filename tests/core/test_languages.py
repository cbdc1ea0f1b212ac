"""Which language a page, a notification and an e-mail speak: the person's choice, else the
browser's; the header's switcher; right to left for Arabic."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ecotown.core.models import AuditEvent
from notifications import services as notification_services
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def html_tag(response) -> str:
    html = response.content.decode()
    return html[html.index("<html") : html.index(">", html.index("<html")) + 1]


def test_the_portal_offers_five_languages_each_under_its_own_name(client):
    html = client.get(reverse("login")).content.decode()
    for code, name in [
        ("en", "English"),
        ("fr", "français"),
        ("es", "español"),
        ("ar", "العربيّة"),
        ("ja", "日本語"),
    ]:
        assert f'name="language" value="{code}" lang="{code}"' in html
        assert name in html


def test_without_a_choice_the_browser_language_is_the_guess(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr-SN,fr;q=0.9,en;q=0.5")
    assert html_tag(response) == '<html lang="fr" dir="ltr">'
    assert response["Content-Language"] == "fr"


def test_arabic_pages_are_laid_out_right_to_left_with_the_rtl_stylesheet(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ar-EG")
    html = response.content.decode()
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    assert "bootstrap.rtl.min.css" in html
    assert "bootstrap.min.css" not in html


def test_a_person_s_choice_wins_over_the_browser(client, trainee):
    trainee.language = "ja"
    trainee.save()
    client.force_login(trainee)
    response = client.get(reverse("account-settings"), HTTP_ACCEPT_LANGUAGE="fr")
    assert html_tag(response) == '<html lang="ja" dir="ltr">'
    assert response["Content-Language"] == "ja"


def test_the_switcher_remembers_the_choice_in_the_settings_and_returns_to_the_page(client, trainee):
    client.force_login(trainee)
    response = client.post(reverse("language-choose"), {"language": "es", "next": "/seminars/"})
    assert response.status_code == 302 and response["Location"] == "/seminars/"
    trainee.refresh_from_db()
    assert trainee.language == "es"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    event = AuditEvent.objects.filter(verb=AuditEvent.Verb.PERSON_CHANGED).latest("pk")
    assert (event.actor, event.note) == (trainee, "language")
    page = client.get("/seminars/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_tag(page) == '<html lang="es" dir="ltr">'


def test_someone_not_signed_in_switches_with_a_cookie(client):
    response = client.post(
        reverse("language-choose"), {"language": "ar", "next": "/accounts/login/"}
    )
    assert response["Location"] == "/accounts/login/"
    assert html_tag(client.get("/accounts/login/")) == '<html lang="ar" dir="rtl">'


def test_an_unknown_language_is_refused_and_changes_nothing(client, trainee):
    client.force_login(trainee)
    with nothing_changes(trainee):
        response = client.post(reverse("language-choose"), {"language": "xx", "next": "/"})
    assert response.status_code == 400
    assert "does not speak this language" in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switcher_never_leads_to_another_site(client, trainee):
    client.force_login(trainee)
    response = client.post(
        reverse("language-choose"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:dashboard")


def test_the_settings_page_chooses_the_language_or_leaves_it_to_the_browser(client, trainee):
    client.force_login(trainee)
    form = client.get(reverse("account-settings")).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data["email_digest"] = ""
    client.post(reverse("account-settings"), {**data, "language": "fr"})
    trainee.refresh_from_db()
    assert trainee.language == "fr"
    client.post(reverse("account-settings"), {**data, "language": ""})
    trainee.refresh_from_db()
    assert trainee.language == ""


def test_each_recipient_s_notification_is_written_in_their_language(monkeypatch, trainee, expert):
    trainee.language, expert.language = "fr", "ja"
    trainee.save(), expert.save()
    rendered = []
    real = notification_services.render_to_string

    def spy(name, context):
        rendered.append((context["recipient"].username, translation.get_language()))
        return real(name, context)

    monkeypatch.setattr(notification_services, "render_to_string", spy)
    with translation.override("en"):  # whoever's request sends them
        notification_services.notify(
            recipients=[trainee, expert],
            verb="plan_reopened",
            context={"plan": None, "reason": "r"},
        )
        assert translation.get_language() == "en"  # the sender's language is back
    assert sorted(set(rendered)) == sorted({(trainee.username, "fr"), (expert.username, "ja")})
