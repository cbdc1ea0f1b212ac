from django import template
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from planning_docs.rules import is_plan_writer
from reviews import forms, selectors
from reviews.anchors import locate, plain_text
from reviews.reading_html import section_html
from reviews.services import MAX_COMMENT_LENGTH, suggestion_applicable

register = template.Library()


@register.inclusion_tag("reviews/_threads.html", takes_context=True)
def comment_threads(context, plan, section, draft):
    """The section's comment threads as this reader may see them, with the forms they may use."""
    user = context["request"].user
    threads = selectors.threads_for_user(user, plan, section_key=section.key)
    text = plain_text(draft.body)
    for thread in threads:
        thread.on_changed_text = not locate(thread.quote, text, thread.quote_start).found
    suggestions = selectors.suggestions_of_section(plan, section.key)
    for suggestion in suggestions:
        suggestion.applicable = suggestion_applicable(suggestion, draft.body)
    return {
        "suggestions": suggestions,
        "draft": draft,
        "can_answer": user.has_perm("reviews.answer_suggestion", plan),
        "can_suggest": user.has_perm("reviews.suggest_rewording", plan),
        "suggestion_form": forms.SuggestionForm(initial={"section_key": section.key}),
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "plan": plan,
        "section": section,
        "threads": threads,
        "is_owner": plan.enrolment.trainee_id == user.pk,
        "is_writer": is_plan_writer(user, plan),
        "can_comment": user.has_perm("reviews.comment_on_plan", plan),
        "comment_form": forms.CommentForm(initial={"section_key": section.key}),
    }


@register.simple_tag(takes_context=True)
def open_comment_counts(context, plan) -> dict:
    """Unresolved threads per section key, as this reader may see them."""
    return selectors.unresolved_counts_by_section(context["request"].user, plan)


@register.filter
def count_for(counts: dict, key: str) -> int:
    return counts.get(key, 0)


@register.inclusion_tag("reviews/_review_panel.html", takes_context=True)
def review_panel(context, plan):
    """On the plan overview: the decisions so far and what this reader may do next."""
    user = context["request"].user
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "plan": plan,
        "reviews": list(selectors.reviews_of_plan(plan)),
        "can_review": user.has_perm("reviews.request_changes", plan),
        "can_reopen": plan.status == plan.Status.APPROVED
        and user.has_perm("reviews.reopen_plan", plan),
        "reopen_form": forms.ReopenForm(),
    }


@register.simple_tag
def comment_max_length() -> int:
    """The one limit of a comment, reply, decision summary or reason, for the forms' maxlength."""
    return MAX_COMMENT_LENGTH


@register.simple_tag
def score_options(criterion, mine: dict[str, int]) -> SafeString:
    """The <option>s of one criterion's score, the reader's own preselected: written in Python,
    as a rubric's criteria times its scale made the largest loop of the reading view."""
    chosen, top = mine.get(criterion.key), criterion.scale_max
    return mark_safe(  # noqa: S308 - integers and literal markup only
        "".join(
            f'<option value="{value}"{" selected" if value == chosen else ""}>{value} / {top}'
            "</option>"
            for value in criterion.scale
        )
    )


@register.simple_tag(takes_context=True)
def reading_section(context, section) -> SafeString:
    """One section of the reading view, written in Python (reviews/reading_html.py)."""
    can_write = context.get("can_comment") or context.get("can_suggest")
    forms = reading_forms(context, section.view["key"]) if can_write else ""
    return section_html(context, section, forms)


# Stands for the section's key in the forms rendered once per page: "@" is not in a slug.
_STAND_IN = "@section-key@"


@register.simple_tag(takes_context=True)
def reading_forms(context, key: str) -> str:
    """The reading view's comment and suggestion forms for the section `key`. A plan has a dozen
    sections whose forms differ only by the key, so the partial is rendered once per page with a
    stand-in and each section gets a copy with its own key (escaped)."""
    # Kept on the Context, which every included section shares (its render_context does not).
    rendered = getattr(context, "_reading_forms", None)
    if rendered is None:
        with context.push(key=_STAND_IN):
            rendered = get_template("reviews/_reading_forms.html").template.render(context)
        context._reading_forms = rendered
    return mark_safe(rendered.replace(_STAND_IN, escape(key)))  # noqa: S308 - rendered with autoescape; the key escaped
