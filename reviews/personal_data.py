"""The reviews' part of a person's export and erasure (ecotown.core.erasure). The comments,
suggestions, scores and decisions stay readable, the person's alias in place of their name."""

from typing import Any

from ecotown.core.erasure import alias_of, mentioning, replace_words, when
from reviews.models import Comment, Review, Score, Suggestion


def export(user: Any) -> tuple[str, Any]:
    return "review", {
        "comments": [
            {"plan": c.plan_id, "section": c.section_key, "body": c.body, "at": when(c.created_at)}
            for c in Comment.objects.filter(author=user).order_by("created_at")
        ],
        "suggestions": [
            {"plan": s.plan_id, "section": s.section_key, "replacement": s.replacement}
            for s in Suggestion.objects.filter(author=user).order_by("created_at")
        ],
        "decisions": [
            {"plan": r.plan_id, "decision": r.decision, "summary": r.summary}
            for r in Review.objects.filter(reviewer=user).order_by("created_at")
        ],
        "scores": [
            {"version": s.version_id, "criterion": s.criterion_id, "value": s.value}
            for s in Score.objects.filter(expert=user)
        ],
    }


TEXTS: dict[Any, list[str]] = {
    Comment: ["body", "quote"],
    Suggestion: ["quote", "replacement", "reply"],
    Review: ["summary"],
}


def erase(user: Any, words: list[str]) -> None:
    """Wherever anyone's comment, suggestion or decision names the person, the alias stands."""
    alias = alias_of(user)
    for model, fields in TEXTS.items():
        for row in model.objects.filter(mentioning(fields, words)):
            for field in fields:
                setattr(row, field, replace_words(getattr(row, field), words, alias))
            row.save(update_fields=fields)
