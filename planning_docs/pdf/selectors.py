"""Reads for the PDFs: which renders of a plan or seminar there are."""

from django.db.models import QuerySet

from planning_docs.models import PdfRender, Plan
from planning_docs.versions import newest_version
from seminars.models import Seminar

PLAN_KINDS = (PdfRender.Kind.FINAL, PdfRender.Kind.DRAFT)


def renders_of_plan(plan: Plan) -> QuerySet[PdfRender]:
    return PdfRender.objects.filter(plan=plan, kind__in=PLAN_KINDS).select_related("version")


def newest_ready_render(plan: Plan) -> PdfRender | None:
    """The approved document of an approved plan when it is ready; else the newest ready PDF."""
    ready = renders_of_plan(plan).filter(status=PdfRender.Status.READY)
    if plan.status == Plan.Status.APPROVED:
        version = newest_version(plan)
        final = ready.filter(kind=PdfRender.Kind.FINAL, version=version).first()
        if final is not None:
            return final
    return ready.order_by("-finished_at", "-id").first()


def newest_render(plan: Plan) -> PdfRender | None:
    return renders_of_plan(plan).order_by("-queued_at", "-id").first()


def approved_plans_of_seminar(seminar: Seminar) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(enrolment__seminar=seminar, status=Plan.Status.APPROVED)
        .select_related("enrolment__trainee__trainee_profile")
        .order_by("enrolment__trainee__last_name", "enrolment__trainee__first_name", "id")
    )
