"""The plans' part of a person's export and erasure (ecotown.core.erasure)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.models import Q

from ecotown.core.erasure import alias_of, mentioning, replace_words
from planning_docs.export import pdf_filename, plan_archive
from planning_docs.models import PdfRender, Plan, PlanVersion

# planning_docs migration 0010's SQLite trigger, put back after an erasure's one statement.
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
    alias when asked for. The plans' text and versions stay."""
    alias = alias_of(user)
    for plan in Plan.objects.filter(mentioning(["title"], words)):
        plan.title = replace_words(plan.title, words, alias)
        plan.save(update_fields=["title"])
    with _version_titles_writable():
        for version in PlanVersion.objects.filter(mentioning(["title"], words)):
            title = replace_words(version.title, words, alias)
            PlanVersion.objects.filter(pk=version.pk).update(title=title)
        written = Q(plan__in=_plans_of(user)) | Q(plan__coauthors__user=user)
        for version in PlanVersion.objects.filter(written).distinct():
            _rename_authors(version, user.pk, alias)
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


@contextmanager
def _version_titles_writable() -> Iterator[None]:
    """Inside the erasure's transaction only (planning_docs migration 0006)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL ecotown.erasing = 'on'")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS planning_docs_planversion_immutable")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL ecotown.erasing = 'off'")
            elif connection.vendor == "sqlite":
                cursor.execute(SQLITE_VERSION_TRIGGER)
