"""Events of plans and templates that apps above planning_docs act on (connected in their
AppConfig.ready). Sent inside the service's transaction."""

from django.dispatch import Signal

# A template was copied. Arguments: template (the original), copy. reviews copies the rubric.
template_copied = Signal()

# A plan was approved. Arguments: plan, version (the approved one), actor. Sent inside
# plan_approve's transaction: a receiver's writes commit or roll back with the approval.
plan_approved = Signal()
