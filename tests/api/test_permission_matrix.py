"""Every API route, for every kind of caller: the expected answer, declared once.

The API twin of tests/security/test_permission_matrix.py. Each caller sends a read-write token
of their own. A route of the `api` namespace without a row here fails the walker, so a new
endpoint cannot slip through unguarded. As on the pages: strangers to an object get 404, those
who may see it but not do the thing get 403, and anonymous callers 401.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.api.conftest import ROLES

ANON = 401


def everyone(status):
    return dict.fromkeys(ROLES[1:], status) | {"anon": ANON}


def on_the_plan(status, outsiders=404):
    """Those who may see the world's plan (and its seminar) get `status`; others `outsiders`."""
    return everyone(status) | {"other_trainee": outsiders, "other_expert": outsiders}


def coordinators_only(status, viewers=403, outsiders=404):
    return on_the_plan(viewers, outsiders) | {"coordinator": status, "admin": status}


def seminar(w):
    return {"pk": w.seminar.pk}


def plan(w):
    return {"pk": w.plan.pk}


def section(w):
    return {"pk": w.plan.pk, "key": "financing-plan"}


def version(w):
    return {"pk": w.plan.pk, "number": w.version.number}


# name -> (method, kwargs from the world, expected answer per role)
MATRIX = {
    "api:root": ("get", lambda w: {}, everyone(200)),
    # The schema and its docs describe the API, not its data: public like the source code.
    "api:schema": ("get", lambda w: {}, dict.fromkeys(ROLES, 200)),
    "api:docs": ("get", lambda w: {}, dict.fromkeys(ROLES, 200)),
    "api:seminar-list": ("get", lambda w: {}, everyone(200)),
    # The plan's co-author is no participant of its seminar.
    "api:seminar-detail": ("get", seminar, on_the_plan(200) | {"coauthor": 404}),
    "api:session-list": ("get", seminar, on_the_plan(200) | {"coauthor": 404}),
    # As the roster: coordinators only; no one else learns of the list.
    "api:enrolment-list": ("get", lambda w: {}, everyone(403) | {"coordinator": 200, "admin": 200}),
    # One enrolment: its trainee may know it exists (403), strangers may not (404).
    "api:enrolment-detail": (
        "get",
        lambda w: {"pk": w.plan.enrolment.pk},
        coordinators_only(200) | {"expert": 404, "coauthor": 404},
    ),
    "api:plan-list": ("get", lambda w: {}, everyone(200)),
    "api:plan-detail": ("get", plan, on_the_plan(200)),
    "api:section-list": ("get", plan, on_the_plan(200)),
    "api:section-detail": ("get", section, on_the_plan(200)),
    "api:version-list": ("get", plan, on_the_plan(200)),
    "api:version-detail": ("get", version, on_the_plan(200)),
    "api:plan-pdf": ("get", plan, on_the_plan(200)),
    "api:plan-pdf-file": ("get", plan, on_the_plan(200)),
    # As /pilots/: the list is the coordinators'; one pilot, whoever reads its plan.
    "api:pilot-list": ("get", lambda w: {}, everyone(403) | {"coordinator": 200, "admin": 200}),
    "api:pilot-detail": ("get", plan, on_the_plan(200)),
}

# Writes, each with a valid body: the world's plan is submitted, so no one may change it; the
# trainee learns why (403), as on the page.
WRITES = {
    ("api:section-detail", "put"): (
        section,
        lambda w: {"body": "New text", "revision": 1},
        on_the_plan(403),
    ),
    ("api:section-detail", "patch"): (
        section,
        lambda w: {"revision": 1, "rows": []},
        on_the_plan(403),
    ),
}


def api_routes():
    """(name, route) of every pattern in the `api` namespace."""
    resolver = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    )
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern) and pattern.name, pattern
        yield f"api:{pattern.name}", str(pattern.pattern)


def api_route_names():
    return [name for name, _route in api_routes()]


def test_every_api_route_is_in_the_matrix():
    assert sorted(set(api_route_names()) - set(MATRIX)) == []


def test_matrix_names_only_real_api_routes():
    assert sorted(set(MATRIX) - set(api_route_names())) == []


def check(response, want, name, role):
    assert response.status_code == want, (name, role, response.status_code)
    if want == ANON:
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_api_route_answers_each_role_as_declared(world, name, role):
    method, kwargs, expected = MATRIX[name]
    response = getattr(world.client(role), method)(reverse(name, kwargs=kwargs(world)))
    check(response, expected[role], name, role)


@pytest.mark.parametrize(("name", "method"), sorted(WRITES))
@pytest.mark.parametrize("role", ROLES)
def test_api_write_answers_each_role_as_declared_and_changes_nothing(world, name, method, role):
    kwargs, data, expected = WRITES[(name, method)]
    before = list(world.plan.drafts.values_list("body", "rows", "revision").order_by("pk"))
    client = world.client(role)
    response = getattr(client, method)(
        reverse(name, kwargs=kwargs(world)), data(world), format="json"
    )
    check(response, expected[role], name, role)
    after = list(world.plan.drafts.values_list("body", "rows", "revision").order_by("pk"))
    assert after == before


def test_every_api_route_refuses_a_revoked_or_unknown_token(world):
    for name, (method, kwargs, expected) in MATRIX.items():
        if expected["anon"] != ANON:
            continue
        client = world.client("anon")
        client.credentials(HTTP_AUTHORIZATION="Bearer ecot_not-a-token")
        response = getattr(client, method)(reverse(name, kwargs=kwargs(world)))
        assert response.status_code == 401, name
