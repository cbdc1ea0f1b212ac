from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilots after the seminar")

    def ready(self) -> None:
        from ecotown.core.account_links import ACCOUNT_LINKS, AccountLink
        from ecotown.core.erasure import ERASERS, PERSONAL_DATA, PERSONAL_FILES
        from pilots import personal_data, receivers

        receivers.connect()
        PERSONAL_DATA.add(personal_data.export)
        PERSONAL_FILES.add(personal_data.files)
        ERASERS.add(personal_data.erase)
        ACCOUNT_LINKS.add(
            AccountLink(
                label=_("Alumni directory: your entry"),
                url_name="alumni:listing-edit",
                perm="pilots.join_alumni",
            )
        )
