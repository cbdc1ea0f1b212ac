"""Plans with text in many scripts, structured rows, and an approval, for the PDF tests."""

import subprocess
import uuid
from pathlib import Path

import pytest
from django.db import transaction

from ecotown.core.models import AuditEvent
from ecotown.core.workflow import transition
from planning_docs.models import Plan, SectionDraft
from planning_docs.pdf import services as pdf_services
from planning_docs.services import default_template
from planning_docs.tasks import render_pdf
from tests.factories.core import ExpertFactory, TraineeFactory
from tests.factories.planning_docs import PlanVersionFactory, make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory, TraineeProfileFactory
from tests.worker import start_worker, stop_worker, wait_until_ready, worker_env

SCRIPTS = {
    "latin": "Příprava průmyslové zóny v Hải Phòng: São Tomé, Sénégal, Ñuñoa.",
    "chinese": "天津生态工业园区的循环经济试点项目。",
    "japanese": "北九州市のエコタウン事業に学ぶ。",
    "arabic": "مشروع تجريبي للمدينة البيئية في مصر",
    "devanagari": "पर्यावरण अनुकूल औद्योगिक क्षेत्र की योजना",
    "ethiopic": "የአካባቢ ጥበቃ እቅድ በአዲስ አበባ",
    "khmer": "គម្រោងសាកល្បងទីក្រុងអេកូ",
    "tibetan": "རྒྱལ་ཡོངས་ཁོར་ཡུག་ལྷན་ཚོགས",
}

FINANCING_ROWS = [
    {
        "item": "Sorting plant",
        "source": "national_budget",
        "amount": "1200000.00",
        "currency": "USD",
        "year": 2027,
    },
    {
        "item": "Sorting plant",
        "source": "donor",
        "amount": "800000.00",
        "currency": "USD",
        "year": 2027,
    },
    {
        "item": "Composting line",
        "source": "private",
        "amount": "350000.50",
        "currency": "USD",
        "year": 2028,
    },
    {
        "item": "Training centre",
        "source": "local_budget",
        "amount": "150000",
        "currency": "USD",
        "year": 2028,
    },
]
TIMELINE_ROWS = [
    {
        "milestone": "Feasibility study",
        "start": "2027-01-15",
        "end": "2027-06-30",
        "owner": "Municipality",
    },
    {
        "milestone": "Eco-town ordinance adopted",
        "start": "2027-05-01",
        "end": "2027-12-31",
        "owner": "Ministry",
    },
    {
        "milestone": "Sorting plant built",
        "start": "2028-01-01",
        "end": "2029-03-31",
        "owner": "PPP company",
    },
]
INDICATOR_ROWS = [
    {
        "indicator": "Industrial waste recycled",
        "unit": "%",
        "baseline": "12",
        "target": "45",
        "year": 2030,
    },
    {
        "indicator": "Jobs in recycling",
        "unit": "people",
        "baseline": "40",
        "target": "400",
        "year": 2030,
    },
]
ROWS = {"financing": FINANCING_ROWS, "timeline": TIMELINE_ROWS, "indicators": INDICATOR_ROWS}


def rich_sections() -> list[dict]:
    sections = []
    texts = list(SCRIPTS.values())
    for index, section in enumerate(default_template().sections.all()):
        body = f"**{section.title}**: {texts[index % len(texts)]}\n\n- first point\n- second point"
        if section.key.startswith("risk"):
            body = SCRIPTS["arabic"] + "\n\n" + SCRIPTS["arabic"]
        sections.append(
            {
                "key": section.key,
                "title": section.title,
                "kind": section.kind,
                "body": body,
                "rows": ROWS.get(section.kind, []),
            }
        )
    return sections


def chinese_trainee_enrolment():
    trainee = TraineeFactory(first_name="芳", last_name="王")
    TraineeProfileFactory(user=trainee, country="CN", organisation="Tianjin Ecology Bureau")
    return AcceptedEnrolmentFactory(trainee=trainee)


def approve(plan: Plan, expert) -> None:
    transition(
        plan,
        to_status=Plan.Status.SUBMITTED,
        actor=plan.enrolment.trainee,
        verb=AuditEvent.Verb.SUBMIT,
    )
    transition(plan, to_status=Plan.Status.APPROVED, actor=expert, verb=AuditEvent.Verb.APPROVED)


@pytest.fixture
def lead_expert(db):
    return ExpertFactory(first_name="裕子", last_name="中村")


@pytest.fixture
def plan(db, lead_expert):
    return make_plan(enrolment=chinese_trainee_enrolment(), lead=lead_expert, title="天津 eco-town")


@pytest.fixture
def version(plan):
    return PlanVersionFactory(plan=plan, number=1, title=plan.title, sections=rich_sections())


@pytest.fixture
def approved_version(version, lead_expert):
    approve(version.plan, lead_expert)
    return version


def fill_drafts(plan: Plan, sections: list[dict]) -> None:
    by_key = {s["key"]: s for s in sections}
    for draft in SectionDraft.objects.filter(plan=plan).select_related("section"):
        draft.body = by_key[draft.section.key]["body"]
        draft.rows = by_key[draft.section.key]["rows"]
        draft.revision += 1
        draft.save()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdffonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


# A worker per test, on its own queue: a session-long worker keeps ContentType ids cached in its
# process, and transactional tests' flushes re-create the content types under new ids.
@pytest.fixture
def send_options():
    return {}


@pytest.fixture
def own_queue(monkeypatch, send_options):
    """Send this test's renders to a queue only its own worker reads."""
    queue = f"pdf-test-{uuid.uuid4().hex[:8]}"

    def enqueue(render_id, kind):
        priority = pdf_services.render_priority(kind)
        transaction.on_commit(
            lambda: render_pdf.apply_async(
                args=[render_id], queue=queue, priority=priority, **send_options
            )
        )

    monkeypatch.setattr(pdf_services, "_enqueue", enqueue)
    return queue


@pytest.fixture
def own_worker(own_queue, tmp_path, django_db_blocker):
    workers = []

    def start(**env):
        log = tmp_path / f"worker{len(workers)}.log"
        process = start_worker(worker_env(**env), log, "-Q", own_queue)
        workers.append(process)
        wait_until_ready(process, log)
        return process, log

    yield start
    for process in workers:
        stop_worker(process)
