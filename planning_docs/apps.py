from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningDocsConfig(AppConfig):
    name = "planning_docs"
    verbose_name = _("Planning documents")

    def ready(self) -> None:
        from ecotown.core.erasure import ERASERS, PERSONAL_DATA, PERSONAL_FILES
        from planning_docs import personal_data

        PERSONAL_DATA.add(personal_data.export)
        PERSONAL_FILES.add(personal_data.files)
        ERASERS.add(personal_data.erase)

        from planning_docs import receivers

        receivers.connect()
