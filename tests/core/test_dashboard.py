import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


@pytest.mark.parametrize(
    ("fixture", "heading", "menu", "absent"),
    [
        ("coordinator", "Coordinator’s desk", ["Seminars", "Roster", "Plans"], []),
        ("admin_user", "Coordinator’s desk", ["Seminars", "Roster", "Plans"], []),
        ("expert", "Expert review desk", ["Plans to review", "Seminars"], ["Roster"]),
        ("trainee", "Your eco-town plan", ["My plan", "My seminar"], ["Roster"]),
        ("no_role_user", "Getting started", [], ["Roster", "My plan", "Plans to review"]),
    ],
)
def test_each_role_sees_its_own_dashboard_and_menu(client, request, fixture, heading, menu, absent):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    nav = html[
        html.index('<ul class="navbar-nav me-auto">') : html.index("</ul>", html.index("me-auto"))
    ]
    for label in menu:
        assert f">{label}</a>" in nav
    for label in absent:
        assert f">{label}</a>" not in nav


def test_roster_is_refused_to_trainees_and_experts(client, trainee, expert, coordinator):
    for user, status in ((trainee, 403), (expert, 403), (coordinator, 200)):
        client.force_login(user)
        assert client.get(reverse("trainees:roster")).status_code == status


def test_pages_carry_a_strict_csp_and_no_inline_script(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert "<script>" not in html
    assert "onclick=" not in html


def test_friendly_404_page(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
