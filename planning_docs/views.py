from functools import partial

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods
from django.views.generic import ListView

from ecotown.core import roles
from ecotown.core.guards import guarded
from ecotown.core.workflow import TransitionNotAllowed
from planning_docs import selectors
from planning_docs.attachment_views import (
    editor_figures,
    live_figures,
    plan_figures,
    version_figures,
)
from planning_docs.completion import missing_sections, plan_progress, section_progress
from planning_docs.diff import attachments_diff, stored_versions_diff
from planning_docs.export import plan_archive_zip
from planning_docs.forms import (
    AssignExpertsForm,
    PlanDetailsForm,
    PlanFilterForm,
    SectionForm,
    formset_rows,
    row_formset_class,
    row_initial,
)
from planning_docs.models import PlanAssignment, SectionDraft, TemplateSection
from planning_docs.plan_rows import plan_rows
from planning_docs.services import (
    PlanIncomplete,
    PlanLocked,
    StaleRevision,
    plan_assign_experts,
    plan_details_save,
    plan_submit,
    section_save,
)
from trainees.selectors import experts_with_workload
from trainees.waitlist import waiting_places

# Every view of one plan loads it through the reader's own plans (404 for strangers).
plan_view = partial(guarded, selectors.plan_for_user_or_404)
# The plan's own page (and a refused submission, shown on it) names its experts and co-authors.
plan_page_view = partial(guarded, selectors.plan_with_people_for_user_or_404)


def _wants_json(request) -> bool:
    return bool(request.htmx) or "application/json" in request.headers.get("Accept", "")


def _refuse(request, message: str, status: int = 403):
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    if status == 403:
        raise PermissionDenied(message)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class PlanListView(LoginRequiredMixin, ListView):
    template_name = "planning_docs/plan_list.html"
    context_object_name = "plans"
    paginate_by = 50

    def get_queryset(self):
        self.filters = PlanFilterForm(self.request.GET or None)
        criteria = self.filters.cleaned_data if self.filters.is_valid() else {}
        if roles.role_of(self.request.user) != roles.COORDINATOR:
            return selectors.plan_list_for_user(self.request.user)
        # Scores stay with experts and coordinators: only the coordinators' list shows them.
        return selectors.plan_list_for_user(self.request.user, with_scores=True, **criteria)

    def get_context_data(self, **kwargs):
        is_coordinator = roles.role_of(self.request.user) == roles.COORDINATOR
        context = super().get_context_data(
            filters=self.filters if is_coordinator else None, **kwargs
        )
        context["rows"] = plan_rows(context["plans"], with_scores=is_coordinator)
        # A trainee still waiting for a seat sees where they stand instead of an empty list.
        if roles.role_of(self.request.user) == roles.TRAINEE:
            context["waiting"] = waiting_places(self.request.user)
        return context


def _overview_context(request, plan, **extra) -> dict:
    drafts = selectors.plan_drafts(plan)
    user = request.user
    return {
        "plan": plan,
        "progress": plan_progress(drafts),
        "last_edits": {d.section.key: d for d in drafts if d.revision},
        "figures": live_figures(plan, drafts),
        "annexes": list(plan.annexes.all()),
        "versions": list(selectors.version_headers(plan)),
        # Both from plan_page_view's prefetch, with their people.
        "assignments": list(plan.assignments.all()),
        "coauthors": selectors.active_coauthors(plan, prefetched=True),
        "can_edit": plan.is_editable and user.has_perm("planning_docs.change_plan", plan),
        "can_edit_details": user.has_perm("planning_docs.change_plan_details", plan),
        "can_submit": user.has_perm("planning_docs.submit_plan", plan),
        "can_manage_coauthors": user.has_perm("planning_docs.manage_coauthors", plan),
        **extra,
    }


@plan_page_view()
def plan_detail(request, plan):
    return render(request, "planning_docs/plan_detail.html", _overview_context(request, plan))


@plan_view()
@require_http_methods(["GET", "POST"])
def plan_edit(request, plan):
    # The lock is checked apart from the permission: it holds for superusers too.
    if not plan.is_editable or not request.user.has_perm("planning_docs.change_plan_details", plan):
        raise PermissionDenied(_("Only the trainee may change the plan while it is a draft."))
    form = PlanDetailsForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        plan_details_save(plan=plan, form=form, actor=request.user)
        messages.success(request, _("The plan's details were saved."))
        return redirect("planning_docs:plan-detail", pk=plan.pk)
    return render(request, "planning_docs/plan_edit.html", {"plan": plan, "form": form})


@plan_page_view(
    "planning_docs.submit_plan", _lazy("Only the trainee may submit the plan while it is a draft.")
)
@require_http_methods(["GET", "POST"])
def plan_submit_view(request, plan):
    """GET: what submitting will do (freeze version N, lock editing, tell the experts), and what
    is still missing. POST: submit."""
    if request.method == "GET":
        return render(request, "planning_docs/plan_submit_confirm.html", _submit_context(plan))
    try:
        version = plan_submit(plan=plan, actor=request.user)
    except PlanIncomplete as refused:
        context = _overview_context(request, plan, missing=refused.missing)
        return render(request, "planning_docs/plan_detail.html", context, status=400)
    except TransitionNotAllowed as refused:
        raise PermissionDenied(str(refused)) from None
    messages.success(
        request,
        _("Version %(n)d was submitted. Editing is locked until changes are requested.")
        % {"n": version.number},
    )
    return redirect("planning_docs:version-detail", pk=plan.pk, number=version.number)


def _submit_context(plan) -> dict:
    drafts = selectors.plan_drafts(plan)
    return {
        "plan": plan,
        "next_number": plan.versions.count() + 1,
        "missing": missing_sections(drafts),
        "experts": [a.expert for a in plan.assignments.select_related("expert").order_by("-role")],
    }


def _editor_labels() -> dict:
    return {
        "saving": _("Saving…"),
        "savedAt": _("Saved at %(time)s"),
        "unsaved": _("Unsaved changes"),
        "offline": _("Not saved: offline. Retrying…"),
        "notSaved": _("Not saved."),
        "conflict": _("Not saved: this section was saved elsewhere. Merge the texts below."),
        "takenSaved": _("The saved text is in the editor."),
        "words": _("%(words)s of %(limit)s words"),
        "signedOut": _(
            "Not saved: you were signed out. Keep this tab open, sign in again in "
            "another tab, then press Save."
        ),
    }


def _section_context(
    request, plan, draft, *, form=None, formset=None, conflict=None, drafts=None
) -> dict:
    kind = draft.section.kind
    can_edit = plan.is_editable and request.user.has_perm("planning_docs.change_plan", plan)
    if form is None:
        form = SectionForm(initial={"body": draft.body, "revision": draft.revision})
    if formset is None and kind != TemplateSection.Kind.PROSE:
        formset = row_formset_class(kind)(initial=row_initial(kind, draft.rows), prefix="rows")
    drafts = drafts if drafts is not None else selectors.plan_drafts(plan)
    index = next(i for i, d in enumerate(drafts) if d.pk == draft.pk)
    every_figure = plan_figures(plan) if can_edit else None  # one query for both uses below
    return {
        "plan": plan,
        "draft": draft,
        "section": draft.section,
        "progress": section_progress(draft),
        "form": form,
        "formset": formset,
        "can_edit": can_edit,
        "conflict": conflict,
        "editor_labels": _editor_labels() if can_edit else None,
        "previous": drafts[index - 1] if index else None,
        "next": drafts[index + 1] if index + 1 < len(drafts) else None,
        "figures": live_figures(plan, drafts, figures=every_figure),
        "editor_figures": editor_figures(plan, drafts, every_figure) if can_edit else None,
        "every_figure": every_figure,  # the picker's list
    }


def _saved_json(request, draft) -> JsonResponse:
    progress = section_progress(draft)
    saved_at = timezone.localtime(draft.updated_at)
    return JsonResponse(
        {
            "revision": draft.revision,
            "saved_at": saved_at.isoformat(),
            "saved_at_display": formats.time_format(saved_at, "H:i"),
            "words": progress.words,
            "word_limit": progress.word_limit,
        }
    )


def _conflict_message(request, current: SectionDraft) -> str:
    other = current.updated_by
    if other is not None and other.pk != request.user.pk:
        # A co-author (or the trainee) saved in between: say who, so the merge is a conversation.
        return _(
            "%(name)s saved this section after you opened it. Nothing was overwritten: compare "
            "the two texts, merge them and save again."
        ) % {"name": other}
    return _(
        "This section was saved elsewhere (another tab or device) after you opened it. "
        "Nothing was overwritten: compare the two texts, merge them and save again."
    )


def _conflict(request, plan, draft, current: SectionDraft, form, formset):
    """409: the save was from an older revision. Both texts go back so the writer can merge;
    `saved_by` names who saved the newer text."""
    message = _conflict_message(request, current)
    if _wants_json(request):
        return JsonResponse(
            {
                "error": message,
                "revision": current.revision,
                "body": current.body,
                "yours": form.cleaned_data["body"],
                "saved_by": str(current.updated_by) if current.updated_by else "",
            },
            status=409,
        )
    mine = SectionForm(initial={"body": form.cleaned_data["body"], "revision": current.revision})
    context = _section_context(
        request, plan, current, form=mine, formset=formset, conflict={"message": message}
    )
    return render(request, "planning_docs/section_edit.html", context, status=409)


@plan_view()
@require_http_methods(["GET", "POST"])
def section_edit(request, plan, key: str):
    # A page shows every draft (progress, previous and next, figures): its own is among them.
    drafts = selectors.plan_drafts(plan) if request.method == "GET" else None
    if drafts is not None:
        draft = next((d for d in drafts if d.section.key == key), None)
    else:
        draft = selectors.plan_draft(plan, key)
    if draft is None:
        raise Http404(_("This plan has no such section."))
    if request.method == "GET":
        context = _section_context(request, plan, draft, drafts=drafts)
        return render(request, "planning_docs/section_edit.html", context)
    if not request.user.has_perm("planning_docs.change_plan", plan):
        return _refuse(request, _("You may read this plan but not change it."))
    return _section_save(request, plan, draft)


def _section_save(request, plan, draft):
    kind = draft.section.kind
    form = SectionForm(request.POST)
    formset = None
    if kind != TemplateSection.Kind.PROSE and "rows-TOTAL_FORMS" in request.POST:
        formset = row_formset_class(kind)(request.POST, prefix="rows")
    if not form.is_valid() or (formset is not None and not formset.is_valid()):
        if _wants_json(request):
            return JsonResponse({"error": _("Not saved."), "errors": form.errors}, status=400)
        context = _section_context(request, plan, draft, form=form, formset=formset)
        return render(request, "planning_docs/section_edit.html", context, status=400)
    rows = formset_rows(formset) if formset is not None else None
    try:
        saved = section_save(
            draft=draft,
            body=form.cleaned_data["body"],
            rows=rows,
            revision=form.cleaned_data["revision"],
            actor=request.user,
        )
    except StaleRevision as stale:
        return _conflict(request, plan, draft, stale.current, form, formset)
    except PlanLocked as locked:
        return _refuse(request, str(locked))
    except ValidationError as invalid:
        return _refuse(request, " ".join(invalid.messages), status=400)
    if _wants_json(request):
        return _saved_json(request, saved)
    messages.success(request, _("Saved."))
    return redirect("planning_docs:section-edit", pk=plan.pk, key=draft.section.key)


@plan_view()
def version_list(request, plan):
    versions = list(selectors.version_headers(plan))
    return render(request, "planning_docs/version_list.html", {"plan": plan, "versions": versions})


@plan_view()
def version_detail(request, plan, number: int):
    version = get_object_or_404(selectors.plan_versions(plan), number=number)
    context = {
        "plan": plan,
        "version": version,
        "numbers": _version_numbers(plan),
        "figures": version_figures(version),
        "annexes": (version.attachments or {}).get("annexes", []),
    }
    return render(request, "planning_docs/version_detail.html", context)


def _version_numbers(plan) -> list[int]:
    return list(plan.versions.order_by("number").values_list("number", flat=True))


@plan_view()
def version_diff(request, plan):
    numbers = _version_numbers(plan)
    default = (numbers[-2], numbers[-1]) if len(numbers) >= 2 else (None, None)
    if default == (None, None) and not request.GET:
        return render(
            request, "planning_docs/version_diff.html", {"plan": plan, "numbers": numbers}
        )
    try:
        old_n = int(request.GET.get("from", default[0]))
        new_n = int(request.GET.get("to", default[1]))
    except (TypeError, ValueError):
        context = {"plan": plan, "numbers": numbers, "error": _("Choose two versions.")}
        return render(request, "planning_docs/version_diff.html", context, status=400)
    versions = {v.number: v for v in plan.versions.filter(number__in=(old_n, new_n))}
    if old_n not in versions or new_n not in versions:
        raise Http404(_("This plan has no such version."))
    diffs = stored_versions_diff(versions[old_n].sections, versions[new_n].sections)
    context = {
        "plan": plan,
        "numbers": numbers,
        "old": versions[old_n],
        "new": versions[new_n],
        "diffs": diffs,
        "changed": [d for d in diffs if d.changed],
        "attachment_changes": attachments_diff(
            versions[old_n].attachments, versions[new_n].attachments
        ),
    }
    return render(request, "planning_docs/version_diff.html", context)


@plan_view(
    "planning_docs.export_plan", _lazy("Only the trainee and the coordinators export a plan.")
)
def plan_export(request, plan):
    """The plan's archive as a zip: the text, every version, released comments, the PDFs."""
    response = HttpResponse(plan_archive_zip(plan), content_type="application/zip")
    name = f"ecotown-plan-{plan.pk}-{timezone.localdate():%Y%m%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@plan_view("planning_docs.assign_experts", _lazy("Only coordinators assign experts."))
def plan_assign(request, plan):
    assignments = list(plan.assignments.all())
    initial = {
        "lead": next(
            (a.expert_id for a in assignments if a.role == PlanAssignment.Role.LEAD), None
        ),
        "advisers": [a.expert_id for a in assignments if a.role == PlanAssignment.Role.ADVISER],
    }
    form = AssignExpertsForm(request.POST or None, initial=initial, experts=experts_with_workload())
    if request.method == "POST" and form.is_valid():
        plan_assign_experts(
            plan=plan,
            lead=form.cleaned_data["lead"],
            advisers=list(form.cleaned_data["advisers"]),
            actor=request.user,
        )
        messages.success(request, _("Experts assigned to %(plan)s.") % {"plan": plan})
        return redirect(f"{reverse('trainees:roster')}?seminar={plan.enrolment.seminar_id}")
    return render(request, "planning_docs/plan_assign.html", {"plan": plan, "form": form})
