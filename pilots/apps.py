from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilots after the seminar")

    def ready(self) -> None:
        from ecotown.core.account_links import ACCOUNT_LINKS, AccountLink
        from pilots import receivers

        receivers.connect()
        ACCOUNT_LINKS.add(
            AccountLink(
                label=_("Alumni directory: your entry"),
                url_name="alumni:listing-edit",
                perm="pilots.join_alumni",
            )
        )
