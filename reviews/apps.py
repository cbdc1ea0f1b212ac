from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Expert review")

    def ready(self) -> None:
        from ecotown.core.erasure import ERASERS, PERSONAL_DATA
        from reviews import personal_data

        PERSONAL_DATA.add(personal_data.export)
        ERASERS.add(personal_data.erase)

        from planning_docs import hooks as plan_hooks
        from planning_docs.export import ARCHIVE_PARTS
        from planning_docs.models import PlanTemplate
        from planning_docs.signals import template_copied
        from reviews.archive import review_archive_part
        from reviews.receivers import plan_list_scores
        from reviews.services import rubric_copy

        ARCHIVE_PARTS.add(review_archive_part)
        plan_hooks.plan_list_scores.register(plan_list_scores)
        template_copied.connect(
            rubric_copy, sender=PlanTemplate, dispatch_uid="reviews.rubric_copy"
        )
