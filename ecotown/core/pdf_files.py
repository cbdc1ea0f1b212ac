"""PDF files that people upload (a plan's annexes): checked when they arrive, defused before
they are appended to a document.

A PDF can carry more than pages: JavaScript, actions run on opening or on a page, forms, embedded
files, links that launch programs or open web addresses. `pdf_defuse` keeps the pages' own
content and the harmless annotations (notes, highlights, stamps) and drops everything that acts.
WeasyPrint is not imported here: web processes check uploads with pypdf alone.
"""

import hashlib
import io
import logging
from dataclasses import dataclass

from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

logger = logging.getLogger("ecotown.pdf")

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 100
# Annotations that only show something. Links, form widgets, file attachments, media and 3D
# act, and are dropped with every other subtype.
QUIET_ANNOTATIONS = {
    "/Text",
    "/FreeText",
    "/Line",
    "/Square",
    "/Circle",
    "/Polygon",
    "/PolyLine",
    "/Highlight",
    "/Underline",
    "/Squiggly",
    "/StrikeOut",
    "/Stamp",
    "/Caret",
    "/Ink",
    "/Popup",
}
# Keys of a kept annotation or page that could still act.
ACTIVE_KEYS = ("/A", "/AA", "/JS")
# Stored files a rendered document shows (figures) are named under this base; the renderer
# (ecotown.core.pdf) reads exactly the names it is given from the storage, nothing else.
STORED_BASE_URL = "https://stored.ecotown.invalid/"


def stored_file_url(name: str) -> str:
    """The address a document gives a stored file (a storage name) for the renderer."""
    return f"{STORED_BASE_URL}{name}"


class PdfRefused(ValueError):
    """The upload is not stored; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class CheckedPdf:
    pages: int
    sha256: str


def pdf_check(content: bytes) -> CheckedPdf:
    """Pages and hash of an uploaded PDF, or PdfRefused: too large, not a PDF, damaged,
    encrypted, or more than MAX_PDF_PAGES pages."""
    if len(content) > MAX_PDF_BYTES:
        raise PdfRefused(
            _("The PDF is larger than %(mb)d MB.") % {"mb": MAX_PDF_BYTES // (1024 * 1024)}
        )
    if not content.lstrip()[:1024].startswith(b"%PDF-"):
        raise PdfRefused(_("The file is not a PDF."))
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise PdfRefused(
                _("The PDF is encrypted or password-protected: save an unprotected copy.")
            )
        pages = len(reader.pages)
        for page in reader.pages:
            page.mediabox  # noqa: B018 - reading each page finds a damaged page tree now
    except PdfRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise PdfRefused(_("The PDF is damaged and cannot be read.")) from None
    if pages == 0:
        raise PdfRefused(_("The PDF has no pages."))
    if pages > MAX_PDF_PAGES:
        raise PdfRefused(
            _("The PDF has %(pages)d pages; at most %(limit)d are accepted.")
            % {"pages": pages, "limit": MAX_PDF_PAGES}
        )
    return CheckedPdf(pages=pages, sha256=hashlib.sha256(content).hexdigest())


def _quiet_annotations(page: DictionaryObject) -> int:
    """Keep only annotations that show something, without their actions. Returns the dropped."""
    annotations = page.get("/Annots")
    if annotations is None:
        return 0
    kept = ArrayObject()
    dropped = 0
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if annotation.get("/Subtype") not in QUIET_ANNOTATIONS:
            dropped += 1
            continue
        for key in ACTIVE_KEYS:
            annotation.pop(NameObject(key), None)
        kept.append(reference)
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        del page[NameObject("/Annots")]
    return dropped


def pdf_defuse(content: bytes) -> bytes:
    """The PDF's pages alone, in a new document: no JavaScript, no actions on opening or on a
    page, no forms, no embedded files, no links out. Raises PdfRefused if it cannot be read.

    Only the pages are carried over: the document catalogue, where /OpenAction, /AA, /AcroForm
    and the /Names trees (JavaScript, EmbeddedFiles) live, is left behind."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise PdfRefused(_("The PDF is encrypted or password-protected."))
        writer = PdfWriter()
        dropped = 0
        for page in reader.pages:
            # Defused before it is copied, so that what it drops is never copied at all.
            for key in ("/AA", "/B", "/PresSteps"):
                page.pop(NameObject(key), None)
            dropped += _quiet_annotations(page)
            writer.add_page(page)
        output = io.BytesIO()
        writer.write(output)
    except PdfRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise PdfRefused(_("The PDF is damaged and cannot be read.")) from None
    if dropped:
        logger.info("PDF annex: dropped %d active annotation(s)", dropped)
    return output.getvalue()
