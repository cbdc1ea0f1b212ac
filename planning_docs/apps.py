from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningDocsConfig(AppConfig):
    name = "planning_docs"
    verbose_name = _("Planning documents")

    def ready(self) -> None:
        from planning_docs import receivers

        receivers.connect()
