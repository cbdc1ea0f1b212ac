"""The review's part of a trainee's archive (planning_docs.export): the comments released to
them and the decisions. Internal notes never enter it: comments come through the trainee's own
selector."""

from planning_docs.export import when
from planning_docs.models import Plan
from reviews.selectors import comments_for_user, reviews_of_plan


def _comments(plan: Plan) -> list[dict]:
    trainee = plan.enrolment.trainee
    return [
        {
            "id": c.pk,
            "section": c.section_key,
            "in_reply_to": c.parent_id,
            "author": str(c.author),
            "quote": c.quote,
            "text": c.body,
            "status": c.get_status_display() if not c.parent_id else None,
            "at": when(c.created_at),
        }
        for c in comments_for_user(trainee, plan)
    ]


def review_archive_part(plan: Plan) -> dict:
    return {
        "decisions": [
            {
                "version": r.version.number,
                "decision": r.get_decision_display(),
                "by": str(r.reviewer),
                "summary": r.summary,
                "at": when(r.created_at),
            }
            for r in sorted(reviews_of_plan(plan), key=lambda r: (r.created_at, r.pk))
        ],
        "comments": _comments(plan),
    }
