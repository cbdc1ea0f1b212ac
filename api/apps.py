from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from api import personal_data
        from ecotown.core.erasure import ERASERS, PERSONAL_DATA

        PERSONAL_DATA.add(personal_data.export)
        ERASERS.add(personal_data.erase)

        from api import schema  # noqa: F401 - describes the token authentication to the schema
        from ecotown.core.account_links import ACCOUNT_LINKS, AccountLink

        ACCOUNT_LINKS.add(AccountLink(label=_("API tokens"), url_name="api_tokens:list"))
