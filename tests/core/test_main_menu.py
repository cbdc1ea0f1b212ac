"""The header's menu, rendered once per role, page and language outside DEBUG: each person still
sees their own role's entries, in their language, with the page they are on marked."""

import pytest
from django.test import override_settings
from django.urls import reverse

from ecotown.core.templatetags.main_menu import _cached_menu

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached():
    """The production path (DEBUG off), starting from an empty cache."""
    _cached_menu.cache_clear()
    with override_settings(DEBUG=False):
        yield
    _cached_menu.cache_clear()


def menu_of(response) -> str:
    html = response.content.decode()
    start = html.index('<ul class="navbar-nav me-auto">')
    return html[start : html.index("</ul>\n", start)]


def get(client, user, url, language="en"):
    client.force_login(user)
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language)


def test_each_role_sees_its_own_entries(client, cached, coordinator, expert, trainee):
    for _ in range(2):  # rendered, then served from the cache: the same for each role
        coordinator_menu = menu_of(get(client, coordinator, "/"))
        expert_menu = menu_of(get(client, expert, "/"))
        trainee_menu = menu_of(get(client, trainee, "/"))
        assert ">Roster</a>" in coordinator_menu
        assert ">Plans to review</a>" in expert_menu and ">Roster</a>" not in expert_menu
        assert ">My plan</a>" in trainee_menu and ">Plans to review</a>" not in trainee_menu


def test_the_page_a_person_is_on_is_marked(client, cached, coordinator):
    plans = menu_of(get(client, coordinator, reverse("planning_docs:plan-list")))
    dashboard = menu_of(get(client, coordinator, "/"))
    current = 'active" aria-current="page" href="{}"'
    assert current.format(reverse("planning_docs:plan-list")) in plans
    assert current.format(reverse("core:dashboard")) not in plans
    assert current.format(reverse("core:dashboard")) in dashboard
    assert current.format(reverse("planning_docs:plan-list")) not in dashboard


def test_the_menu_speaks_the_page_s_language(client, cached, trainee):
    assert ">My plan</a>" in menu_of(get(client, trainee, "/", "en"))
    french = menu_of(get(client, trainee, "/", "fr"))
    assert ">My plan</a>" not in french
    assert ">Mon plan</a>" in french


def test_the_cached_menu_is_the_one_debug_renders(client, cached, coordinator, settings):
    url = reverse("seminars:seminar-list")
    served = menu_of(get(client, coordinator, url))
    settings.DEBUG = True
    assert menu_of(get(client, coordinator, url)) == served
