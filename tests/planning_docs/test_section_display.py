"""A section as the pages show it: the writer's headings below the section heading, and every
figure written by the one formatting home."""

import re

from django.urls import reverse

from ecotown.core.sanitise import render_markdown
from planning_docs.models import SectionDraft
from planning_docs.services import plan_submit
from tests.factories.planning_docs import fill_plan

NBSP = "\u00a0"


def test_markdown_headings_start_at_the_level_asked_for_and_stop_at_h6():
    text = "# Top\n\n## Second\n\n##### Fifth\n\n###### Sixth"
    assert re.findall(r"<(h\d)>", render_markdown(text)) == ["h1", "h2", "h5", "h6"]
    assert re.findall(r"<(h\d)>", render_markdown(text, heading_level=3)) == [
        "h3",
        "h4",
        "h6",
        "h6",
    ]


def test_a_version_page_demotes_the_writers_headings_and_formats_the_figures(client, plan, trainee):
    fill_plan(plan)
    drafts = {d.section.key: d for d in plan.drafts.select_related("section")}
    policy = drafts["national-policy-context"]
    policy.body = "# Where the pilot fits\n\nText.\n\n## In the ministry\n\nMore."
    policy.save()
    indicators = drafts["monitoring-indicators"]
    indicators.rows = [
        {"indicator": "Jobs", "unit": "jobs", "baseline": "0", "target": "180", "year": 2030},
        {"indicator": "Recycled", "unit": "t", "baseline": "2000", "target": "25000", "year": 2030},
        {"indicator": "Plants", "unit": "t", "baseline": "500", "target": "12000", "year": 2030},
    ]
    indicators.save()
    financing = drafts["financing-plan"]
    financing.rows = [
        {"item": "Plant", "source": "donor", "amount": "1200000", "currency": "USD", "year": 2027},
        {
            "item": "Line",
            "source": "private",
            "amount": "350000.5",
            "currency": "USD",
            "year": 2027,
        },
    ]
    financing.save()
    plan_submit(plan=plan, actor=trainee)
    client.force_login(trainee)

    html = client.get(reverse("planning_docs:version-detail", args=[plan.pk, 1])).content.decode()

    assert '<h2 id="h-national-policy-context"' in html
    assert "<h3>Where the pilot fits</h3>" in html
    assert "<h4>In the ministry</h4>" in html
    assert "<h1>Where" not in html and "<h2>Where" not in html
    cell = '<td dir="auto" class="text-end text-nowrap">{}</td>'
    # Baseline, target, change of each indicator: the change carries the unit.
    for baseline, target, change in (
        ("0", "180", f"+180{NBSP}jobs"),
        ("2,000", "25,000", f"+23,000{NBSP}t"),
        ("500", "12,000", f"+11,500{NBSP}t"),
    ):
        assert "".join(cell.format(text) for text in (baseline, target, change)) in html
    assert '<td dir="auto" class="text-end text-nowrap">1,200,000.00</td>' in html
    assert '<td dir="auto" class="text-end text-nowrap">350,000.50</td>' in html
    assert f"USD{NBSP}1,550,000.50" in html  # the grand total


def test_the_section_editor_draws_todays_line_on_the_draft_chart(client, plan, trainee):
    draft = SectionDraft.objects.get(plan=plan, section__key="implementation-timeline")
    draft.rows = [
        {"milestone": "Since last year", "start": "2000-01-01", "end": "2099-12-31", "owner": ""}
    ]
    draft.save()
    client.force_login(trainee)

    html = client.get(
        reverse("planning_docs:section-edit", args=[plan.pk, "implementation-timeline"])
    ).content.decode()

    assert 'stroke="#b42318"' in html  # today's dashed line
    assert ">Today</text>" in html
