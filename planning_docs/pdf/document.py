"""What a rendered document shows: the data of a plan, certificate or compendium, as HTML."""

import unicodedata
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ecotown.core.names import display_name, lang_of_person, person, text_direction
from ecotown.core.sanitise import render_markdown
from ecotown.core.workflow import history_of
from planning_docs.models import PdfRender, Plan, PlanAssignment
from planning_docs.structured import ROW_FIELDS, FundingSource, financing_totals

RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def ascii_slug(text: str, fallback: str) -> str:
    slug = slugify(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())
    return slug or fallback


def pdf_filename(render: PdfRender) -> tuple[str, str]:
    """(ASCII file name, UTF-8 file name) for the Content-Disposition of a render."""
    if render.kind == PdfRender.Kind.COMPENDIUM:
        assert render.seminar is not None  # a compendium is of a seminar
        stem = f"ecotown-compendium-{render.seminar.year}"
        return f"{stem}-{ascii_slug(render.seminar.title, 'seminar')}.pdf", f"{stem}.pdf"
    assert render.plan is not None  # every other render is of a plan
    trainee = render.plan.enrolment.trainee
    profile = getattr(trainee, "trainee_profile", None)
    country = (str(profile.country) if profile else "") or "xx"
    name = display_name(trainee)
    if render.kind == PdfRender.Kind.CERTIFICATE:
        prefix, suffix = "ecotown-certificate", ""
    elif render.kind == PdfRender.Kind.FINAL and render.version is not None:
        prefix, suffix = "ecotown-plan", f"-v{render.version.number}"
    else:
        prefix, suffix = "ecotown-plan", f"-draft-{render.content_hash[:8]}"
    ascii_name = f"{prefix}-{country.lower()}-{ascii_slug(name, trainee.username)}{suffix}.pdf"
    unicode_slug = "-".join(name.split()) or trainee.username
    return ascii_name, f"{prefix}-{country.lower()}-{unicode_slug}{suffix}.pdf"


# --- What the documents show ------------------------------------------------------------------


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def financing_table(rows: list[dict]) -> dict:
    """Per currency: the rows, a source x year grid with row, column and grand totals."""
    labels = dict(FundingSource.choices)
    totals = financing_totals(rows)
    grid: dict = defaultdict(lambda: defaultdict(Decimal))
    years: dict = defaultdict(set)
    for row in rows:
        grid[row["currency"]][(row["source"], row["year"])] += Decimal(row["amount"])
        years[row["currency"]].add(row["year"])
    currencies = []
    for currency, overall in totals["overall"].items():
        currency_years = sorted(years[currency])
        sources = [
            {
                "label": labels.get(source, source),
                "cells": [_money(grid[currency][(source, year)]) for year in currency_years],
                "total": _money(amount),
            }
            for (cur, source), amount in totals["by_source"].items()
            if cur == currency
        ]
        currencies.append(
            {
                "currency": currency,
                "years": currency_years,
                "sources": sources,
                "year_totals": [_money(totals["by_year"][(currency, y)]) for y in currency_years],
                "total": _money(overall),
            }
        )
    items = [
        {
            **row,
            "source_label": labels.get(row["source"], row["source"]),
            "amount_display": _money(Decimal(row["amount"])),
        }
        for row in rows
    ]
    return {"rows": items, "currencies": currencies}


def indicators_table(rows: list[dict]) -> list[dict]:
    out = []
    for row in rows:
        change = Decimal(row["target"]) - Decimal(row["baseline"])
        out.append({**row, "change": f"{change:+,f}".rstrip("0").rstrip(".")})
    return out


def timeline_chart(rows: list[dict]) -> dict | None:
    """The geometry of a Gantt chart (SVG user units) for the timeline rows, or None."""
    if not rows:
        return None
    spans = [(date.fromisoformat(r["start"]), date.fromisoformat(r["end"]), r) for r in rows]
    first = min(start for start, _end, _row in spans).replace(month=1, day=1)
    last = max(end for _start, end, _row in spans)
    last = date(last.year + 1, 1, 1)
    total_days = max((last - first).days, 1)
    label_width, chart_width, row_height, top = 260, 440, 22, 24
    scale = chart_width / total_days

    def x_of(day: date) -> float:
        return round(label_width + (day - first).days * scale, 2)

    years = [{"x": x_of(date(year, 1, 1)), "label": year} for year in range(first.year, last.year)]
    bars = []
    for index, (start, end, row) in enumerate(spans):
        x = x_of(start)
        bars.append(
            {
                "y": top + index * row_height,
                "x": x,
                "width": max(x_of(end) - x, 2),
                "label": row["milestone"],
                "owner": row.get("owner", ""),
                "text_y": top + index * row_height + 14,
                "dates": f"{row['start']} – {row['end']}",
            }
        )
    return {
        "width": label_width + chart_width + 10,
        "height": top + len(bars) * row_height + 6,
        "years": years,
        "bars": bars,
        "label_width": label_width,
        "chart_right": label_width + chart_width,
        "top": top,
        "bottom": top + len(bars) * row_height,
    }


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


def section_view(section: dict, number: int, han_lang: str = "") -> dict:
    kind, rows = section.get("kind", "prose"), section.get("rows") or []
    view = {
        "number": number,
        "anchor": f"section-{slugify(section['key']) or number}",
        "title": section["title"],
        "kind": kind,
        "html": render_markdown(section.get("body", "")),
        "dir": text_direction(section.get("body", "")),
        "lang": text_lang(section.get("body", ""), han_lang),
        "empty": not (section.get("body") or "").strip() and not rows,
    }
    if kind == "financing":
        view["financing"] = financing_table(rows)
    elif kind == "indicators":
        view["indicators"] = indicators_table(rows)
    elif kind == "timeline":
        view["timeline"] = timeline_chart(rows)
        view["timeline_rows"] = rows
    view["fields"] = ROW_FIELDS.get(kind, ())
    return view


def approval_of(plan: Plan) -> dict | None:
    """Who approved the plan and when: the newest approval in the plan's history."""
    if plan.status != Plan.Status.APPROVED:
        return None
    event = history_of(plan).filter(to_status=Plan.Status.APPROVED).first()
    if event is None:
        return {"by": None, "at": None}
    return {"by": person(event.actor) if event.actor else None, "at": event.at}


def plan_document_context(render: PdfRender) -> dict[str, Any]:
    plan = render.plan
    assert plan is not None  # plan documents and drafts are of a plan
    enrolment = plan.enrolment
    trainee = enrolment.trainee
    profile = getattr(trainee, "trainee_profile", None)
    if render.kind == PdfRender.Kind.FINAL:
        assert render.version is not None  # a final render is of a version
        sections, title, number = (
            render.version.sections,
            render.version.title,
            render.version.number,
        )
    else:
        content = render.content or {}
        sections, title, number = content["sections"], content["title"], None
    assignments = plan.assignments.select_related("expert").order_by("-role", "assigned_at")
    is_final = render.kind == PdfRender.Kind.FINAL and plan.status == Plan.Status.APPROVED
    return {
        "render": render,
        "plan": plan,
        "title": title,
        "version_number": number,
        "is_draft": not is_final,
        "status_label": plan.get_status_display(),
        "trainee": person(trainee),
        "profile": profile,
        "country": profile.country.name if profile and profile.country else "",
        "seminar": enrolment.seminar,
        "lang": "en",
        "sections": [
            section_view(s, i, lang_of_person(trainee)) for i, s in enumerate(sections, start=1)
        ],
        "experts": [
            {
                **person(a.expert),
                "role": a.get_role_display(),
                "lead": a.role == PlanAssignment.Role.LEAD,
            }
            for a in assignments
        ],
        "approval": approval_of(plan),
        "rendered_on": timezone.now(),
        "content_hash": render.content_hash,
    }


def plan_document_html(render: PdfRender) -> str:
    return render_to_string("planning_docs/pdf/plan_document.html", plan_document_context(render))


def certificate_html(render: PdfRender) -> str:
    plan = render.plan
    assert plan is not None  # a certificate is of a plan
    trainee = plan.enrolment.trainee
    profile = getattr(trainee, "trainee_profile", None)
    context = {
        "render": render,
        "plan": plan,
        "plan_title": (render.content or {})["title"],
        "trainee": person(trainee),
        "profile": profile,
        "country": profile.country.name if profile and profile.country else "",
        "seminar": plan.enrolment.seminar,
        "approval": approval_of(plan),
        "lang": "en",
    }
    return render_to_string("planning_docs/pdf/certificate.html", context)


def compendium_front_html(
    render: PdfRender, entries: list[dict[str, Any]], front_pages: int
) -> str:
    """Cover and index; `entries` are dicts with trainee, country, title, pages."""
    page = front_pages + 1
    for entry in entries:
        entry["start_page"] = page
        page += entry["pages"]
    context = {
        "render": render,
        "seminar": render.seminar,
        "entries": entries,
        "total_pages": page - 1,
        "lang": "en",
        "rendered_on": timezone.now(),
    }
    return render_to_string("planning_docs/pdf/compendium_front.html", context)


def describe(render: PdfRender) -> str:
    """A line naming a render for people: what it is, of what."""
    if render.kind == PdfRender.Kind.COMPENDIUM:
        return _("Compendium of %(seminar)s") % {"seminar": render.seminar}
    if render.kind == PdfRender.Kind.FINAL and render.version is not None:
        return _("Version %(n)d of %(plan)s") % {"n": render.version.number, "plan": render.plan}
    if render.kind == PdfRender.Kind.CERTIFICATE:
        return _("Certificate for %(plan)s") % {"plan": render.plan}
    return _("Draft of %(plan)s") % {"plan": render.plan}
