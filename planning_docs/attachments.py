"""Every write of a plan's figures and annexes.

Files are checked (and pictures re-encoded) before anything is written, so that a refused upload
leaves nothing behind. Each file is stored through Django's storage API under a name made of its
content's hash and never overwritten or deleted: versions that froze a file keep reading it.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from ecotown.core.images import CleanImage, ImageRefused, image_clean
from ecotown.core.models import AuditEvent, User
from ecotown.core.pdf_files import PdfRefused, pdf_check
from ecotown.core.workflow import record
from planning_docs.models import Annex, Figure, Plan

MAX_FIGURES_PER_PLAN = 50


class AttachmentRefused(ValueError):
    """Nothing was stored; the message says why, for the person who uploaded."""


def content_name(folder: str, sha256: str, suffix: str) -> str:
    return f"{folder}/{sha256[:2]}/{sha256}{suffix}"


def store_once(name: str, content: bytes) -> str:
    """Write `content` under `name` unless it is there: the name is the content's hash, so an
    existing file is this content. Returns the name the storage used."""
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(content))


def _locked_editable(plan: Plan) -> Plan:
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if not locked.is_editable:
        raise AttachmentRefused(
            _("The plan is not open for editing: figures and annexes cannot change now.")
        )
    return locked


def _clean(content: bytes, name: str, declared_type: str) -> CleanImage:
    try:
        return image_clean(content=content, name=name, declared_type=declared_type)
    except ImageRefused as refused:
        raise AttachmentRefused(str(refused)) from None


@transaction.atomic
def figure_add(
    *,
    plan: Plan,
    content: bytes,
    name: str,
    declared_type: str,
    caption: str,
    alt: str,
    actor: User,
) -> Figure:
    """A new figure of the plan from an uploaded picture.

    Side effects: the re-encoded picture stored (once per content), the Figure row, an
    AuditEvent. Refused (AttachmentRefused, nothing stored) when the plan is not editable,
    already holds MAX_FIGURES_PER_PLAN figures, or the picture is refused (ecotown.core.images).
    """
    locked = _locked_editable(plan)
    if locked.figures.count() >= MAX_FIGURES_PER_PLAN:
        raise AttachmentRefused(
            _("The plan holds %(n)d figures already, the most it may hold.")
            % {"n": MAX_FIGURES_PER_PLAN}
        )
    image = _clean(content, name, declared_type)
    figure = Figure(plan=locked, caption=caption, alt=alt, uploaded_by=actor)
    _set_picture(figure, image)
    figure.save()
    record(locked, verb=AuditEvent.Verb.FIGURE_ADDED, actor=actor, note=f"figure {figure.pk}")
    return figure


def _set_picture(figure: Figure, image: CleanImage) -> None:
    figure.file.name = store_once(
        content_name("figures", image.sha256, image.suffix), image.content
    )
    figure.sha256, figure.content_type = image.sha256, image.content_type
    figure.width, figure.height = image.width, image.height


@transaction.atomic
def figure_change(
    *,
    figure: Figure,
    caption: str,
    alt: str,
    actor: User,
    content: bytes | None = None,
    name: str = "",
    declared_type: str = "",
) -> Figure:
    """New words for a figure and, when `content` is given, a new picture.

    The old picture's file stays: versions that showed it keep showing it. Side effects: the
    Figure row, the new file (if any), an AuditEvent. Refused (AttachmentRefused, nothing
    changed or stored) when the plan is not editable or the picture is refused."""
    _locked_editable(figure.plan)
    figure = Figure.objects.select_for_update().get(pk=figure.pk)
    image = _clean(content, name, declared_type) if content is not None else None
    figure.caption, figure.alt = caption, alt
    if image is not None:
        _set_picture(figure, image)
    figure.save()
    verb = AuditEvent.Verb.FIGURE_REPLACED if image else AuditEvent.Verb.FIGURE_CHANGED
    record(figure.plan, verb=verb, actor=actor, note=f"figure {figure.pk}")
    return figure


@transaction.atomic
def annex_add(*, plan: Plan, content: bytes, title: str, actor: User) -> Annex:
    """A PDF annex of the plan, stored as uploaded (active content is removed when it is
    appended to a document, so that the original stays the trainee's own file).

    Side effects: the file stored (once per content), the Annex row, an AuditEvent. Refused
    (AttachmentRefused, nothing stored) when the plan is not editable or the PDF is encrypted,
    damaged, too large or too long (ecotown.core.pdf_files)."""
    locked = _locked_editable(plan)
    try:
        checked = pdf_check(content)
    except PdfRefused as refused:
        raise AttachmentRefused(str(refused)) from None
    annex = Annex(
        plan=locked,
        title=title,
        sha256=checked.sha256,
        size=len(content),
        pages=checked.pages,
        uploaded_by=actor,
    )
    annex.file.name = store_once(content_name("annexes", checked.sha256, ".pdf"), content)
    annex.save()
    record(locked, verb=AuditEvent.Verb.ANNEX_ADDED, actor=actor, note=f"annex {annex.pk}")
    return annex


@transaction.atomic
def attachment_remove(*, item: Figure | Annex, actor: User) -> None:
    """Take a figure or an annex off the plan. Its file stays in the storage, and the versions
    that froze it keep showing it; references to a removed figure in the current text show
    nothing. Side effects: the row deleted, an AuditEvent naming what it was. Refused
    (AttachmentRefused, nothing changed) when the plan is not editable."""
    locked = _locked_editable(item.plan)
    if isinstance(item, Figure):
        verb, note = AuditEvent.Verb.FIGURE_REMOVED, f"figure {item.pk}: {item.caption}"
    else:
        verb, note = AuditEvent.Verb.ANNEX_REMOVED, f"annex {item.pk}: {item.title}"
    item.delete()
    record(locked, verb=verb, actor=actor, note=note[:500])
