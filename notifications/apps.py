from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from ecotown.core.backends import PERSON_FACTS
        from ecotown.core.erasure import ERASERS, PERSONAL_DATA
        from notifications import personal_data, selectors

        PERSONAL_DATA.add(personal_data.export)
        ERASERS.add(personal_data.erase)
        PERSON_FACTS.add(selectors.UNREAD_FACT)
