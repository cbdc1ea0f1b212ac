import time

import pytest

from pilots.models import ReportPdf
from tests.factories.pilots import approved_plan, submitted_report


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_pdf_of_a_submitted_report(celery_worker):
    plan = approved_plan()
    report = submitted_report(plan.check_ins.get(months=6))  # committed: queued to the worker
    deadline = time.monotonic() + 90
    while (pdf := ReportPdf.objects.get(report=report)).status == ReportPdf.Status.QUEUED:
        assert time.monotonic() < deadline, "the worker did not render the report in 90 s"
        time.sleep(0.5)
    assert (pdf.status, pdf.error) == (ReportPdf.Status.READY, "")
    with pdf.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
