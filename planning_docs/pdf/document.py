"""What a rendered document shows: the data of a plan, certificate or compendium, as HTML."""

import unicodedata
import zoneinfo
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ecotown.core.formatting import format_change, format_money, format_quantity
from ecotown.core.languages import document_lang
from ecotown.core.names import display_name, lang_of_person, person, text_direction
from ecotown.core.sanitise import Embedder, render_markdown
from ecotown.core.workflow import history_of
from planning_docs.models import PdfRender, Plan, PlanAssignment, PlanVersion
from planning_docs.pdf.attachments import annex_entries, document_figures, render_attachments
from planning_docs.pdf.charts import gantt
from planning_docs.structured import (
    ROW_FIELDS,
    FundingSource,
    financing_totals,
    indicator_change,
)
from seminars.models import Seminar

RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


# A render names what it shows by its kind (a database constraint holds it): a plan and, for
# the final document, its version; a compendium its seminar. These read them, typed.
def render_plan(render: PdfRender) -> Plan:
    if render.plan is None:
        raise ValueError(f"PDF render {render.pk} ({render.kind}) has no plan")
    return render.plan


def render_version(render: PdfRender) -> PlanVersion:
    if render.version is None:
        raise ValueError(f"PDF render {render.pk} ({render.kind}) has no version")
    return render.version


def render_seminar(render: PdfRender) -> Seminar:
    if render.seminar is None:
        raise ValueError(f"PDF render {render.pk} ({render.kind}) has no seminar")
    return render.seminar


def render_content(render: PdfRender) -> dict[str, Any]:
    return dict(render.content or {})


def ascii_slug(text: str, fallback: str) -> str:
    slug = slugify(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())
    return slug or fallback


def pdf_filename(render: PdfRender) -> tuple[str, str]:
    """(ASCII file name, UTF-8 file name) for the Content-Disposition of a render."""
    if render.kind == PdfRender.Kind.COMPENDIUM:
        stem = f"ecotown-compendium-{render_seminar(render).year}-{render_language(render)}"
        return f"{stem}-{ascii_slug(render_seminar(render).title, 'seminar')}.pdf", f"{stem}.pdf"
    trainee = render_plan(render).enrolment.trainee
    profile = getattr(trainee, "trainee_profile", None)
    country = (str(profile.country) if profile else "") or "xx"
    name = display_name(trainee)
    if render.kind == PdfRender.Kind.CERTIFICATE:
        prefix, suffix = "ecotown-certificate", ""
    elif render.kind == PdfRender.Kind.FINAL:
        prefix, suffix = "ecotown-plan", f"-v{render_version(render).number}"
    else:
        prefix, suffix = "ecotown-plan", f"-draft-{render.content_hash[:8]}"
    ascii_name = f"{prefix}-{country.lower()}-{ascii_slug(name, trainee.username)}{suffix}.pdf"
    unicode_slug = "-".join(name.split()) or trainee.username
    return ascii_name, f"{prefix}-{country.lower()}-{unicode_slug}{suffix}.pdf"


# --- What the documents show ------------------------------------------------------------------

# A table of at most this many rows is kept on one page; a longer one breaks between rows and
# repeats its header row.
SMALL_TABLE_ROWS = 12


def financing_table(rows: list[dict], language: str | None = None) -> dict:
    """Per currency: the rows, a source x year grid with row, column and grand totals."""
    labels = dict(FundingSource.choices)
    totals = financing_totals(rows)
    grid: dict = defaultdict(lambda: defaultdict(Decimal))
    years: dict = defaultdict(set)
    for row in rows:
        grid[row["currency"]][(row["source"], row["year"])] += Decimal(row["amount"])
        years[row["currency"]].add(row["year"])

    def money(amount: Decimal, currency: str) -> str:
        return format_money(amount, currency, language=language, code=False)

    currencies = []
    for currency, overall in totals["overall"].items():
        currency_years = sorted(years[currency])
        sources = [
            {
                "label": labels.get(source, source),
                "cells": [money(grid[currency][(source, y)], currency) for y in currency_years],
                "total": money(amount, currency),
            }
            for (cur, source), amount in totals["by_source"].items()
            if cur == currency
        ]
        currencies.append(
            {
                "currency": currency,
                "years": currency_years,
                "sources": sources,
                "year_totals": [
                    money(totals["by_year"][(currency, y)], currency) for y in currency_years
                ],
                "total": money(overall, currency),
                "small": len(sources) < SMALL_TABLE_ROWS,
            }
        )
    items = [
        {
            **row,
            "source_label": labels.get(row["source"], row["source"]),
            "amount_display": format_money(row["amount"], row["currency"], language=language),
        }
        for row in rows
    ]
    return {"rows": items, "currencies": currencies, "small": len(rows) <= SMALL_TABLE_ROWS}


def indicators_table(rows: list[dict], language: str | None = None) -> list[dict]:
    """Each indicator's baseline, target and change written with their unit."""
    return [
        {
            **row,
            "baseline_display": format_quantity(row["baseline"], row["unit"], language=language),
            "target_display": format_quantity(row["target"], row["unit"], language=language),
            "change_display": format_change(indicator_change(row), row["unit"], language=language),
        }
        for row in rows
    ]


def timeline_rows(rows: list[dict]) -> list[dict]:
    return [
        {**row, "start": date.fromisoformat(row["start"]), "end": date.fromisoformat(row["end"])}
        for row in rows
    ]


def text_lang(text: str, han_lang: str = "") -> str:
    """A language tag for a text's Han characters: kana means Japanese, Hangul Korean; other Han
    text takes `han_lang` (from the author's country). Empty when it does not matter."""
    names = {unicodedata.name(char, "").split(" ", 1)[0] for char in text if ord(char) > 0x2E7F}
    if names & {"HIRAGANA", "KATAKANA"}:
        return "ja"
    if "HANGUL" in names:
        return "ko"
    if "CJK" in names:
        return han_lang
    return ""


def section_view(
    section: dict,
    number: int,
    han_lang: str = "",
    *,
    today: date | None = None,
    figures: Embedder | None = None,
) -> dict:
    """What the document shows of one section; `today` draws today's line on the chart;
    `figures` shows the figures the text names."""
    kind, rows = section.get("kind", "prose"), section.get("rows") or []
    body = section.get("body") or ""
    view = {
        "number": number,
        "key": section["key"],
        "anchor": f"section-{slugify(section['key']) or number}",
        "title": section["title"],
        "kind": kind,
        # The writer's own headings sit below the section heading (an h2).
        "html": render_markdown(body, heading_level=3, embedder=figures),
        "dir": text_direction(body),
        "lang": text_lang(body, han_lang),
        "empty": not body.strip() and not rows,
        "small_rows": len(rows) <= SMALL_TABLE_ROWS,
    }
    if kind == "financing":
        view["financing"] = financing_table(rows)
    elif kind == "indicators":
        view["indicators"] = indicators_table(rows)
    elif kind == "timeline":
        view["timeline"] = gantt(rows, today=today)
        view["timeline_rows"] = timeline_rows(rows)
    view["fields"] = ROW_FIELDS.get(kind, ())
    return view


def shown_sections(sections: list[dict], *, optional: set[str], is_final: bool) -> list[dict]:
    """The sections a document shows: an approved plan leaves out its empty optional sections
    (a draft shows them, marked as not written)."""
    if not is_final:
        return sections
    return [
        s
        for s in sections
        if not (s["key"] in optional and not (s.get("body") or "").strip() and not s.get("rows"))
    ]


def approval_of(plan: Plan) -> dict | None:
    """Who approved the plan and when: the newest approval in the plan's history."""
    if plan.status != Plan.Status.APPROVED:
        return None
    event = history_of(plan).filter(to_status=Plan.Status.APPROVED).first()
    if event is None:
        return {"by": None, "at": None}
    return {"by": person(event.actor) if event.actor else None, "at": event.at}


def signatures(trainee, lead) -> list[dict]:
    """The signature blocks of the sign-off page, in signing order: the trainee who wrote the
    plan, the lead expert who approved it, the UNIDO coordinator (whose name is written by hand)."""
    return [
        {"role": _("Trainee"), "person": person(trainee)},
        {"role": _("Lead expert, City of Kitakyushu"), "person": person(lead) if lead else None},
        {"role": _("UNIDO coordinator"), "person": None},
    ]


def contributors_of(render: PdfRender, trainee) -> list[dict]:
    """Who wrote the text the document shows, as frozen with it (the version, or the draft's
    snapshot): the trainee, then the co-authors who wrote in it. Older texts name the trainee."""
    if render.kind == PdfRender.Kind.FINAL:
        frozen = render_version(render).contributors
    else:
        frozen = render_content(render).get("contributors")
    people = frozen or [{"name": display_name(trainee), "role": "owner"}]
    return [
        {
            "name": p["name"],
            "dir": text_direction(p["name"]),
            "lang": lang_of_person(trainee) if p["role"] == "owner" else "",
            "coauthor": p["role"] == "coauthor",
        }
        for p in people
    ]


def plan_document_context(render: PdfRender, annex_starts: list[int] | None = None) -> dict:
    """What the plan document shows; `annex_starts` are the pages its annexes start on, known
    once the document itself has been laid out (planning_docs.pdf.annexes)."""
    plan = render_plan(render)
    attachments = render_attachments(render)
    figures = document_figures(attachments)
    enrolment = plan.enrolment
    trainee = enrolment.trainee
    profile = getattr(trainee, "trainee_profile", None)
    if render.kind == PdfRender.Kind.FINAL:
        sections, title, number = (
            render_version(render).sections,
            render_version(render).title,
            render_version(render).number,
        )
    else:
        sections, title, number = (
            render_content(render)["sections"],
            render_content(render)["title"],
            None,
        )
    assignments = list(plan.assignments.select_related("expert").order_by("-role", "assigned_at"))
    is_final = render.kind == PdfRender.Kind.FINAL and plan.status == Plan.Status.APPROVED
    optional = set(plan.template.sections.filter(required=False).values_list("key", flat=True))
    seminar = enrolment.seminar
    rendered_on = timezone.now()
    today = timezone.localdate(rendered_on, timezone=zoneinfo.ZoneInfo(seminar.time_zone))
    country = profile.country.name if profile and profile.country else ""
    lead = next((a.expert for a in assignments if a.role == PlanAssignment.Role.LEAD), None)
    return {
        "render": render,
        "plan": plan,
        "title": title,
        "version_number": number,
        "is_draft": not is_final,
        "status_label": plan.get_status_display(),
        "trainee": person(trainee),
        "contributors": contributors_of(render, trainee),
        "profile": profile,
        "country": country,
        "seminar": seminar,
        **document_lang(),
        "keywords": ", ".join(
            part
            for part in (
                _("eco-town"),
                "UNIDO",
                "Kitakyushu",
                country,
                plan.pilot_site,
                plan.pilot_region,
                f"sha256:{render.content_hash}",
            )
            if part
        ),
        "sections": [
            section_view(
                s,
                i,
                lang_of_person(trainee),
                today=None if is_final else today,
                figures=figures,
            )
            for i, s in enumerate(
                shown_sections(sections, optional=optional, is_final=is_final), start=1
            )
        ],
        "figure_listing": figures.listing(),
        "annexes": annex_entries(attachments, annex_starts),
        "experts": [
            {
                **person(a.expert),
                "role": a.get_role_display(),
                "lead": a.role == PlanAssignment.Role.LEAD,
            }
            for a in assignments
        ],
        "signatures": signatures(trainee, lead),
        "approval": approval_of(plan),
        "rendered_on": rendered_on,
        "content_hash": render.content_hash,
    }


def render_language(render: PdfRender) -> str:
    """The document's language: the version's for an approved plan, the plan's for a draft, the
    one asked for with a compendium (English for those asked for before there was a choice).
    Hyphenation and the way numbers are written follow it; plan text in other scripts carries
    its own lang (see `text_lang`)."""
    if render.kind == PdfRender.Kind.COMPENDIUM:
        return render_content(render).get("language") or "en"
    if render.kind == PdfRender.Kind.FINAL:
        return render_version(render).document_language
    return render_plan(render).language


def plan_document_html(render: PdfRender, annex_starts: list[int] | None = None) -> str:
    """The plan as a document, in its own language (headings, labels, numbers, dates)."""
    with translation.override(render_language(render)):
        return render_to_string(
            "planning_docs/pdf/plan_document.html", plan_document_context(render, annex_starts)
        )


def certificate_html(render: PdfRender) -> str:
    """The certificate of completion, in the plan's document language."""
    plan = render_plan(render)
    trainee = plan.enrolment.trainee
    profile = getattr(trainee, "trainee_profile", None)
    context = {
        "render": render,
        "plan": plan,
        "plan_title": render_content(render)["title"],
        "trainee": person(trainee),
        "profile": profile,
        "country": profile.country.name if profile and profile.country else "",
        "seminar": plan.enrolment.seminar,
        "approval": approval_of(plan),
    }
    # In the plan's language, like the plan's own document (its approval fixed it).
    with translation.override(plan.language):
        context.update(document_lang())
        return render_to_string("planning_docs/pdf/certificate.html", context)


def compendium_front_html(render: PdfRender, entries: list[dict], front_pages: int) -> str:
    """Cover and index; `entries` are dicts with trainee, country, title, pages."""
    page = front_pages + 1
    for entry in entries:
        entry["start_page"] = page
        page += entry["pages"]
    with translation.override(render_language(render)):
        context = {
            "render": render,
            "seminar": render_seminar(render),
            "entries": entries,
            "total_pages": page - 1,
            **document_lang(),
            "rendered_on": timezone.now(),
        }
        return render_to_string("planning_docs/pdf/compendium_front.html", context)


def describe(render: PdfRender) -> str:
    """A line naming a render for people: what it is, of what."""
    if render.kind == PdfRender.Kind.COMPENDIUM:
        return _("Compendium of %(seminar)s") % {"seminar": render_seminar(render)}
    if render.kind == PdfRender.Kind.FINAL:
        return _("Version %(n)d of %(plan)s") % {
            "n": render_version(render).number,
            "plan": render_plan(render),
        }
    if render.kind == PdfRender.Kind.CERTIFICATE:
        return _("Certificate for %(plan)s") % {"plan": render_plan(render)}
    return _("Draft of %(plan)s") % {"plan": render_plan(render)}
