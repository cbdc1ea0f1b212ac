"""The certificate of completion: the rule that earns it, the path shown to the trainee, and its
issue (automatic once earned, or by a coordinator's exception with a recorded reason).

The rule needs the plan's approval (here) and the attendance (seminars, below): it lives at this
layer. It is earned when the plan is approved and the trainee attended at least the seminar's
attendance threshold (a share of all its sessions, rounded up).
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record
from planning_docs.models import PdfRender, Plan
from planning_docs.pdf import services as pdf_services
from seminars.attendance import AttendanceTally, attendance_tally

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CertificatePath:
    plan_approved: bool
    tally: AttendanceTally
    issued: PdfRender | None

    @property
    def earned(self) -> bool:
        return self.plan_approved and self.tally.reached

    @property
    def automatic(self) -> bool:
        """Issued without anyone asking: earned, in a seminar whose sessions are counted (a
        seminar without sessions has no attendance to go by: a coordinator decides)."""
        return self.earned and self.tally.total > 0


def certificate_path(plan: Plan) -> CertificatePath:
    seminar, trainee = plan.enrolment.seminar, plan.enrolment.trainee
    issued = (
        PdfRender.objects.filter(plan=plan, kind=PdfRender.Kind.CERTIFICATE)
        .order_by("-queued_at", "-id")
        .first()
    )
    return CertificatePath(
        plan_approved=plan.status == Plan.Status.APPROVED,
        tally=attendance_tally(seminar, trainee),
        issued=issued,
    )


class CertificateRefused(ValueError):
    """Nothing was issued; the message says why, for people."""


@transaction.atomic
def certificate_issue(*, plan: Plan, actor: User | None, reason: str = "") -> PdfRender:
    """Issue the plan's trainee their certificate (its render queued on commit).

    Refused (CertificateRefused, nothing changed) before the plan is approved, and while the
    attendance is short of the threshold unless a coordinator gives `reason`: then it is issued
    by exception, and the reason is recorded in the plan's history (AuditEvent)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    path = certificate_path(plan)
    if not path.plan_approved:
        raise CertificateRefused(_("A certificate is issued once the plan is approved."))
    reason = reason.strip()
    if not path.tally.reached:
        if not reason:
            raise CertificateRefused(
                _(
                    "The trainee attended %(attended)d of %(total)d sessions; the certificate "
                    "needs %(needed)d. To issue it anyway, give the reason."
                )
                % {
                    "attended": path.tally.attended,
                    "total": path.tally.total,
                    "needed": path.tally.needed,
                }
            )
        record(plan, verb=AuditEvent.Verb.CERTIFICATE_BY_EXCEPTION, actor=actor, note=reason[:1000])
    try:
        return pdf_services.pdf_request_certificate(plan=plan, actor=actor)
    except pdf_services.NotRenderable as error:
        raise CertificateRefused(str(error)) from None


def certificate_issue_if_earned(*, plan: Plan, actor: User | None) -> PdfRender | None:
    """The certificate, issued now if it has just been earned and none exists (receivers of the
    plan's approval and of each attendance change call this)."""
    path = certificate_path(plan)
    if not path.automatic or path.issued is not None:
        return None
    try:
        return certificate_issue(plan=plan, actor=actor)
    except CertificateRefused:
        # Nothing to render yet (an approved plan without a version): the attendance or the
        # approval being recorded must not fail for it; a coordinator can issue it later.
        logger.warning("certificate of plan %s earned but not renderable", plan.pk)
        return None
