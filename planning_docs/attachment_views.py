"""A plan's figures and annexes: their pages, uploads, and the files themselves.

Files are never served from a public address: each request loads the plan through the reader's
own plans (404 for strangers) and reads the file through the storage API. A version's files are
those it froze, found by its snapshot; the current ones follow the figure or annex row.
"""

from functools import partial

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from ecotown.core.guards import guarded, require_perm
from ecotown.core.pdf_files import PdfRefused, pdf_defuse
from planning_docs import selectors
from planning_docs.attachments import (
    AttachmentRefused,
    annex_add,
    attachment_remove,
    figure_add,
    figure_change,
)
from planning_docs.figures import NumberedFigures, current_entries
from planning_docs.forms import AnnexForm, FigureForm

plan_view = partial(guarded, selectors.plan_for_user_or_404)
MAY_NOT_CHANGE = _lazy(
    "Only the trainee may change the plan's figures and annexes while it is a draft."
)


def live_figures(plan, drafts, unsaved: str = "", figures: dict | None = None) -> NumberedFigures:
    """The plan's figures as its current text shows them, read through the checked view;
    figures named only in `unsaved` text (those the section editor may insert) are numbered
    after the rest. `figures`: every figure of the plan by id, if already loaded."""

    def url(entry: dict) -> str:
        path = reverse("planning_docs:figure-image", args=[plan.pk, entry["id"]])
        return f"{path}?v={entry['sha256'][:16]}"

    bodies = [*(d.body for d in drafts), unsaved]
    return NumberedFigures(current_entries(plan.pk, bodies, figures), url)


def plan_figures(plan) -> dict:
    """Every figure of the plan, by id (the editor's page numbers and lists them all)."""
    return {figure.pk: figure for figure in plan.figures.all()}


def editor_figures(plan, drafts, figures: dict | None = None) -> dict[str, dict]:
    """Every figure of the plan as the visual editor shows it, by id: those the text names
    numbered as the page numbers them, the others after them (as they would be once inserted)."""
    figures = plan_figures(plan) if figures is None else figures
    every = "\n".join(f"![](figure:{pk})" for pk in figures)
    numbered = live_figures(plan, drafts, unsaved=every, figures=figures)
    return {
        str(entry["id"]): {
            "url": numbered.url(entry),
            "alt": entry["alt"],
            "caption": entry["caption"],
            "number": numbered.numbers[entry["id"]],
            "label": numbered.caption(entry),
            "width": entry["width"],
            "height": entry["height"],
        }
        for entry in numbered.entries
    }


def version_figures(version) -> NumberedFigures:
    """The figures a version froze, each read from the file it froze."""

    def url(entry: dict) -> str:
        args = [version.plan_id, version.number, entry["id"]]
        return reverse("planning_docs:version-figure", args=args)

    return NumberedFigures((version.attachments or {}).get("figures", []), url)


def _uploaded(form, field: str) -> tuple[bytes, str, str]:
    upload = form.cleaned_data[field]
    return upload.read(), upload.name, upload.content_type or ""


@plan_view()
@require_http_methods(["GET", "POST"])
def figure_list(request, plan):
    """The plan's figures with their references; POST adds one."""
    form = FigureForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require_perm(request.user, "planning_docs.change_plan", plan, MAY_NOT_CHANGE)
        if form.is_valid():
            content, name, declared = _uploaded(form, "picture")
            try:
                figure = figure_add(
                    plan=plan,
                    content=content,
                    name=name,
                    declared_type=declared,
                    caption=form.cleaned_data["caption"],
                    alt=form.cleaned_data["alt"],
                    actor=request.user,
                )
            except AttachmentRefused as refused:
                form.add_error("picture", str(refused))
            else:
                messages.success(
                    request,
                    _("Figure added. Put %(ref)s in a section's text where it goes.")
                    % {"ref": figure.reference},
                )
                return redirect("planning_docs:figure-list", pk=plan.pk)
    drafts = selectors.plan_drafts(plan)
    numbered = live_figures(plan, drafts)
    context = {
        "plan": plan,
        "form": form,
        "rows": [(f, numbered.numbers.get(f.pk)) for f in plan.figures.all()],
        "can_edit": plan.is_editable and request.user.has_perm("planning_docs.change_plan", plan),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "planning_docs/figure_list.html", context, status=status)


@plan_view("planning_docs.change_plan", MAY_NOT_CHANGE)
@require_http_methods(["GET", "POST"])
def figure_edit(request, plan, figure_id: int):
    """New words for a figure, or a new picture (old versions keep the old one)."""
    figure = get_object_or_404(plan.figures, pk=figure_id)
    initial = {"caption": figure.caption, "alt": figure.alt}
    form = FigureForm(
        request.POST or None, request.FILES or None, initial=initial, picture_required=False
    )
    if request.method == "POST" and form.is_valid():
        content, name, declared = (
            _uploaded(form, "picture") if form.cleaned_data["picture"] else (None, "", "")
        )
        try:
            figure_change(
                figure=figure,
                caption=form.cleaned_data["caption"],
                alt=form.cleaned_data["alt"],
                content=content,
                name=name,
                declared_type=declared,
                actor=request.user,
            )
        except AttachmentRefused as refused:
            form.add_error("picture", str(refused))
        else:
            messages.success(request, _("The figure was saved."))
            return redirect("planning_docs:figure-list", pk=plan.pk)
    context = {"plan": plan, "figure": figure, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "planning_docs/figure_edit.html", context, status=status)


def _file_response(name: str, content_type: str, *, immutable: bool) -> FileResponse:
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from the storage.")) from None
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = (
        "private, max-age=31536000, immutable" if immutable else "private, no-cache"
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@plan_view()
def figure_image(request, plan, figure_id: int):
    figure = get_object_or_404(plan.figures, pk=figure_id)
    return _file_response(figure.file.name, figure.content_type, immutable=False)


def _frozen(plan, number: int, kind: str, item_id: int) -> dict:
    version = get_object_or_404(selectors.plan_versions(plan), number=number)
    entries = (version.attachments or {}).get(kind, [])
    entry = next((e for e in entries if e["id"] == item_id), None)
    if entry is None:
        raise Http404(_("This version has no such file."))
    return entry


@plan_view()
def version_figure(request, plan, number: int, figure_id: int):
    entry = _frozen(plan, number, "figures", figure_id)
    return _file_response(entry["file"], entry["content_type"], immutable=True)


@plan_view()
@require_http_methods(["GET", "POST"])
def annex_list(request, plan):
    """The plan's annexes; POST adds one."""
    form = AnnexForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require_perm(request.user, "planning_docs.change_plan", plan, MAY_NOT_CHANGE)
        if form.is_valid():
            content, _name, _declared = _uploaded(form, "document")
            try:
                annex_add(
                    plan=plan,
                    content=content,
                    title=form.cleaned_data["title"],
                    actor=request.user,
                )
            except AttachmentRefused as refused:
                form.add_error("document", str(refused))
            else:
                messages.success(request, _("Annex added: it is appended to the plan's PDF."))
                return redirect("planning_docs:annex-list", pk=plan.pk)
    context = {
        "plan": plan,
        "form": form,
        "annexes": list(plan.annexes.all()),
        "can_edit": plan.is_editable and request.user.has_perm("planning_docs.change_plan", plan),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "planning_docs/annex_list.html", context, status=status)


def _defused_pdf(name: str, filename: str) -> HttpResponse:
    """An annex as readers download it: without its active content, as in the plan's PDF."""
    try:
        with default_storage.open(name, "rb") as handle:
            content = pdf_defuse(handle.read())
    except FileNotFoundError:
        raise Http404(_("The file is missing from the storage.")) from None
    except PdfRefused as refused:
        raise Http404(str(refused)) from None
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@plan_view()
def annex_file(request, plan, annex_id: int):
    annex = get_object_or_404(plan.annexes, pk=annex_id)
    return _defused_pdf(annex.file.name, f"annex-{plan.pk}-{annex.pk}.pdf")


@plan_view()
def version_annex(request, plan, number: int, annex_id: int):
    entry = _frozen(plan, number, "annexes", annex_id)
    return _defused_pdf(entry["file"], f"annex-{plan.pk}-v{number}-{annex_id}.pdf")


@plan_view("planning_docs.change_plan", MAY_NOT_CHANGE)
@require_POST
def attachment_remove_view(request, plan, kind: str, item_id: int):
    """Take a figure or an annex off the plan (versions keep theirs)."""
    items = {"figures": plan.figures, "annexes": plan.annexes}
    item = get_object_or_404(items[kind], pk=item_id)
    try:
        attachment_remove(item=item, actor=request.user)
    except AttachmentRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("“%(name)s” was taken off the plan.") % {"name": item})
    target = "planning_docs:figure-list" if kind == "figures" else "planning_docs:annex-list"
    return redirect(target, pk=plan.pk)
