"""The figures and annexes a plan document shows, as the renderer reads them: figures from the
storage by the names a version froze (never over HTTP), annexes listed in the contents."""

from django.core.files.storage import default_storage

from ecotown.core.pdf_files import stored_file_url
from planning_docs.figures import NumberedFigures
from planning_docs.models import PdfRender


def render_attachments(render: PdfRender) -> dict:
    """The figures and annexes a plan document shows: those its version froze, or those of the
    current text for a draft."""
    if render.kind == PdfRender.Kind.FINAL:
        return (render.version.attachments if render.version else None) or {}
    return (render.content or {}).get("attachments") or {}


def document_figures(attachments: dict) -> NumberedFigures:
    """The figures as the renderer reads them: from the storage, by the names frozen."""
    return NumberedFigures(attachments.get("figures", []), lambda e: stored_file_url(e["file"]))


def figure_files(attachments: dict) -> frozenset[str]:
    """The storage names the renderer may read for this document."""
    return frozenset(entry["file"] for entry in attachments.get("figures", []))


def annex_entries(attachments: dict, starts: list[int] | None) -> list[dict]:
    """The annexes as the contents list them: number, title, pages and (once the document's
    own length is known) the page each starts on."""
    annexes = attachments.get("annexes", [])
    return [
        {
            "number": number,
            "title": annex["title"],
            "pages": annex["pages"],
            "start_page": starts[number - 1] if starts else None,
        }
        for number, annex in enumerate(annexes, start=1)
    ]


def annex_starts(front_pages: int, annexes: list[dict]) -> list[int]:
    """The page each annex starts on when they follow a document of `front_pages` pages."""
    starts, page = [], front_pages + 1
    for annex in annexes:
        starts.append(page)
        page += annex["pages"]
    return starts


def plan_document_pdf(render: PdfRender) -> tuple[bytes, int]:
    """The plan document (cover to sign-off, its figures read from the storage), then its
    annexes defused. The contents give each annex's first page, which depends on the
    document's own length: laid out again until that length is stable (twice, as a rule)."""
    from ecotown.core import pdf
    from ecotown.core.pdf_files import pdf_defuse
    from planning_docs.pdf.document import plan_document_html

    attachments = render_attachments(render)
    files = figure_files(attachments)
    annexes = attachments.get("annexes", [])
    if not annexes:
        result = pdf.render_pdf(plan_document_html(render), files=files)
        return result.content, result.pages
    parts = []
    for number, annex in enumerate(annexes, start=1):
        with default_storage.open(annex["file"], "rb") as handle:
            parts.append((f"Annex {number}: {annex['title']}", pdf_defuse(handle.read())))
    result = pdf.render_pdf(plan_document_html(render, annex_starts(0, annexes)), files=files)
    for _attempt in range(3):
        starts = annex_starts(result.pages, annexes)
        again = pdf.render_pdf(plan_document_html(render, starts), files=files)
        stable = again.pages == result.pages
        result = again
        if stable:
            break
    appended: tuple[bytes, int] = pdf.append_pdfs(result.content, parts)
    return appended
