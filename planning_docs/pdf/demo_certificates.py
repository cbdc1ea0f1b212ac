"""Demo certificates (a step of seed_demo, after the reviews): trainee04's plan is approved; she
leaves before the seminar's end, so a coordinator issues her certificate by exception."""

from ecotown.core.demo import DemoContext, scaled_username
from planning_docs.models import PdfRender, Plan
from planning_docs.pdf.certificate import certificate_issue

REASON = (
    "Returns to Tianjin after the first week for the city's budget hearing on her pilot; "
    "attended every session until then, and her plan is approved."
)


def seed(ctx: DemoContext) -> None:
    for copy in range(ctx.scale):
        trainee = ctx.users.get(scaled_username("trainee04", copy))
        plan = Plan.objects.filter(
            enrolment__trainee=trainee,
            enrolment__seminar=ctx.seminars[copy],
            status=Plan.Status.APPROVED,
        ).first()
        if plan is None or plan.pdf_renders.filter(kind=PdfRender.Kind.CERTIFICATE).exists():
            continue
        certificate_issue(plan=plan, actor=ctx.users["unido"], reason=REASON)
