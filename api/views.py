"""The REST API: the same objects, selectors and permissions as the pages.

Each object is loaded through the reader's own selector (404 for those who may not know it
exists), then checked with the page's django-rules permission (403 with its reason). Lists are
the selectors' querysets, so the API never shows more than the pages do.
"""

from datetime import UTC
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from api import serializers as s
from ecotown.core.models import User
from planning_docs import selectors as plan_selectors
from planning_docs.models import PdfRender, Plan, SectionDraft
from planning_docs.pdf import rules as pdf_rules  # noqa: F401 - registers the PDF permissions
from planning_docs.pdf import selectors as pdf_selectors
from planning_docs.pdf.views import pdf_response
from planning_docs.services import PlanLocked, StaleRevision, section_save
from seminars import selectors as seminar_selectors
from seminars.models import Seminar
from trainees import selectors as trainee_selectors
from trainees.models import Enrolment


def person(request: Request) -> User:
    """The caller: always a signed-in person here (IsAuthenticated runs before any handler)."""
    return cast(User, request.user)


def require(request: Request, perm: str, obj: Any, reason: str) -> None:
    """403 with `reason` unless the caller has the page's permission `perm` on `obj`."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(reason)


def load_seminar(request: Request, pk: int) -> Seminar:
    seminar = seminar_selectors.seminar_for_user_or_404(person(request), pk)
    require(request, "seminars.view_seminar", seminar, _("You may not see this seminar."))
    return seminar


def load_plan(request: Request, pk: int) -> Plan:
    plan = plan_selectors.plan_for_user_or_404(person(request), pk)
    require(request, "planning_docs.view_plan", plan, _("You may not see this plan."))
    return plan


class InUtc:
    """Times go out in UTC ("Z"), whoever asks: the pages show each reader's zone, a machine
    wants one."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        with timezone.override(UTC):
            return super().dispatch(request, *args, **kwargs)


class SeminarList(InUtc, generics.ListAPIView):
    """Seminars the caller may see (as on /seminars/), newest first."""

    serializer_class = s.SeminarSerializer

    def get_queryset(self) -> Any:
        return seminar_selectors.seminar_list_for_user(person(self.request))


class SeminarDetail(InUtc, generics.RetrieveAPIView):
    serializer_class = s.SeminarSerializer

    def get_object(self) -> Seminar:
        # The list's scope and counts; then the page's permission, as load_seminar checks it.
        seminars = seminar_selectors.with_counts(
            seminar_selectors.seminars_for_user(person(self.request))
        )
        seminar: Seminar = get_object_or_404(seminars, pk=self.kwargs["pk"])
        require(self.request, "seminars.view_seminar", seminar, _("You may not see this seminar."))
        return seminar


class SessionList(InUtc, generics.ListAPIView):
    """The seminar's timetable in order, times in UTC."""

    serializer_class = s.SessionSerializer

    def get_queryset(self) -> Any:
        return seminar_selectors.timetable_of(load_seminar(self.request, self.kwargs["pk"]))


ROSTER_REFUSAL = _lazy("Only coordinators read enrolments.")


@extend_schema(
    parameters=[
        OpenApiParameter("seminar", int, description="Only this seminar's enrolments."),
        OpenApiParameter("status", str, enum=Enrolment.Status.values),
    ]
)
class EnrolmentList(InUtc, generics.ListAPIView):
    """Every enrolment (coordinators only, as the roster)."""

    serializer_class = s.EnrolmentSerializer

    def get_queryset(self) -> Any:
        require(self.request, "trainees.view_roster", None, str(ROSTER_REFUSAL))
        enrolments = trainee_selectors.enrolments_for_user(person(self.request)).order_by(
            "seminar__start_date", "trainee__last_name", "trainee__first_name", "id"
        )
        params = self.request.query_params
        if params.get("seminar"):
            if not params["seminar"].isdigit():
                raise NotFound(_("No such seminar."))
            enrolments = enrolments.filter(seminar_id=int(params["seminar"]))
        if params.get("status"):
            enrolments = enrolments.filter(status=params["status"])
        return enrolments


class EnrolmentDetail(InUtc, generics.RetrieveAPIView):
    serializer_class = s.EnrolmentSerializer

    def get_object(self) -> Enrolment:
        enrolment = trainee_selectors.enrolment_for_user_or_404(
            person(self.request), self.kwargs["pk"]
        )
        require(self.request, "trainees.view_roster", enrolment, str(ROSTER_REFUSAL))
        return enrolment


class PlanList(InUtc, generics.ListAPIView):
    """The plans the caller may see (as on /plans/): a trainee's own, an expert's assigned
    plans, every plan for coordinators."""

    serializer_class = s.PlanSerializer

    def get_queryset(self) -> Any:
        return plan_selectors.plan_list_for_user(person(self.request))


class PlanDetail(InUtc, generics.RetrieveAPIView):
    serializer_class = s.PlanSerializer

    def get_object(self) -> Plan:
        # The list's selector: the same scope, with the experts' names prefetched.
        plans = plan_selectors.plan_list_for_user(person(self.request))
        plan: Plan = get_object_or_404(plans, pk=self.kwargs["pk"])
        require(self.request, "planning_docs.view_plan", plan, _("You may not see this plan."))
        return plan


class SectionList(InUtc, generics.ListAPIView):
    """Every section of the plan's live text, in template order."""

    serializer_class = s.SectionSerializer
    pagination_class = None

    def get_queryset(self) -> Any:
        return plan_selectors.plan_drafts(load_plan(self.request, self.kwargs["pk"]))


class SectionDetail(InUtc, APIView):
    """One section: read it, or save it from the revision it was written from.

    A save from an older revision is refused with 409 and the text as it now is, so that the
    caller can merge; nothing is overwritten. Saving needs the page's permission to change the
    plan (the trainee's, while it is a draft or sent back for changes)."""

    serializer_class = s.SectionSerializer

    def load(self, request: Request, pk: int, key: str) -> tuple[Plan, SectionDraft]:
        plan = load_plan(request, pk)
        draft = plan_selectors.plan_draft(plan, key)
        if draft is None:
            raise NotFound(_("This plan has no such section."))
        return plan, draft

    @extend_schema(responses=s.SectionSerializer)
    def get(self, request: Request, pk: int, key: str) -> Response:
        _plan, draft = self.load(request, pk, key)
        return Response(s.SectionSerializer(draft).data)

    @extend_schema(
        request=s.SectionWriteSerializer,
        responses={
            200: s.SectionSerializer,
            400: OpenApiResponse(description="The text or rows cannot be kept."),
            403: OpenApiResponse(description="The caller may read the plan but not change it."),
            409: OpenApiResponse(
                description="Stale revision: `revision`, `body` and `rows` are the current text."
            ),
        },
    )
    def put(self, request: Request, pk: int, key: str) -> Response:
        return self.save(request, pk, key, partial=False)

    @extend_schema(request=s.SectionWriteSerializer, responses=s.SectionSerializer)
    def patch(self, request: Request, pk: int, key: str) -> Response:
        return self.save(request, pk, key, partial=True)

    def save(self, request: Request, pk: int, key: str, *, partial: bool) -> Response:
        plan, draft = self.load(request, pk, key)
        require(
            request,
            "planning_docs.change_plan",
            plan,
            _("You may read this plan but not change it."),
        )
        incoming = s.SectionWriteSerializer(data=request.data, partial=partial)
        incoming.is_valid(raise_exception=True)
        if "revision" not in incoming.validated_data:
            return Response(
                {"revision": [_("This field is required.")]}, status=status.HTTP_400_BAD_REQUEST
            )
        body = incoming.validated_data.get("body", draft.body)
        try:
            saved = section_save(
                draft=draft,
                body=body,
                rows=incoming.validated_data.get("rows"),
                revision=incoming.validated_data["revision"],
                actor=person(request),
            )
        except StaleRevision as stale:
            current = stale.current
            return Response(
                {
                    "detail": _(
                        "This section was saved elsewhere after the revision you sent. "
                        "Nothing was overwritten: merge the current text and save again."
                    ),
                    "revision": current.revision,
                    "body": current.body,
                    "rows": current.rows,
                    "yours": body,
                },
                status=status.HTTP_409_CONFLICT,
            )
        except PlanLocked as locked:
            raise PermissionDenied(str(locked)) from locked
        except ValidationError as invalid:
            return Response(
                {"detail": " ".join(invalid.messages)}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(s.SectionSerializer(saved).data)


class VersionList(InUtc, generics.ListAPIView):
    """The plan's frozen versions, newest first."""

    serializer_class = s.VersionSerializer

    def get_queryset(self) -> Any:
        return plan_selectors.plan_versions(load_plan(self.request, self.kwargs["pk"]))


class VersionDetail(InUtc, generics.RetrieveAPIView):
    """One frozen version with every section as it was submitted."""

    serializer_class = s.VersionDetailSerializer

    def get_object(self) -> Any:
        versions = plan_selectors.plan_versions(load_plan(self.request, self.kwargs["pk"]))
        try:
            return get_object_or_404(versions, number=self.kwargs["number"])
        except Http404 as missing:
            raise NotFound(_("This plan has no such version.")) from missing


PDF_REFUSAL = _lazy("You may not do this with this plan's PDFs.")


def load_plan_for_pdf(request: Request, pk: int) -> Plan:
    plan = plan_selectors.plan_for_user_or_404(person(request), pk)
    require(request, "planning_docs.view_plan_pdf", plan, str(PDF_REFUSAL))
    return plan


class PlanPdf(InUtc, APIView):
    """The plan's PDF as the page offers it: the newest ready document (the approved one of an
    approved plan) with a link to its file, and the newest render's status."""

    @extend_schema(responses=s.PlanPdfSerializer)
    def get(self, request: Request, pk: int) -> Response:
        plan = load_plan_for_pdf(request, pk)
        ready = pdf_selectors.newest_ready_render(plan)
        newest = pdf_selectors.newest_render(plan)
        file_url = reverse("api:plan-pdf-file", kwargs={"pk": plan.pk}, request=request)
        data = {
            "ready": s.RenderSerializer(ready).data if ready else None,
            "newest": s.RenderSerializer(newest).data if newest else None,
            "file_url": file_url if ready else None,
        }
        return Response(data)


class FirstRendererNegotiation(BaseContentNegotiation):
    """The file is a PDF whatever the client accepts; refusals are JSON."""

    def select_parser(self, request: Any, parsers: Any) -> Any:
        return parsers[0]

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


class PlanPdfFile(InUtc, APIView):
    """The newest ready PDF of the plan (the one /plans/<id>/pdf/ serves), or 404 while none is
    ready."""

    content_negotiation_class = FirstRendererNegotiation
    renderer_classes = [JSONRenderer]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="No PDF of this plan is ready yet."),
        }
    )
    def get(self, request: Request, pk: int) -> Any:
        plan = load_plan_for_pdf(request, pk)
        ready: PdfRender | None = pdf_selectors.newest_ready_render(plan)
        if ready is None:
            raise NotFound(_("No PDF of this plan is ready yet."))
        return pdf_response(ready)
