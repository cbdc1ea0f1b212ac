"""Who may read and ask for PDFs. Loaded by planning_docs.pdf.views (rules' autodiscovery only
imports each app's rules.py)."""

import rules

from ecotown.core.rules import is_coordinator
from planning_docs.rules import may_read_plan

rules.add_perm("planning_docs.view_plan_pdf", may_read_plan)
# The trainee, the plan's experts and coordinators may ask for a render of the current text.
rules.add_perm("planning_docs.request_plan_pdf", may_read_plan)
# Certificates are issued by coordinators; the trainee and the experts may download them.
rules.add_perm("planning_docs.issue_certificate", is_coordinator)
rules.add_perm("planning_docs.render_compendium", is_coordinator)
