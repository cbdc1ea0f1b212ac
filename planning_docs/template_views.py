"""Coordinators' pages for plan templates and their sections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import CreateView, ListView, UpdateView
from rules.contrib.views import PermissionRequiredMixin, permission_required

from planning_docs.forms import PlanTemplateForm, TemplateCopyForm, TemplateSectionForm
from planning_docs.models import PlanTemplate, TemplateSection
from planning_docs.selectors import templates_for_coordinators
from planning_docs.services import (
    template_copy,
    template_save,
    template_section_delete,
    template_section_save,
)

PERMISSION = "planning_docs.manage_templates"


class TemplateListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = PERMISSION
    template_name = "planning_docs/plantemplate_list.html"
    context_object_name = "templates"

    def get_queryset(self):
        return templates_for_coordinators()


class TemplateFormMixin:
    form_class = PlanTemplateForm
    template_name = "planning_docs/plantemplate_form.html"

    def form_valid(self, form):
        self.object = template_save(form=form, actor=self.request.user)
        return redirect(self.get_success_url())


class TemplateCreateView(
    LoginRequiredMixin, PermissionRequiredMixin, TemplateFormMixin, CreateView
):
    permission_required = PERMISSION

    def get_success_url(self):
        return reverse("planning_docs:template-detail", args=[self.object.pk])


class TemplateUpdateView(
    LoginRequiredMixin, PermissionRequiredMixin, TemplateFormMixin, UpdateView
):
    permission_required = PERMISSION
    model = PlanTemplate

    def get_success_url(self):
        return reverse("planning_docs:template-detail", args=[self.object.pk])


@login_required
@permission_required(PERMISSION, raise_exception=True)
def template_detail(request, pk: int):
    template = get_object_or_404(PlanTemplate, pk=pk)
    context = {
        "template": template,
        "sections": template.sections.order_by("position"),
        "copy_form": TemplateCopyForm(initial={"name": _("%(name)s (copy)") % {"name": template}}),
        "plan_count": template.plans.count(),
    }
    return render(request, "planning_docs/plantemplate_detail.html", context)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def template_copy_view(request, pk: int):
    template = get_object_or_404(PlanTemplate, pk=pk)
    form = TemplateCopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors["name"]))
        return redirect("planning_docs:template-detail", pk=template.pk)
    copy = template_copy(template=template, name=form.cleaned_data["name"], actor=request.user)
    messages.success(request, _("The template was copied."))
    return redirect("planning_docs:template-detail", pk=copy.pk)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def section_form(request, pk: int, section_pk: int | None = None):
    template = get_object_or_404(PlanTemplate, pk=pk)
    if section_pk is None:
        last = template.sections.order_by("-position").first()
        instance = TemplateSection(template=template, position=(last.position + 1 if last else 1))
    else:
        instance = get_object_or_404(TemplateSection, pk=section_pk, template=template)
    form = TemplateSectionForm(request.POST or None, instance=instance, template=template)
    if request.method == "POST" and form.is_valid():
        template_section_save(form=form, actor=request.user)
        messages.success(request, _("The section was saved."))
        return redirect("planning_docs:template-detail", pk=template.pk)
    context = {"template": template, "form": form, "section": instance if section_pk else None}
    return render(request, "planning_docs/templatesection_form.html", context)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def section_delete(request, pk: int, section_pk: int):
    section = get_object_or_404(TemplateSection, pk=section_pk, template_id=pk)
    try:
        template_section_delete(section=section, actor=request.user)
    except ProtectedError:
        messages.error(request, _("Plans use this section already: it cannot be deleted."))
    else:
        messages.success(request, _("The section was deleted."))
    return redirect("planning_docs:template-detail", pk=pk)
