"""The OpenAPI document loads, validates and lists every route; the docs page runs under the CSP
from vendored files only."""

import re

import pytest
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from tests.api.test_permission_matrix import api_routes

pytestmark = pytest.mark.django_db

# The schema and docs describe the API; the root is a table of links.
NOT_IN_SCHEMA = {"api:root", "api:schema", "api:docs"}


def schema():
    response = APIClient().get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_a_valid_openapi_document():
    document = schema()
    validate_schema(document)
    assert document["openapi"].startswith("3.")
    assert document["components"]["securitySchemes"]["apiToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A token from the account's API tokens page (read or read-write).",
    }


def test_the_schema_lists_every_api_route():
    paths = set(schema()["paths"])
    expected = {
        # <int:pk> is the object's id in the schema; other parameters keep their names.
        "/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route).replace("{pk}", "{id}")
        for name, route in api_routes()
        if name not in NOT_IN_SCHEMA
    }
    assert len(expected) == 15
    assert paths == expected


def test_the_section_save_is_described_with_its_conflict():
    operation = schema()["paths"]["/api/plans/{id}/sections/{key}/"]["put"]
    assert set(operation["responses"]) == {"200", "400", "403", "409"}
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/SectionWrite")


def test_the_docs_page_has_no_inline_script_or_style_and_loads_only_our_files():
    response = APIClient().get(reverse("api:docs"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<style" not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert len(scripts) == 3 and all('src="/' in attrs for attrs in scripts)
    assert "http" not in "".join(re.findall(r'(?:src|href)="([^"]*)"', html))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    start = APIClient().get(reverse("api:docs"), {"script": ""})
    assert start.status_code == 200
    assert start["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in start.content.decode()
    assert "/api/schema/" in start.content.decode()
