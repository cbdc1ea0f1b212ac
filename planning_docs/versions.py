"""A plan's text as one value: the snapshot of its sections, that value's hash, the newest
version. The one home of each, used by submission, review, the PDF and the archive alike."""

import hashlib
import json
from typing import Any

from django.db.models import QuerySet

from ecotown.core.models import User
from ecotown.core.names import display_name
from ecotown.core.prepared import prepared
from planning_docs.figures import current_entries
from planning_docs.models import Plan, PlanCoauthor, PlanVersion
from planning_docs.template_texts import in_language


def canonical_hash(value: Any) -> str:
    """sha256 of a JSON-able value's canonical form (sorted keys, no spaces, UTF-8)."""
    encoded = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def content_hash(*parts: Any) -> str:
    """The hash of several parts taken together (what a PDF render shows)."""
    return canonical_hash(list(parts))


def version_content_hash(
    *, title: str, sections: list[dict], attachments: dict | None = None, language: str = "en"
) -> str:
    """The hash a PlanVersion stores of its title, sections, (when it has any) the figures and
    annexes it shows and (when not English) its language; a version without them hashes as
    versions always have."""
    value: dict[str, Any] = {"title": title, "sections": sections}
    if attachments and any(attachments.values()):
        value["attachments"] = attachments
    if language != "en":
        value["language"] = language
    return canonical_hash(value)


def snapshot_sections(plan: Plan) -> list[dict]:
    """The plan's current text in the shape a version stores: one dict per section, in order,
    with the section's last author (`edited_by`: id and name, None when nobody wrote it)."""
    drafts = plan.drafts.select_related("section", "updated_by").order_by("section__position")
    return [
        {
            "key": d.section.key,
            "title": in_language(d.section.title, plan.language),
            "kind": d.section.kind,
            "body": d.body,
            "rows": d.rows or [],
            "edited_by": _author(d.updated_by) if d.revision else None,
        }
        for d in drafts
    ]


def text_of(sections: list[dict]) -> list[dict]:
    """Sections without who last edited them: what tells whether two texts are the same (a
    version frozen before authors were recorded has no `edited_by`)."""
    return [{k: v for k, v in section.items() if k != "edited_by"} for section in sections]


def _author(user: User | None) -> dict | None:
    return {"id": user.pk, "name": display_name(user)} if user is not None else None


def snapshot_contributors(plan: Plan) -> list[dict]:
    """Who wrote the plan, in the shape a version stores: the trainee, then every co-author who
    saved a section (removed ones too: what they wrote stays theirs), by first contribution."""
    owner = plan.enrolment.trainee
    coauthors = (
        PlanCoauthor.objects.filter(plan=plan, contributed_at__isnull=False, user__isnull=False)
        .exclude(user=owner)
        .select_related("user")
        .order_by("contributed_at", "pk")
    )
    people = [{"id": owner.pk, "name": display_name(owner), "role": "owner"}]
    seen = {owner.pk}
    for user in (coauthor.user for coauthor in coauthors):
        if user is not None and user.pk not in seen:  # invited again after a removal: one name
            seen.add(user.pk)
            people.append({"id": user.pk, "name": display_name(user), "role": "coauthor"})
    return people


def annex_entry(annex: Any) -> dict:
    return {
        "id": annex.pk,
        "title": annex.title,
        "sha256": annex.sha256,
        "file": annex.file.name,
        "pages": annex.pages,
    }


def snapshot_attachments(plan: Plan, sections: list[dict]) -> dict:
    """What a version freezes besides its text: the figures the sections show (id, hash, caption,
    text alternative, file), in document order, and every annex of the plan."""
    return {
        "figures": current_entries(plan.pk, (s["body"] for s in sections)),
        "annexes": [annex_entry(a) for a in plan.annexes.order_by("created", "id")],
    }


@prepared(int)
def _newest_version(plan_id: int) -> QuerySet[PlanVersion]:
    return PlanVersion.objects.filter(plan_id=plan_id).order_by("-number")[:1]


def newest_version(plan: Plan) -> PlanVersion | None:
    version: PlanVersion | None = _newest_version.first(plan.pk)
    if version is not None:
        version.plan = plan  # as a version read through its plan knows it
    return version
