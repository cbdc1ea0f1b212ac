"""The bench command's frame (sections, table, JSON) and the PDF demo data."""

import io
import json

import pytest
from django.core.management import call_command

from ecotown.core.demo import DemoContext
from ecotown.core.management.commands import bench
from planning_docs.models import PdfRender
from planning_docs.pdf import demo as pdf_demo

pytestmark = pytest.mark.django_db


def test_bench_runs_each_section_prints_a_table_and_writes_json(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path

    def section(ctx):
        return [bench.Metric("renders", 12.5, "s", "note"), bench.Metric("ratio", 1.04, "x")]

    monkeypatch.setattr(bench, "SECTIONS", {"demo": f"{__name__}.SECTION"})
    globals()["SECTION"] = section
    out = io.StringIO()
    call_command("bench", stdout=out)
    assert "[demo]" in out.getvalue()
    assert "  renders          12.5 s        note\n  ratio            1.04 x\n" in out.getvalue()
    written = json.loads((tmp_path / "bench" / "latest.json").read_text())
    assert written["sections"]["demo"]["metrics"] == [
        {"name": "renders", "value": 12.5, "unit": "s", "note": "note"},
        {"name": "ratio", "value": 1.04, "unit": "x", "note": ""},
    ]


def test_the_pdf_section_is_registered():
    assert bench.SECTIONS["pdf"] == "planning_docs.pdf.bench.run"


def test_demo_renders_trainee04s_approved_plan_and_a_draft_of_trainee06(
    settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("seed_demo", stdout=io.StringIO())
    # This year's plans: the earlier years' approved pilots (pilots/demo_past.py) have theirs.
    renders = PdfRender.objects.filter(plan__enrolment__trainee__username__startswith="trainee")
    renders = renders.order_by("pk")
    assert [(r.plan.enrolment.trainee.username, r.kind) for r in renders] == [
        ("trainee04", PdfRender.Kind.FINAL),  # queued by the approval itself
        ("trainee06", PdfRender.Kind.DRAFT),
        ("trainee04", PdfRender.Kind.CERTIFICATE),  # issued by exception (pdf.demo_certificates)
        # Approved by the showcase's demo (pilots.showcase_demo), with their final PDFs.
        ("trainee10", PdfRender.Kind.FINAL),
        ("trainee12", PdfRender.Kind.FINAL),
    ]
    assert renders[0].version == renders[0].plan.versions.get()
    assert callbacks  # the renders (and the demo's notifications) go out after commit

    ctx = DemoContext(scale=1, stdout=io.StringIO())
    from ecotown.core.models import User

    ctx.users = {u.username: u for u in User.objects.all()}
    ctx.seminars = {0: renders[0].plan.enrolment.seminar}
    with django_capture_on_commit_callbacks() as again:
        pdf_demo.seed(ctx)  # again: the same renders, nothing new queued
    assert renders.count() == 5
    assert again == []
