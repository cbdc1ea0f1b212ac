import time

import pytest

from pilots.models import ProgrammeReport
from pilots.services.programme import programme_report_request
from tests.factories.core import CoordinatorFactory
from tests.factories.pilots import approved_plan


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_programme_report(celery_worker):
    plan = approved_plan(pilot_country="GH")
    year = plan.enrolment.seminar.year
    report = programme_report_request(year=year, actor=CoordinatorFactory())  # committed
    deadline = time.monotonic() + 90
    while (report := ProgrammeReport.objects.get(pk=report.pk)).status == "queued":
        assert time.monotonic() < deadline, "the worker did not render the report in 90 s"
        time.sleep(0.5)
    assert (report.status, report.error, report.pilots) == ("ready", "", 1)
    with report.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
