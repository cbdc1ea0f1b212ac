"""Every write of the review: comments, decisions, scores and suggestions, one module each.
Callers import from here."""

from reviews.services.comments import (
    MAX_COMMENT_LENGTH,
    MAX_QUOTE_LENGTH,
    comment_accept,
    comment_create,
    comment_mark_addressed,
    comment_release,
    comment_reopen,
    comments_by_section,
    comments_release_all,
    plan_path,
    section_titles,
)
from reviews.services.decisions import review_approve, review_reopen, review_request_changes
from reviews.services.scores import rubric_copy, scores_record
from reviews.services.suggestions import (
    suggestion_accept,
    suggestion_applicable,
    suggestion_create,
    suggestion_reject,
)

__all__ = [
    "MAX_COMMENT_LENGTH",
    "MAX_QUOTE_LENGTH",
    "comment_accept",
    "comment_create",
    "comment_mark_addressed",
    "comment_release",
    "comment_reopen",
    "comments_by_section",
    "comments_release_all",
    "plan_path",
    "review_approve",
    "review_reopen",
    "review_request_changes",
    "rubric_copy",
    "scores_record",
    "section_titles",
    "suggestion_accept",
    "suggestion_applicable",
    "suggestion_create",
    "suggestion_reject",
]
