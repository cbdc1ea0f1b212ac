"""Review pages and actions. Every write goes through reviews.services; refusals say why."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ecotown.core.guards import guarded, refuse, require_perm, safe_next
from ecotown.core.workflow import TransitionNotAllowed
from planning_docs.selectors import plan_for_user_or_404
from planning_docs.services import StaleRevision
from planning_docs.versions import newest_version
from reviews import forms, selectors, services
from reviews.models import Review
from reviews.reading import thread_in_version
from reviews.review_page import reading_url, review_context
from reviews.services import plan_path

COMMENT_MOVES = {
    "address": services.comment_mark_addressed,
    "accept": services.comment_accept,
    "reopen": services.comment_reopen,
}


plan_view = partial(guarded, plan_for_user_or_404)
comment_view = partial(guarded, selectors.comment_for_user_or_404)


def _back_to_section(plan, section_key: str, anchor: str = "comments"):
    url = reverse("planning_docs:section-edit", args=[plan.pk, section_key])
    return redirect(f"{url}#{anchor}")


def _back(request, plan, section_key: str, anchor: str, reading_anchor: str):
    """After a form: back to the page it came from at the right place. The reading view sends
    itself as `next` (checked by the one safe redirect helper); the section page sends none."""
    target = request.POST.get("next", "").split("#", 1)[0]
    if not target:
        return _back_to_section(plan, section_key, anchor)
    return redirect(f"{safe_next(request, target, reading_url(plan))}#{reading_anchor}")


def _thread_fragment(request, comment, error: str = ""):
    """For htmx: the thread of `comment` as the reading view shows it, swapped in place."""
    thread = comment
    if comment.parent_id is not None:
        thread = comment.parent
        thread.plan = comment.plan
    context = {
        "thread": thread_in_version(request.user, thread),
        "plan": comment.plan,
        "can_comment": request.user.has_perm("reviews.comment_on_plan", comment.plan),
        "here": safe_next(request, request.POST.get("next"), reading_url(comment.plan)),
        "error": error,
        "notice": _("Saved.") if not error else "",
    }
    return render(request, "reviews/_thread.html", context, status=409 if error else 200)


def _refused_text(error: Exception) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def _refused(request, error: Exception) -> None:
    messages.error(request, _refused_text(error))


def _refuse(request, plan, error: Exception):
    back = reverse("planning_docs:plan-detail", args=[plan.pk])
    return refuse(request, _refused_text(error), back=back)


@plan_view(
    "reviews.comment_on_plan", _lazy("Only the plan's experts and coordinators start comments.")
)
@require_POST
def comment_create(request, plan):
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The comment was not saved: write something first."))
        if request.POST.get("next"):
            key = slugify(request.POST.get("section_key", ""))
            return _back(request, plan, key, "new-comment", f"comment-on-{key}")
        return redirect("planning_docs:plan-detail", pk=plan.pk)
    data = form.cleaned_data
    try:
        comment = services.comment_create(
            plan=plan,
            author=request.user,
            section_key=data["section_key"],
            body=data["body"],
            quote=data["quote"],
        )
    except ValidationError as error:
        _refused(request, error)
        key = data["section_key"]
        return _back(request, plan, key, "new-comment", f"comment-on-{key}")
    messages.success(
        request, _("Comment saved. Only experts and coordinators see it until you release it.")
    )
    return _back(
        request, plan, comment.section_key, f"comment-{comment.pk}", f"thread-{comment.pk}"
    )


@comment_view("reviews.reply_to_comment", _lazy("You may not reply in this thread."))
@require_POST
def comment_reply(request, thread):
    form = forms.ReplyForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.comment_create(
                plan=thread.plan,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=thread,
            )
        except ValidationError as refusal:
            error = _refused_text(refusal)
    else:
        error = _("The reply was not saved: write something first.")
    if request.htmx:
        return _thread_fragment(request, thread, error)
    if error:
        messages.error(request, error)
    return _back(
        request, thread.plan, thread.section_key, f"comment-{thread.pk}", f"thread-{thread.pk}"
    )


@comment_view(
    "reviews.release_comment",
    _lazy("Only the plan's experts and coordinators release comments."),
)
@require_http_methods(["GET", "POST"])
def comment_release(request, comment):
    """GET: the comment exactly as the trainee will see it. POST: release it."""
    if request.method == "POST":
        services.comment_release(comment=comment, actor=request.user)
        if request.htmx:
            return _thread_fragment(request, comment)
        messages.success(request, _("Released: the trainee can now read this comment."))
        thread_pk = comment.parent_id or comment.pk
        return _back(
            request,
            comment.plan,
            comment.section_key,
            f"comment-{comment.pk}",
            f"thread-{thread_pk}",
        )
    return render(request, "reviews/comment_release.html", {"comment": comment})


@comment_view()
@require_POST
def comment_move(request, comment, action: str):
    move = COMMENT_MOVES.get(action)
    if move is None:
        raise Http404(_("No such action."))
    extra = {}
    if action == "address":
        form = forms.AddressForm(request.POST)
        extra["reply"] = form.cleaned_data["reply"] if form.is_valid() else ""
    try:
        move(comment=comment, actor=request.user, **extra)
    except (TransitionNotAllowed, ValidationError) as error:
        if request.htmx:
            return _thread_fragment(request, comment, _refused_text(error))
        return _refuse(request, comment.plan, error)
    if request.htmx:
        return _thread_fragment(request, comment)
    return _back(
        request, comment.plan, comment.section_key, f"comment-{comment.pk}", f"thread-{comment.pk}"
    )


@plan_view("reviews.request_changes", _lazy("Only the plan's experts and coordinators review it."))
def review(request, plan):
    """The reading view: the whole version with its comment threads in the margin, what changed
    since this person's last review, the scores and the decision. `?state=` filters threads."""
    context = review_context(request.user, plan, state=request.GET.get("state"))
    return render(request, "reviews/review.html", context)


@plan_view(
    "reviews.request_changes", _lazy("Only the plan's experts and coordinators decide on it.")
)
@require_POST
def decide(request, plan):
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        context = review_context(request.user, plan, decision_form=form)
        return render(request, "reviews/review.html", context, status=400)
    data = form.cleaned_data
    version = plan.versions.filter(number=data["version"]).first()
    if _approval_to_confirm(request.user, plan, version, data):
        # Approval locks the plan for good: say what will happen before it does.
        context = {
            "plan": plan,
            "version": version,
            "data": data,
            "own_internal": selectors.internal_comment_count(request.user, plan),
        }
        return render(request, "reviews/decision_confirm.html", context)
    decide_with = (
        services.review_approve
        if data["decision"] == Review.Decision.APPROVED
        else services.review_request_changes
    )
    try:
        if version is None:
            raise ValidationError(_("This plan has no version %(n)s.") % {"n": data["version"]})
        decide_with(
            plan=plan,
            version=version,
            actor=request.user,
            summary=data["summary"],
            release=data["release"],
        )
    except (TransitionNotAllowed, ValidationError) as error:
        context = review_context(
            request.user, plan, decision_form=form, refused=_refused_text(error)
        )
        return render(request, "reviews/review.html", context, status=409)
    messages.success(request, _("Your decision was recorded and the trainee was told."))
    return redirect("planning_docs:plan-detail", pk=plan.pk)


def _approval_to_confirm(user, plan, version, data) -> bool:
    """An approval that would go through, not yet confirmed (refusals go straight to the
    service, which says why)."""
    return (
        data["decision"] == Review.Decision.APPROVED
        and not data["confirmed"]
        and version is not None
        and plan.status == plan.Status.SUBMITTED
        and version == newest_version(plan)
        and user.has_perm("reviews.approve_plan", plan)
    )


@plan_view("reviews.reopen_plan", _lazy("Only a coordinator reopens an approved plan."))
@require_POST
def reopen(request, plan):
    form = forms.ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the plan is reopened."))
        return redirect("planning_docs:plan-detail", pk=plan.pk)
    try:
        services.review_reopen(plan=plan, actor=request.user, reason=form.cleaned_data["reason"])
    except (TransitionNotAllowed, ValidationError) as error:
        return _refuse(request, plan, error)
    messages.success(request, _("The plan is reopened: the trainee can edit it again."))
    return redirect("planning_docs:plan-detail", pk=plan.pk)


@plan_view(
    "reviews.comment_on_plan", _lazy("Only the plan's experts and coordinators release comments.")
)
@require_POST
def release_all(request, plan):
    """Release every internal comment of this reviewer on the plan, in one message."""
    released = services.comments_release_all(plan=plan, actor=request.user)
    notice = (
        ngettext(
            "%(n)d comment released: the trainee got one message.",
            "%(n)d comments released: the trainee got one message listing them by section.",
            len(released),
        )
        % {"n": len(released)}
        if released
        else _("You have no internal comments on this plan.")
    )
    if request.htmx:
        # The whole view: every released thread changes, and so do the counts.
        state = _state_of_next(request)
        context = review_context(request.user, plan, state=state) | {"notice": notice}
        return render(request, "reviews/review.html", context)
    messages.success(request, notice)
    return redirect(safe_next(request, request.POST.get("next"), reading_url(plan)))


def _state_of_next(request) -> str:
    """The state filter of the reading view the form came from."""
    query = request.POST.get("next", "").partition("?")[2].partition("#")[0]
    return QueryDict(query).get("state", "")


@plan_view("reviews.score_plan", _lazy("Only the plan's experts score it."))
@require_POST
def score(request, plan):
    """Record the reader's scores of the version waiting for review (one per criterion)."""
    version = newest_version(plan)
    values = {}
    for key, raw in request.POST.items():
        if key.startswith("score-"):
            try:
                values[key.removeprefix("score-")] = int(raw)
            except ValueError:
                values[key.removeprefix("score-")] = 0  # refused below with the criterion named
    try:
        if version is None:
            raise ValidationError(_("The plan has no version to score."))
        services.scores_record(version=version, actor=request.user, values=values)
    except ValidationError as error:
        context = review_context(request.user, plan, refused=_refused_text(error))
        return render(request, "reviews/review.html", context, status=400)
    messages.success(
        request, _("Your scores were recorded. Only experts and coordinators see them.")
    )
    return redirect(f"{reverse('reviews:review', args=[plan.pk])}#scores")


suggestion_view = partial(guarded, selectors.suggestion_for_user_or_404)


@plan_view(
    "reviews.suggest_rewording",
    _lazy("Only the plan's experts and coordinators suggest rewordings."),
)
@require_POST
def suggestion_create(request, plan):
    form = forms.SuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The suggestion was not saved: select a passage first."))
        if request.POST.get("next"):
            key = slugify(request.POST.get("section_key", ""))
            return _back(request, plan, key, "new-suggestion", f"suggest-on-{key}")
        return redirect("planning_docs:plan-detail", pk=plan.pk)
    data = form.cleaned_data
    try:
        suggestion = services.suggestion_create(
            plan=plan,
            author=request.user,
            section_key=data["section_key"],
            quote=data["quote"],
            replacement=data["replacement"],
        )
    except ValidationError as error:
        _refused(request, error)
        key = data["section_key"]
        return _back(request, plan, key, "new-suggestion", f"suggest-on-{key}")
    messages.success(request, _("Suggestion saved: the trainee sees it as a tracked change."))
    anchor = f"suggestion-{suggestion.pk}"
    return _back(request, plan, suggestion.section_key, anchor, anchor)


@suggestion_view()
@require_POST
def suggestion_answer(request, suggestion, answer: str):
    """Accept (applied through the revision-guarded save: 409 when the text moved) or reject
    with a reply."""
    plan = suggestion.plan
    require_perm(
        request.user,
        "reviews.answer_suggestion",
        plan,
        _("Only the trainee answers suggestions, while the plan is open for editing."),
    )
    try:
        if answer == "accept":
            revision = int(request.POST.get("revision", ""))
            services.suggestion_accept(suggestion=suggestion, actor=request.user, revision=revision)
            messages.success(request, _("The suggestion is applied to your text."))
        elif answer == "reject":
            reply = request.POST.get("reply", "")
            services.suggestion_reject(suggestion=suggestion, actor=request.user, reply=reply)
            messages.success(request, _("You kept your text; the expert sees your reply."))
        else:
            raise Http404(_("No such answer."))
    except StaleRevision:
        back = reverse("planning_docs:section-edit", args=[plan.pk, suggestion.section_key])
        reason = _("The section was saved since you opened it. Reload it and answer again.")
        return refuse(request, reason, back=back)
    except ValueError:
        return refuse(request, _("Answer from the section page."), back=plan_path(plan), status=400)
    except (TransitionNotAllowed, ValidationError) as error:
        return _refuse(request, plan, error)
    return _back_to_section(plan, suggestion.section_key, f"suggestion-{suggestion.pk}")
