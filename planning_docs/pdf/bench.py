"""The PDF section of `make bench`.

Measures, on a benchmark seminar of 12 approved plans that it creates once (its own people and
seminar; demo data is left alone):
- one plan through the project's pipeline (document HTML, limits, fetcher, attachment pass)
  against WeasyPrint alone on the same HTML, as a ratio, and pages per second;
- the peak memory (VmHWM) of a worker's pool process after rendering the 12 plans;
- the 12-plan compendium (per-plan renders in parallel, then the merge) on one worker and on two.
"""

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from ecotown.celery import app
from ecotown.core import pdf, roles
from ecotown.core.management.commands.bench import BenchContext, Metric
from ecotown.core.models import AuditEvent
from ecotown.core.workflow import transition
from planning_docs.models import PdfRender, Plan, PlanAssignment, PlanVersion, SectionDraft
from planning_docs.pdf import document
from planning_docs.pdf import services as pdf_services
from planning_docs.pdf.demo import sample_sections
from planning_docs.services import plan_create_for_enrolment
from planning_docs.versions import content_hash
from seminars.models import Seminar
from trainees.models import Enrolment, TraineeProfile

SEMINAR_TITLE = "Benchmark seminar (PDF)"
# (first name, last name, country, a line in the trainee's script)
PEOPLE = [
    ("芳", "王", "CN", "天津生态工业园区的循环经济试点项目。"),
    ("Thị Lan", "Nguyễn", "VN", "Khu công nghiệp sinh thái Hải Phòng."),
    ("राजेश", "शर्मा", "IN", "पर्यावरण अनुकूल औद्योगिक क्षेत्र की योजना।"),
    ("محمد", "الأمين", "EG", "مشروع تجريبي للمدينة البيئية في مصر."),
    ("Tigist", "Bekele", "ET", "የአካባቢ ጥበቃ እቅድ በአዲስ አበባ።"),
    ("Sokha", "Chea", "KH", "គម្រោងសាកល្បងទីក្រុងអេកូ។"),
    ("Tshering", "Dorji", "BT", "རྒྱལ་ཡོངས་ཁོར་ཡུག་ལྷན་ཚོགས།"),
    ("Aminata", "Sow", "SN", "Zone industrielle écologique de Diamniadio."),
    ("Kwame", "Mensah", "GH", "Tema eco-industrial park."),
    ("Célia", "Macuácua", "MZ", "Parque industrial ecológico de Beluluane."),
    ("Ayesha", "Siddiqui", "PK", "Eco-industrial zone in Faisalabad."),
    ("Grace Wanjiru", "Kamau", "KE", "Naivasha eco-town pilot."),
]


def bench_seminar() -> Seminar:
    """The benchmark seminar with 12 approved plans, made once."""
    with transaction.atomic():
        start = date(2026, 11, 2)
        seminar, _ = Seminar.objects.get_or_create(
            title=SEMINAR_TITLE,
            defaults={
                "year": start.year,
                "start_date": start,
                "end_date": start + timedelta(days=11),
            },
        )
        User = get_user_model()
        trainee_group = Group.objects.get_or_create(name=roles.TRAINEE)[0]
        expert, _ = User.objects.get_or_create(
            username="bench-expert", defaults={"first_name": "裕子", "last_name": "中村"}
        )
        for index, (first, last, country, line) in enumerate(PEOPLE, start=1):
            user, _ = User.objects.get_or_create(
                username=f"bench-trainee{index:02d}",
                defaults={"first_name": first, "last_name": last},
            )
            user.groups.add(trainee_group)
            TraineeProfile.objects.get_or_create(
                user=user, defaults={"country": country, "organisation": "Ministry of Environment"}
            )
            enrolment, _ = Enrolment.objects.get_or_create(
                trainee=user, seminar=seminar, defaults={"status": Enrolment.Status.ACCEPTED}
            )
            plan = plan_create_for_enrolment(enrolment=enrolment, actor=None)
            if plan.status != Plan.Status.APPROVED:
                _approve(plan, expert, sample_sections(plan.template, line))
    return seminar


def _approve(plan: Plan, expert, sections: list[dict]) -> None:
    by_key = {section["key"]: section for section in sections}
    for draft in SectionDraft.objects.filter(plan=plan).select_related("section"):
        draft.body, draft.rows = (
            by_key[draft.section.key]["body"],
            by_key[draft.section.key]["rows"],
        )
        draft.save(update_fields=["body", "rows"])
    PlanAssignment.objects.get_or_create(plan=plan, expert=expert, defaults={"role": "lead"})
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        title=plan.title,
        sections=sections,
        created_by=plan.enrolment.trainee,
        content_hash=content_hash(plan.title, sections),
    )
    transition(
        plan,
        to_status=Plan.Status.SUBMITTED,
        actor=plan.enrolment.trainee,
        verb=AuditEvent.Verb.SUBMIT,
    )
    transition(plan, to_status=Plan.Status.APPROVED, actor=expert, verb=AuditEvent.Verb.APPROVED)


def _forget_renders(seminar: Seminar) -> None:
    """Delete the seminar's renders (rows and files) so that the next run renders again."""
    renders = PdfRender.objects.filter(seminar=seminar) | PdfRender.objects.filter(
        plan__enrolment__seminar=seminar
    )
    for render in renders:
        if render.file:
            render.file.delete(save=False)
    renders.delete()


def _timed[T](function: Callable[[], T], repeat: int) -> tuple[float, T]:
    times: list[float] = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def pipeline_vs_plain(ctx: BenchContext, seminar: Seminar) -> list[Metric]:
    plan = Plan.objects.filter(enrolment__seminar=seminar).order_by("pk")[0]
    version = plan.versions.get()
    with transaction.atomic():
        render = pdf_services._final_render(version=version, actor=None, enqueue=False)
    repeat = 1 if ctx.quick else 3
    html = document.plan_document_html(render)
    pdf.render_pdf(html)  # warm the font cache: both measures then start equal

    def pipeline():
        return pdf.render_pdf(document.plan_document_html(render))

    pipe_seconds, result = _timed(pipeline, repeat)
    plain_seconds, _ = _timed(lambda: pdf.render_pdf_plain(html), repeat)
    return [
        Metric("plan render, pipeline", pipe_seconds, "s", f"{result.pages} pages, median"),
        Metric("plan render, WeasyPrint alone", plain_seconds, "s", "same HTML, median"),
        Metric("pipeline / WeasyPrint", pipe_seconds / plain_seconds, "ratio"),
        Metric("pages per second", result.pages / pipe_seconds, "pages/s", "pipeline"),
    ]


class Workers:
    """Celery worker processes on their own queue, for as long as the block lasts."""

    def __init__(self, count: int, log_dir: Path):
        self.count, self.log_dir = count, log_dir
        self.processes: list[subprocess.Popen[bytes]] = []
        self.names = [f"bench{index}-{os.getpid()}" for index in range(count)]

    def __enter__(self):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ecotown.settings"}
        for index in range(self.count):
            log = (self.log_dir / f"worker{index}.log").open("w")
            command = [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "ecotown",
                "worker",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=WARNING",
                "-n",
                f"{self.names[index]}@%h",
            ]
            self.processes.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
                    command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
                )
            )
        deadline = time.monotonic() + 60
        while len(self._answering()) < self.count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"workers not ready; see {self.log_dir}")
        return self

    def _answering(self) -> set[str]:
        replies = app.control.ping(timeout=0.5) or []
        hosts = {host.split("@")[0] for reply in replies for host in reply}
        return hosts & set(self.names)

    def peak_memory_kib(self) -> int:
        """The largest VmHWM of the workers' pool processes."""
        peak = 0
        for process in self.processes:
            children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text()
            for child in children.split():
                for line in Path(f"/proc/{child}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        return peak

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_ready(render_ids: list[int], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        statuses = set(PdfRender.objects.filter(pk__in=render_ids).values_list("status", flat=True))
        if PdfRender.Status.FAILED in statuses:
            errors = PdfRender.objects.filter(pk__in=render_ids, status="failed")
            raise RuntimeError("; ".join(errors.values_list("error", flat=True)))
        if statuses == {PdfRender.Status.READY}:
            return
        time.sleep(0.1)
    raise RuntimeError("renders not ready in time")


def compendium_on(workers: int, seminar: Seminar, log_dir: Path) -> tuple[float, int, int]:
    """Seconds for the 12-plan compendium on `workers` workers; its pages; peak memory (KiB)."""
    _forget_renders(seminar)
    with Workers(workers, log_dir) as pool:
        started = time.perf_counter()
        with transaction.atomic():
            render = pdf_services.pdf_queue_compendium(seminar=seminar, actor=None)
        _wait_ready([render.pk])
        seconds = time.perf_counter() - started
        render.refresh_from_db()
        return seconds, render.pages, pool.peak_memory_kib()


def run(ctx: BenchContext) -> list[Metric]:
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        raise RuntimeError("the PDF benchmark needs Redis: set CELERY_BROKER_URL")
    app.control.purge()  # messages left on this broker by an earlier run
    log_dir = Path(settings.VAR_DIR) / "bench" / "workers"
    log_dir.mkdir(parents=True, exist_ok=True)
    ctx.say("preparing the benchmark seminar (12 approved plans)")
    seminar = bench_seminar()
    metrics = pipeline_vs_plain(ctx, seminar)
    ctx.say("compendium on one worker")
    one, pages, peak_one = compendium_on(1, seminar, log_dir)
    ctx.say("compendium on two workers")
    two, _pages, peak_two = compendium_on(2, seminar, log_dir)
    return [
        *metrics,
        Metric("worker peak memory", max(peak_one, peak_two) / 1024, "MiB", "VmHWM, pool process"),
        Metric("12-plan compendium, 1 worker", one, "s", f"{pages} pages"),
        Metric("12-plan compendium, 2 workers", two, "s", f"speed-up x{one / two:.2f}"),
    ]
