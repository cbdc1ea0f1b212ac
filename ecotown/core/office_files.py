"""PowerPoint presentations (.pptx) that people upload as session slides, checked on arrival.

A .pptx is a zip of XML parts. It is accepted only when its bytes are such a zip, it holds a
presentation, it carries no macros (a .pptm renamed, a vbaProject part), no embedded programs
(OLE objects) and no part linked to an outside address, and it does not unpack to more than
MAX_UNPACKED_BYTES (a zip bomb). The file is kept as uploaded: it is downloaded, never opened
by the portal.
"""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ecotown.core.pdf_files import MAX_PDF_BYTES

# The same ceiling as PDFs: one limit for the files people upload.
MAX_PPTX_BYTES = MAX_PDF_BYTES
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PARTS = 5000
PPTX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MACRO_TYPES = (b"macroEnabled", b"vbaProject")
ACTIVE_PARTS = ("vbaproject", "/embeddings/", "activex")
RELATION = re.compile(rb"<Relationship\b[^>]*>")


class OfficeRefused(ValueError):
    """The upload is not stored; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class CheckedPptx:
    sha256: str


def _open(content: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        raise OfficeRefused(_("The file is not a PowerPoint presentation (.pptx).")) from None


def _check_parts(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise OfficeRefused(_("The presentation unpacks to more than the portal accepts."))
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "ppt/presentation.xml" not in names:
        raise OfficeRefused(_("The file is not a PowerPoint presentation (.pptx)."))
    lowered = [name.lower() for name in names]
    if any(marker in name for name in lowered for marker in ACTIVE_PARTS):
        raise OfficeRefused(
            _("The presentation carries macros or embedded programs: save it as a plain .pptx.")
        )


def _check_relations(archive: zipfile.ZipFile) -> None:
    types = archive.read("[Content_Types].xml")
    if any(marker in types for marker in MACRO_TYPES):
        raise OfficeRefused(
            _("The presentation carries macros or embedded programs: save it as a plain .pptx.")
        )
    for name in archive.namelist():
        if not name.endswith(".rels"):
            continue
        for relation in RELATION.findall(archive.read(name)):
            # Links a reader clicks are fine; a part fetched from outside on opening is not.
            if b'TargetMode="External"' in relation and b"/relationships/hyperlink" not in relation:
                raise OfficeRefused(
                    _("The presentation loads parts from the internet: embed them instead.")
                )


def pptx_check(content: bytes) -> CheckedPptx:
    """The hash of an uploaded .pptx, or OfficeRefused: too large, not a presentation, damaged,
    with macros, embedded programs or parts loaded from outside."""
    if len(content) > MAX_PPTX_BYTES:
        raise OfficeRefused(
            _("The presentation is larger than %(mb)d MB.")
            % {"mb": MAX_PPTX_BYTES // (1024 * 1024)}
        )
    archive = _open(content)
    try:
        _check_parts(archive)
        _check_relations(archive)
        if archive.testzip() is not None:
            raise OfficeRefused(_("The presentation is damaged and cannot be read."))
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError):
        raise OfficeRefused(_("The presentation is damaged and cannot be read.")) from None
    return CheckedPptx(sha256=hashlib.sha256(content).hexdigest())
