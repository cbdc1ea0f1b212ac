import io
import json
import zipfile

import pytest
from django.urls import reverse

from planning_docs.pdf.services import pdf_render_run, pdf_request_draft_render
from reviews.services import comment_create, comment_release, review_request_changes
from tests.factories.planning_docs import submitted_version

pytestmark = pytest.mark.django_db


def test_trainee_downloads_their_archive_without_internal_notes(client, expert, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    version = submitted_version(lead=expert)
    plan = version.plan
    trainee = plan.enrolment.trainee
    released = comment_create(plan=plan, author=expert, section_key="risks", body="Rank them.")
    comment_release(comment=released, actor=expert)
    comment_create(plan=plan, author=expert, section_key="risks", body="INTERNAL: weak plan")
    review_request_changes(
        plan=plan, version=version, actor=expert, summary="Rank the risks.", release=False
    )
    render = pdf_request_draft_render(plan=plan, actor=trainee)
    pdf_render_run(render_id=render.pk)

    client.force_login(trainee)
    response = client.get(reverse("planning_docs:plan-export", args=[plan.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names[0] == "plan.json"
    pdfs = [name for name in names if name.startswith("pdf/")]
    assert len(pdfs) == 1
    assert archive.read(pdfs[0]).startswith(b"%PDF")
    data = json.loads(archive.read("plan.json"))
    assert data["plan"]["title"] == plan.title
    assert [v["number"] for v in data["versions"]] == [1]
    assert data["versions"][0]["content_hash"] == version.content_hash
    assert [c["text"] for c in data["comments"]] == ["Rank them."]
    assert "INTERNAL" not in archive.read("plan.json").decode()
    assert [(d["decision"], d["summary"]) for d in data["decisions"]] == [
        ("Changes requested", "Rank the risks.")
    ]
    assert len(data["current_text"]) == 12
