from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ecotown.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.conf import settings

        # Local state (the SQLite file, the file broker, collected static files) needs its
        # folders; they are made here, when the portal or a worker starts, not when settings load.
        for folder in settings.LOCAL_DIRS:
            folder.mkdir(parents=True, exist_ok=True)

        from django.utils.translation import gettext_lazy as _

        from ecotown.core import mfa, privacy  # noqa: F401  (their sign-in receivers)
        from ecotown.core.account_links import ACCOUNT_LINKS, AccountLink

        ACCOUNT_LINKS.add(AccountLink(label=_("Two-factor sign-in"), url_name="mfa-setup"))
