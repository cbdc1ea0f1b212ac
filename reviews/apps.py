from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Expert review")

    def ready(self) -> None:
        from planning_docs.export import ARCHIVE_PARTS
        from reviews.archive import review_archive_part

        ARCHIVE_PARTS.add(review_archive_part)
