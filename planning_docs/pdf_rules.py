"""Who may read and ask for PDFs. Loaded by planning_docs.pdf_views (rules' autodiscovery only
imports rules.py, which belongs to the plan editor)."""

import rules

from ecotown.core.rules import is_coordinator


@rules.predicate
def is_plan_trainee(user, plan) -> bool:
    return plan is not None and plan.enrolment.trainee_id == user.pk


@rules.predicate
def is_plan_expert(user, plan) -> bool:
    return plan is not None and plan.assignments.filter(expert_id=user.pk).exists()


may_read_plan_pdf = rules.is_authenticated & (is_coordinator | is_plan_trainee | is_plan_expert)

rules.add_perm("planning_docs.view_plan_pdf", may_read_plan_pdf)
# The trainee, the plan's experts and coordinators may ask for a render of the current text.
rules.add_perm("planning_docs.request_plan_pdf", may_read_plan_pdf)
# Certificates are issued by coordinators; the trainee and the experts may download them.
rules.add_perm("planning_docs.issue_certificate", is_coordinator)
rules.add_perm("planning_docs.render_compendium", is_coordinator)
