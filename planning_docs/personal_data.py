"""The plans' part of a person's export and erasure (ecotown.core.erasure)."""

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

from django.db.models import F, Q

from ecotown.core.erasure import alias_of, erasing, mentioning, replace_words, scrub, scrub_rows
from planning_docs.export import pdf_filename, plan_archive
from planning_docs.models import (
    Annex,
    Figure,
    PdfRender,
    Plan,
    PlanCoauthor,
    PlanVersion,
    SectionDraft,
)

# planning_docs migration 0011's SQLite trigger, put back after an erasure's one statement.
SQLITE_VERSION_TRIGGER = """
CREATE TRIGGER planning_docs_planversion_immutable
BEFORE UPDATE OF plan_id, number, title, sections, attachments, contributors, content_hash,
    created_at, language
ON planning_docs_planversion
BEGIN SELECT RAISE(ABORT, 'plan versions are immutable'); END;
"""


def _plans_of(user: Any) -> Any:
    return Plan.objects.filter(enrolment__trainee=user)


def export(user: Any) -> tuple[str, Any]:
    return "plans", [plan_archive(plan) for plan in _plans_of(user)]


def files(user: Any) -> Iterator[tuple[str, bytes]]:
    """The ready PDFs of the person's plans (final, drafts, certificate)."""
    ready = PdfRender.objects.filter(plan__in=_plans_of(user), status=PdfRender.Status.READY)
    for render in ready.select_related("version", "plan__enrolment__trainee__trainee_profile"):
        with render.file.open("rb") as pdf:
            yield f"plans/{render.plan_id}/{pdf_filename(render)[0]}", pdf.read()


def erase(user: Any, words: list[str]) -> None:
    """Titles that name the person name the alias, and so do the authors frozen with versions
    (contributors, each section's last author); the PDFs that print their name (their plan's,
    their seminar's compendium) are deleted with their files, to be rendered again under the
    alias when asked for. The plans' text and versions stay, with the alias wherever the plans
    the person wrote or co-wrote name them (a trainee often signs their plan)."""
    alias = alias_of(user)
    for plan in Plan.objects.filter(mentioning(["title"], words)):
        plan.title = replace_words(plan.title, words, alias)
        plan.save(update_fields=["title"])
    written = Plan.objects.filter(Q(enrolment__trainee=user) | Q(coauthors__user=user)).distinct()
    # Invitations keep the address they went to; the row stays (the co-author's history).
    invited = Q(user=user) | (Q(email__iexact=user.email) if user.email else Q(pk__in=[]))
    PlanCoauthor.objects.filter(invited).update(email="")
    _scrub_drafts(written, words, alias)
    scrub_rows(Figure.objects.filter(plan__in=written), ["caption", "alt"], words, alias)
    scrub_rows(Annex.objects.filter(plan__in=written), ["title"], words, alias)
    with versions_writable():
        for version in PlanVersion.objects.filter(mentioning(["title"], words)):
            title = replace_words(version.title, words, alias)
            PlanVersion.objects.filter(pk=version.pk).update(title=title)
        for version in PlanVersion.objects.filter(plan__in=written):
            _rename_authors(version, user.pk, alias)
            _scrub_version_text(version.pk, words, alias)
    plans = list(_plans_of(user))
    seminars = {plan.enrolment.seminar_id for plan in plans}
    renders = PdfRender.objects.filter(Q(plan__in=plans) | Q(seminar__in=seminars))
    for render in renders:
        if render.file:
            render.file.delete(save=False)
    renders.delete()


def _rename_authors(version: PlanVersion, person: int, alias: str) -> None:
    contributors = [
        {**c, "name": alias} if c.get("id") == person else c for c in version.contributors or []
    ]
    sections = [
        {**s, "edited_by": {**s["edited_by"], "name": alias}}
        if (s.get("edited_by") or {}).get("id") == person
        else s
        for s in version.sections
    ]
    if contributors != (version.contributors or []) or sections != version.sections:
        PlanVersion.objects.filter(pk=version.pk).update(
            contributors=contributors, sections=sections
        )


def _scrub_drafts(plans: Any, words: list[str], alias: str) -> None:
    # A new revision: an editor still open on the old text gets a 409, not a save bringing the
    # name back.
    for draft in SectionDraft.objects.filter(plan__in=plans):
        body, rows = replace_words(draft.body, words, alias), scrub(draft.rows, words, alias)
        if (body, rows) != (draft.body, draft.rows):
            SectionDraft.objects.filter(pk=draft.pk).update(
                body=body, rows=rows, revision=F("revision") + 1
            )


def _scrub_version_text(version_id: int, words: list[str], alias: str) -> None:
    """A frozen version's text, and the captions and annex titles frozen with it, with the alias
    for the person (planning_docs migration 0010 lets an erasure write them)."""
    version = PlanVersion.objects.get(pk=version_id)
    sections = [
        {
            **s,
            "body": replace_words(s.get("body") or "", words, alias),
            "rows": scrub(s.get("rows") or [], words, alias),
        }
        for s in version.sections
    ]
    attachments = version.attachments
    if attachments:
        texts = {"figures": ("caption", "alt"), "annexes": ("title",)}
        attachments = {
            kind: [
                {k: scrub(v, words, alias) if k in texts.get(kind, ()) else v for k, v in e.items()}
                for e in entries
            ]
            if isinstance(entries, list)
            else entries
            for kind, entries in attachments.items()
        }
    if sections != version.sections or attachments != version.attachments:
        PlanVersion.objects.filter(pk=version.pk).update(sections=sections, attachments=attachments)


def versions_writable() -> AbstractContextManager[None]:
    """A frozen version's words may change inside this block of the erasure's transaction
    (planning_docs migrations 0009-0011 let them), nowhere else."""
    return erasing("planning_docs_planversion_immutable", SQLITE_VERSION_TRIGGER)
