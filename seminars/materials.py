"""Every write of a session's materials, and the week's zip.

Uploads go through the checks of the plan figures' pipeline: PDFs through ecotown.core.pdf_files
(and are stored defused: many people open them), presentations through ecotown.core.office_files.
Files are stored under their content's hash and never overwritten, so that the same slides
uploaded twice take the room once.
"""

import hashlib
import io
import zipfile
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ecotown.core.models import AuditEvent, User
from ecotown.core.office_files import PPTX_CONTENT_TYPE, OfficeRefused, pptx_check
from ecotown.core.pdf_files import PdfRefused, pdf_check, pdf_defuse
from ecotown.core.workflow import record
from seminars.models import Material, Seminar, Session

MAX_MATERIALS_PER_SESSION = 20
PDF_TYPES = {"application/pdf", "application/x-pdf"}
PPTX_TYPES = {PPTX_CONTENT_TYPE}


class MaterialRefused(ValueError):
    """Nothing was stored; the message says why, for the person who uploaded."""


def content_name(sha256: str, suffix: str) -> str:
    return f"materials/{sha256[:2]}/{sha256}{suffix}"


def _store_once(name: str, content: bytes) -> str:
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(content))


def _declared(declared_type: str) -> str:
    declared = (declared_type or "").split(";", 1)[0].strip().lower()
    # Some clients declare every file as bytes: that says nothing either way.
    return "" if declared == "application/octet-stream" else declared


def _checked(content: bytes, name: str, declared_type: str) -> tuple[bytes, str, str]:
    """(what is stored, its suffix, its content type), or MaterialRefused."""
    suffix = PurePosixPath(name).suffix.lower()
    declared = _declared(declared_type)
    try:
        if suffix == ".pdf" and (not declared or declared in PDF_TYPES):
            pdf_check(content)
            return pdf_defuse(content), ".pdf", "application/pdf"
        if suffix == ".pptx" and (not declared or declared in PPTX_TYPES):
            pptx_check(content)
            return content, ".pptx", PPTX_CONTENT_TYPE
    except (PdfRefused, OfficeRefused) as refused:
        raise MaterialRefused(str(refused)) from None
    raise MaterialRefused(
        _("Only PDF files and PowerPoint presentations (.pptx) are accepted; %(name)s is not one.")
        % {"name": name}
    )


@transaction.atomic
def material_add(
    *,
    session: Session,
    content: bytes,
    name: str,
    declared_type: str,
    title: str,
    kind: str,
    actor: User,
) -> Material:
    """A file attached to `session`.

    Side effects: the file stored once per content (a PDF defused first), the Material row, an
    AuditEvent on the session. Refused (MaterialRefused, nothing stored) past
    MAX_MATERIALS_PER_SESSION files or when the file is refused by its checks."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.materials.count() >= MAX_MATERIALS_PER_SESSION:
        raise MaterialRefused(
            _("The session holds %(n)d files already, the most it may hold.")
            % {"n": MAX_MATERIALS_PER_SESSION}
        )
    stored, suffix, content_type = _checked(content, name, declared_type)
    sha256 = hashlib.sha256(stored).hexdigest()
    material = Material(
        session=locked,
        kind=kind,
        title=title,
        filename=f"{slugify(title)[:80] or 'material'}{suffix}",
        content_type=content_type,
        sha256=sha256,
        size=len(stored),
        uploaded_by=actor,
    )
    material.file.name = _store_once(content_name(sha256, suffix), stored)
    material.save()
    record(locked, verb=AuditEvent.Verb.MATERIAL_ADDED, actor=actor, note=title[:200])
    return material


@transaction.atomic
def material_remove(*, material: Material, actor: User) -> None:
    """Take a file off its session. The stored file stays (another session may show the same
    content). Side effects: the row deleted, an AuditEvent naming it."""
    session = material.session
    note = f"{material.title} ({material.sha256[:12]})"
    material.delete()
    record(session, verb=AuditEvent.Verb.MATERIAL_REMOVED, actor=actor, note=note[:500])


def week_of(seminar: Seminar, day: date) -> int:
    """The seminar's week (1, 2, ...) that `day` falls in, counted from its first day."""
    return max(0, (day - seminar.start_date).days) // 7 + 1


def weeks_of(seminar: Seminar) -> list[int]:
    return list(range(1, week_of(seminar, seminar.end_date) + 1))


def week_bounds(seminar: Seminar, week: int) -> tuple[date, date]:
    first = seminar.start_date + timedelta(days=7 * (week - 1))
    return first, first + timedelta(days=6)


def local_day(session: Session, seminar: Seminar) -> date:
    return timezone.localtime(session.starts_at, seminar.zone).date()


def materials_zip(materials: Iterable[Material], seminar: Seminar) -> bytes:
    """One zip of the files, a folder per session (its local date and title)."""
    buffer = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for material in materials:
            session = material.session
            folder = f"{local_day(session, seminar):%Y-%m-%d} {slugify(session.title)[:60]}"
            path = f"{folder}/{material.filename}"
            stem, suffix = path.rsplit(".", 1)
            counter = 2
            while path in seen:
                path, counter = f"{stem}-{counter}.{suffix}", counter + 1
            seen.add(path)
            with material.file.open("rb") as handle:
                archive.writestr(path, handle.read())
    return buffer.getvalue()
