"""The reading view at /plans/<id>/review/: the whole version as its PDF reads it, comment threads
beside the passages they quote, filters, actions in place (htmx) or by a plain post."""

import re

import pytest
from django.urls import reverse

from planning_docs.services import plan_submit, section_save
from reviews.services import (
    review_request_changes,
)
from tests.factories.planning_docs import submitted_version

pytestmark = pytest.mark.django_db
SECTION = "legal-framework"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def version(expert):
    return submitted_version(lead=expert)


@pytest.fixture
def plan(version):
    return version.plan


def write(plan, key: str, body: str) -> None:
    draft = plan.drafts.get(section__key=key)
    section_save(draft=draft, body=body, revision=draft.revision, actor=plan.enrolment.trainee)


def resubmit(plan, expert, version, edits: dict[str, str]):
    review_request_changes(plan=plan, version=version, actor=expert, summary="Please revise.")
    for key, body in edits.items():
        write(plan, key, body)
    plan.refresh_from_db()
    return plan_submit(plan=plan, actor=plan.enrolment.trainee)


def margin_of(html: str, thread_pk: int) -> str:
    """The reading row (text and margin) that holds the thread."""
    rows = html.split('<div class="reading-row">')
    [row] = [r for r in rows if f'id="thread-{thread_pk}"' in r]
    return row


def test_every_section_is_shown_in_template_order_with_tables_and_chart(client, plan, expert):
    client.force_login(expert)
    response = client.get(reverse("reviews:review", args=[plan.pk]))
    html = response.content.decode()
    titles = list(plan.template.sections.order_by("position").values_list("title", flat=True))
    found = re.findall(r'<h2 id="h-section-[^"]+" [^>]*>\d+\. ([^<]+)</h2>', html)
    assert found == titles
    assert "Text of Legal framework." in html
    assert '<svg class="gantt-chart"' in html
    assert "<caption>Financing items</caption>" in html
    assert "<caption>Monitoring indicators</caption>" in html
