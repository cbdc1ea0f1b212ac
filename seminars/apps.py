from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarsConfig(AppConfig):
    name = "seminars"
    verbose_name = _("Seminars")

    def ready(self) -> None:
        from ecotown.core.backends import PERSON_FACTS
        from ecotown.core.erasure import ERASERS, PERSONAL_DATA
        from seminars import personal_data, zones

        PERSONAL_DATA.add(personal_data.export)
        ERASERS.add(personal_data.erase)
        PERSON_FACTS.add(zones.HOME_TIME_FACT)
