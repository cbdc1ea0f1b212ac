"""Storage that scales out: a worker on "another machine" (its own MEDIA_ROOT) renders a plan's
figures and annexes that the web process stored, reading and writing through the storage API
only, in the storage both are given by STORAGE_URL."""

import time

import pytest
from django.core.files.storage import default_storage
from django.db import transaction

from ecotown.core.storage_url import storage_from_url
from planning_docs.models import PdfRender
from tests.pdf.conftest import pdftotext
from tests.pdf.test_figures_and_annexes import approved_with_figure_and_annex

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def files_under(folder) -> list:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_worker_with_another_media_folder_renders_figures_and_annexes_from_shared_storage(
    own_worker, settings, tmp_path
):
    shared, web_media, worker_media = tmp_path / "shared", tmp_path / "web", tmp_path / "worker"
    settings.MEDIA_ROOT = web_media
    settings.STORAGES = {**settings.STORAGES, "default": storage_from_url(f"file://{shared}")}
    _process, log = own_worker(STORAGE_URL=f"file://{shared}", MEDIA_ROOT=str(worker_media))
    with transaction.atomic():
        _plan, version = approved_with_figure_and_annex()
    render = PdfRender.objects.get(version=version, kind=PdfRender.Kind.FINAL)
    deadline = time.monotonic() + 120
    while render.status not in (PdfRender.Status.READY, PdfRender.Status.FAILED):
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)
        render.refresh_from_db()
    assert render.status == PdfRender.Status.READY, render.error + log.read_text()

    path = tmp_path / "plan.pdf"
    with default_storage.open(render.file.name, "rb") as handle:
        path.write_bytes(handle.read())
    text = " ".join(pdftotext(path).split())
    assert "Figure 1: Site plan of the park" in text
    assert "Letter of intent" in text and "Feasibility" in text
    assert "refused" not in log.read_text()  # the figure was read, not left out
    # Everything went through the shared storage: neither machine's own folder holds a file.
    assert files_under(web_media) == [] and files_under(worker_media) == []
    assert (shared / render.file.name).is_file()
    assert {p.parent.parent.name for p in files_under(shared)} == {"figures", "annexes", "final"}
