"""The account page's links to pages that higher apps own (API tokens, ...), without the core
importing them: each app adds its link in its AppConfig.ready()."""

from dataclasses import dataclass

from django.utils.functional import Promise

from ecotown.core.hooks import Contributions


@dataclass(frozen=True)
class AccountLink:
    label: str | Promise
    url_name: str
    # Shown only to those who have this permission (django-rules) when set.
    perm: str = ""


ACCOUNT_LINKS = Contributions("core.account_links")
