"""Photos of a progress report, through the plan figures' upload pipeline: checked and
re-encoded (ecotown.core.images), stored once under their hash (planning_docs.attachments).
Only a draft report takes or loses photos; submitting freezes them with it."""

from django.db import transaction
from django.utils.translation import gettext as _

from ecotown.core.guards import require_perm
from ecotown.core.images import ImageRefused, image_clean
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from pilots.models import CheckIn, ProgressReport, ReportPhoto
from pilots.services.reports import report_or_new
from planning_docs.attachments import content_name, store_once

# A report shows a pilot's progress, not its album: a handful of photos says it.
MAX_PHOTOS_PER_REPORT = 12


class PhotoRefused(ValueError):
    """Nothing was stored; the message says why, for the person who uploaded."""


def _draft_of(check_in: CheckIn) -> ProgressReport:
    """The check-in's draft report, locked (made from the approved version on the first photo)."""
    CheckIn.objects.select_for_update().get(pk=check_in.pk)
    report = ProgressReport.objects.filter(check_in=check_in).first()
    if report is not None and report.is_submitted:
        raise PhotoRefused(_("This report is submitted already: its photos can no longer change."))
    if report is None:
        report = report_or_new(check_in)
        report.save()
    return report


@transaction.atomic
def report_photo_add(
    *,
    check_in: CheckIn,
    content: bytes,
    name: str,
    declared_type: str,
    caption: str,
    alt: str,
    actor: User,
) -> ReportPhoto:
    """A photo of the check-in's draft report from an uploaded picture.

    Side effects: the draft report (if there was none), the re-encoded picture stored (once per
    content), the ReportPhoto row, an AuditEvent on the report. Refused (PermissionDenied, or
    PhotoRefused with nothing stored) when the actor does not file this report, it is submitted,
    it holds MAX_PHOTOS_PER_REPORT photos, the caption or text alternative is empty, or the
    picture is refused (ecotown.core.images)."""
    require_perm(actor, "pilots.file_report", check_in, _("Only the pilot's trainee files it."))
    caption, alt = (caption or "").strip(), (alt or "").strip()
    if not caption or not alt:
        raise PhotoRefused(_("Give the photo a caption and a text alternative."))
    report = _draft_of(check_in)
    if report.photos.count() >= MAX_PHOTOS_PER_REPORT:
        raise PhotoRefused(
            _("The report holds %(n)d photos already, the most it may hold.")
            % {"n": MAX_PHOTOS_PER_REPORT}
        )
    try:
        image = image_clean(content=content, name=name, declared_type=declared_type)
    except ImageRefused as refused:
        raise PhotoRefused(str(refused)) from None
    photo = ReportPhoto(
        report=report,
        caption=caption,
        alt=alt,
        uploaded_by=actor,
        sha256=image.sha256,
        content_type=image.content_type,
        width=image.width,
        height=image.height,
    )
    photo.file.name = store_once(content_name("photos", image.sha256, image.suffix), image.content)
    photo.save()
    record(report, verb=AuditEvent.Verb.REPORT_PHOTO_ADDED, actor=actor, note=f"photo {photo.pk}")
    return photo


@transaction.atomic
def report_photo_remove(*, photo: ReportPhoto, actor: User) -> None:
    """Take a photo off a draft report (its file stays in the storage). Side effects: the row
    deleted, an AuditEvent naming it. Refused (PermissionDenied or PhotoRefused, nothing
    changed) once the report is submitted."""
    check_in = photo.report.check_in
    require_perm(actor, "pilots.file_report", check_in, _("Only the pilot's trainee files it."))
    report = _draft_of(check_in)
    note = f"photo {photo.pk}: {photo.caption}"[:500]
    ReportPhoto.objects.filter(pk=photo.pk, report=report).delete()
    record(report, verb=AuditEvent.Verb.REPORT_PHOTO_REMOVED, actor=actor, note=note)
