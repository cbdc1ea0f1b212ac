"""The OpenAPI schema and its browsable docs, served from the vendored Swagger UI.

The docs page runs under the portal's strict Content-Security-Policy: the HTML loads the
vendored bundle, the start-up script comes from a second request to the same URL (drf-
spectacular's split view), and the page's few style rules from a static file: no inline script
or style, nothing from a CDN.
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document (YAML, or JSON with ?format=json)."""


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
    url_name = "api:schema"


class ApiRoot(APIView):
    """Where everything starts: the collections, the schema and the docs."""

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        def link(name: str) -> str:
            return reverse(f"api:{name}", request=request)

        return Response(
            {
                "seminars": link("seminar-list"),
                "plans": link("plan-list"),
                "enrolments": link("enrolment-list"),
                "schema": link("schema"),
                "docs": link("docs"),
            }
        )
