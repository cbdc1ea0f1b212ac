"""A trainee's own archive: their plan, every version, the comments released to them, the
decisions, the PDFs, the figures and the annexes, as one zip file they can keep or hand to their
ministry.

Internal notes never enter it: comments come through the trainee's own selector.
"""

import io
import json
import zipfile

from django.core.files.storage import default_storage
from django.utils import timezone

from ecotown.core.hooks import Contributions
from planning_docs.models import PdfRender, Plan
from planning_docs.pdf.document import pdf_filename

# Parts that apps above planning_docs add to plan.json: each a function (plan) -> {key: value},
# registered in the app's AppConfig.ready (reviews adds the released comments and decisions).
ARCHIVE_PARTS = Contributions("planning_docs.archive_parts")
# Higher apps' stored files that belong in the archive too (a pilot's report photos): each item
# is a function (plan) -> list of storage names, named in that app's part of plan.json.
ARCHIVE_FILES = Contributions("planning_docs.archive_files")


def when(moment) -> str | None:
    return moment.isoformat() if moment else None


def plan_archive(plan: Plan) -> dict:
    enrolment = plan.enrolment
    archive = {
        "exported_at": when(timezone.now()),
        "plan": {
            "title": plan.title,
            "status": plan.get_status_display(),
            "pilot_site": plan.pilot_site,
            "pilot_region": plan.pilot_region,
            "pilot_country": str(plan.pilot_country),
            "trainee": str(enrolment.trainee),
            "seminar": str(enrolment.seminar),
        },
        "current_text": [
            {"section": d.section.key, "title": d.section.title, "text": d.body, "rows": d.rows}
            for d in plan.drafts.select_related("section").order_by("section__position")
        ],
        "versions": [
            {
                "number": v.number,
                "submitted_at": when(v.created_at),
                "content_hash": v.content_hash,
                # Who wrote it (the trainee, co-authors who wrote in it); empty before co-authors.
                "contributors": v.contributors or [],
                "sections": v.sections,
                "attachments": v.attachments or {},
            }
            for v in plan.versions.order_by("number")
        ],
        "figures": [
            {
                "id": f.pk,
                "caption": f.caption,
                "alt": f.alt,
                "sha256": f.sha256,
                "file": f.file.name,
            }
            for f in plan.figures.all()
        ],
        "annexes": [
            {
                "id": a.pk,
                "title": a.title,
                "pages": a.pages,
                "sha256": a.sha256,
                "file": a.file.name,
            }
            for a in plan.annexes.all()
        ],
    }
    for part in ARCHIVE_PARTS:
        archive.update(part(plan))
    return archive


def stored_files(plan: Plan) -> list[str]:
    """Every stored figure and annex file of the plan, current or frozen by a version, once."""
    names = [str(f.file.name) for f in plan.figures.all()]
    names += [str(a.file.name) for a in plan.annexes.all()]
    for version in plan.versions.order_by("number"):
        for kind in ("figures", "annexes"):
            names += [entry["file"] for entry in (version.attachments or {}).get(kind, [])]
    for files in ARCHIVE_FILES:
        names += files(plan)
    return list(dict.fromkeys(names))


def plan_archive_zip(plan: Plan) -> bytes:
    """plan.json, every ready PDF of the plan (final, drafts, certificate), and the figures and
    annexes (as uploaded, under the names plan.json gives them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = json.dumps(plan_archive(plan), ensure_ascii=False, indent=2)
        archive.writestr("plan.json", data)
        ready = PdfRender.objects.filter(plan=plan, status=PdfRender.Status.READY).select_related(
            "version", "plan__enrolment__trainee__trainee_profile"
        )
        for render in ready:
            with render.file.open("rb") as pdf:
                archive.writestr(f"pdf/{pdf_filename(render)[0]}", pdf.read())
        for name in stored_files(plan):
            with default_storage.open(name, "rb") as stored:
                archive.writestr(name, stored.read())
    return buffer.getvalue()
