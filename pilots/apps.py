from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilots after the seminar")

    def ready(self) -> None:
        from pilots import receivers

        receivers.connect()
