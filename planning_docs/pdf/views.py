"""The PDF pages: a plan's PDF (or its render status), certificates, the seminar compendium."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from ecotown.core.forms import DocumentLanguageForm
from ecotown.core.guards import require_perm
from ecotown.core.workflow import TransitionNotAllowed
from planning_docs.models import PdfRender
from planning_docs.pdf import (
    document,
    rules,  # noqa: F401 - registers the PDF permissions
    selectors,
)
from planning_docs.pdf import services as pdf_services
from planning_docs.pdf.certificate import CertificateRefused, certificate_issue, certificate_path
from planning_docs.selectors import plan_for_user_or_404
from seminars.models import Seminar

STATUS_TEMPLATE = "planning_docs/pdf/render_status.html"
STATUS_PARTIAL = "planning_docs/pdf/_render_status.html"


def plan_for(request, plan_id: int, perm: str = "planning_docs.view_plan_pdf"):
    """The plan if the user may see it (else 404), and may do `perm` on it (else 403)."""
    plan = plan_for_user_or_404(request.user, plan_id)
    require_perm(request.user, perm, plan, _("You may not do this with this plan's PDFs."))
    return plan


def render_for(request, render_id: int) -> PdfRender:
    """A render the user may read: its plan's PDFs, or (coordinators) a compendium."""
    render_obj = get_object_or_404(
        PdfRender.objects.select_related("plan__enrolment__trainee__trainee_profile", "seminar"),
        pk=render_id,
    )
    if render_obj.kind == PdfRender.Kind.COMPENDIUM:
        if not request.user.has_perm("planning_docs.render_compendium"):
            raise Http404
    elif render_obj.plan_id is not None:
        plan_for(request, render_obj.plan_id)
    return render_obj


def pdf_response(render_obj: PdfRender) -> FileResponse:
    ascii_name, unicode_name = document.pdf_filename(render_obj)
    response = FileResponse(render_obj.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = (
        f"inline; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(unicode_name)}"
    )
    response["Content-Length"] = str(render_obj.size)
    response["Cache-Control"] = "private, max-age=0"
    response["ETag"] = f'"{render_obj.sha256}"'
    return response


def status_page(request, render_obj: PdfRender | None, status: int = 200, **context):
    """The render's status; the partial alone for htmx polling. Pending renders poll again."""
    template = STATUS_PARTIAL if request.htmx else STATUS_TEMPLATE
    context = {"render": render_obj, **context}
    if context.get("seminar") and not context.get("plan"):
        context.setdefault("language_form", DocumentLanguageForm())
    if render_obj is not None:
        context["description"] = document.describe(render_obj)
        context["can_resend"] = pdf_services.pdf_resendable(render_obj)
    return render(request, template, context, status=status)


class PlanPdfView(LoginRequiredMixin, View):
    """GET: the newest ready PDF of the plan, else the status of its newest render.
    POST: a render of the current text (DRAFT until approved)."""

    def get(self, request, plan_id: int):
        plan = plan_for(request, plan_id)
        ready = selectors.newest_ready_render(plan)
        if ready is not None:
            return pdf_response(ready)
        return status_page(request, selectors.newest_render(plan), plan=plan)

    def post(self, request, plan_id: int):
        plan = plan_for(request, plan_id, "planning_docs.request_plan_pdf")
        try:
            render_obj = pdf_services.pdf_request_draft_render(plan=plan, actor=request.user)
        except pdf_services.TooManyDrafts as error:
            return status_page(request, None, plan=plan, refusal=str(error), status=429)
        return redirect("planning_docs_pdf:render-status", render_id=render_obj.pk)


class CertificateView(LoginRequiredMixin, View):
    """GET: the certificate when issued, else what is still missing to earn it.
    POST (coordinators): issue it; short of the attendance, by exception with a `reason`."""

    def get(self, request, plan_id: int):
        plan = plan_for(request, plan_id)
        renders = PdfRender.objects.filter(plan=plan, kind=PdfRender.Kind.CERTIFICATE)
        ready = renders.filter(status=PdfRender.Status.READY).order_by("-finished_at").first()
        if ready is not None:
            return pdf_response(ready)
        return status_page(
            request, renders.first(), plan=plan, certificate=True, path=certificate_path(plan)
        )

    def post(self, request, plan_id: int):
        plan = plan_for(request, plan_id, "planning_docs.issue_certificate")
        try:
            render_obj = certificate_issue(
                plan=plan, actor=request.user, reason=request.POST.get("reason", "")
            )
        except CertificateRefused as error:
            return status_page(
                request,
                None,
                plan=plan,
                certificate=True,
                path=certificate_path(plan),
                refusal=str(error),
                status=409,
            )
        return redirect("planning_docs_pdf:render-status", render_id=render_obj.pk)


class CompendiumView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "planning_docs.render_compendium"
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, seminar_id: int):
        seminar = get_object_or_404(Seminar, pk=seminar_id)
        renders = PdfRender.objects.filter(seminar=seminar, kind=PdfRender.Kind.COMPENDIUM)
        newest = renders.filter(status=PdfRender.Status.READY).order_by("-finished_at")
        # The newest in the reader's language, else the newest in any.
        ready = newest.filter(content__language=get_language()).first() or newest.first()
        if ready is not None and "status" not in request.GET:
            return pdf_response(ready)
        return status_page(request, renders.first(), seminar=seminar)

    def post(self, request, seminar_id: int):
        seminar = get_object_or_404(Seminar, pk=seminar_id)
        form = DocumentLanguageForm(request.POST)
        if not form.is_valid():
            refusal = " ".join(map(str, form.errors["language"]))
            return status_page(request, None, seminar=seminar, refusal=refusal, status=400)
        try:
            render_obj = pdf_services.pdf_queue_compendium(
                seminar=seminar, actor=request.user, language=form.cleaned_data["language"]
            )
        except pdf_services.NotRenderable as error:
            return status_page(request, None, seminar=seminar, refusal=str(error), status=409)
        return redirect("planning_docs_pdf:render-status", render_id=render_obj.pk)


class RenderStatusView(LoginRequiredMixin, View):
    def get(self, request, render_id: int):
        render_obj = render_for(request, render_id)
        return status_page(request, render_obj, plan=render_obj.plan, seminar=render_obj.seminar)


class RenderFileView(LoginRequiredMixin, View):
    def get(self, request, render_id: int):
        render_obj = render_for(request, render_id)
        if render_obj.status != PdfRender.Status.READY:
            return redirect("planning_docs_pdf:render-status", render_id=render_obj.pk)
        return pdf_response(render_obj)


class RenderRetryView(LoginRequiredMixin, View):
    def post(self, request, render_id: int):
        render_obj = render_for(request, render_id)
        perms: dict[str, str] = {
            PdfRender.Kind.COMPENDIUM: "planning_docs.render_compendium",
            PdfRender.Kind.CERTIFICATE: "planning_docs.issue_certificate",
        }
        perm = perms.get(render_obj.kind, "planning_docs.request_plan_pdf")
        if not request.user.has_perm(perm, render_obj.plan):
            raise PermissionDenied
        try:
            render_obj = pdf_services.pdf_retry(render=render_obj, actor=request.user)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
        return redirect(reverse("planning_docs_pdf:render-status", args=[render_obj.pk]))
