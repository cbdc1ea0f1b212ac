"""Single sign-on with an organisation's OpenID Connect provider (mozilla-django-oidc).

Off unless OIDC_CLIENT_ID and either OIDC_ISSUER (whose discovery document names the endpoints)
or the explicit endpoints are set. Only staff and experts sign in this way: the provider must vouch
for the e-mail address (email_verified), its domain must be one of OIDC_ALLOWED_EMAIL_DOMAINS, and
an existing account is found by that address; a new one joins OIDC_NEW_USER_GROUP. Trainees keep
their passwords. Every refusal says why on the sign-in page.
"""

from typing import Any, NoReturn

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from ecotown.core import roles
from ecotown.core.backends import active_person
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import record

# mozilla-django-oidc's endpoint settings, each named in the provider's discovery document.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
# The library's names for the portal's settings.
RENAMED = {"OIDC_RP_CLIENT_ID": "OIDC_CLIENT_ID", "OIDC_RP_CLIENT_SECRET": "OIDC_CLIENT_SECRET"}
DISCOVERY_CACHE_SECONDS = 3600
# Roles that may sign in through the organisation; a trainee's account keeps its password.
SSO_ROLES = (roles.COORDINATOR, roles.EXPERT)


def enabled() -> bool:
    explicit = all(getattr(settings, name, "") for name in ENDPOINTS)
    return bool(settings.OIDC_CLIENT_ID and (settings.OIDC_ISSUER or explicit))


def discovery() -> dict[str, Any]:
    """The issuer's discovery document, cached: read once an hour, not on every sign-in."""
    issuer = settings.OIDC_ISSUER.rstrip("/")
    key = f"oidc-discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10)
        response.raise_for_status()
        document = response.json()
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return dict(document)


def setting(attr: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings: endpoints set explicitly win over the discovered ones."""
    if attr in ENDPOINTS:
        explicit = getattr(settings, attr, "")
        return explicit or (discovery()[ENDPOINTS[attr]] if enabled() else "")
    return import_from_settings(RENAMED.get(attr, attr), *default)


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


@transaction.atomic
def user_create_from_claims(*, claims: dict[str, Any]) -> User:
    """A new account for a person the organisation vouches for, in OIDC_NEW_USER_GROUP, with no
    usable password. Logged."""
    email = claims["email"].strip()
    base = email.partition("@")[0][:120] or "staff"
    username = base
    while User.objects.filter(username__iexact=username).exists():
        username = f"{base}-{get_random_string(4).lower()}"
    user = User.objects.create_user(
        username=username,
        email=email,
        first_name=str(claims.get("given_name", ""))[:150],
        last_name=str(claims.get("family_name", ""))[:150],
    )
    user.groups.add(Group.objects.get(name=settings.OIDC_NEW_USER_GROUP))
    record(
        user,
        verb=AuditEvent.Verb.SSO_ACCOUNT_CREATED,
        actor=None,
        note=settings.OIDC_NEW_USER_GROUP,
    )
    return user


class OrganisationBackend(OIDCAuthenticationBackend):
    """Signs in the person the provider's callback names; refusals leave a message for them."""

    request: HttpRequest

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds every backend for each password sign-in too: the provider is asked
        # nothing until a callback arrives, so that local accounts sign in while it is away.
        self.UserModel = User

    get_settings = staticmethod(setting)

    def get_user(self, user_id: Any) -> User | None:
        # As a password account's (ecotown.core.backends): with the roles in one query, and
        # signed out once deactivated, which the provider's backend would not do.
        return active_person(user_id)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if request is None or "nonce" not in kwargs or not enabled():
            return None
        super().__init__()
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def refuse(self, reason: str) -> NoReturn:
        messages.error(self.request, reason)
        self.request.sso_refused = True  # type: ignore[attr-defined]
        raise SuspiciousOperation(reason)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        email = str(claims.get("email") or "")
        if not email:
            self.refuse(_("Your organisation did not tell us your e-mail address."))
        if claims.get("email_verified") is not True:
            self.refuse(
                _("Your organisation has not verified your e-mail address %(email)s.")
                % {"email": email}
            )
        allowed = [domain.lower() for domain in settings.OIDC_ALLOWED_EMAIL_DOMAINS]
        if email_domain(email) not in allowed:
            self.refuse(
                _(
                    "Addresses at %(domain)s cannot sign in through the organisation: "
                    "sign in with your password, or ask a coordinator."
                )
                % {"domain": email_domain(email)}
            )
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        users = User.objects.filter(email__iexact=claims["email"].strip())
        if len(users) > 1:
            self.refuse(
                _("More than one account uses %(email)s: ask a coordinator to sort it out.")
                % {"email": claims["email"]}
            )
        if users and not (users[0].is_superuser or roles.role_of(users[0]) in SSO_ROLES):
            self.refuse(_("Your account signs in with its password, not through the organisation."))
        return users

    def create_user(self, claims: dict[str, Any]) -> User:
        return user_create_from_claims(claims=claims)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return user  # the portal's own record of the name wins: people correct it here


class _WhenEnabled(View):
    """404 while single sign-on is off; the sign-in page again, with the reason, while the
    organisation's provider cannot be reached. Settings come from ours, not mozilla's names."""

    get_settings = staticmethod(setting)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not enabled():
            raise Http404
        try:
            response = super().dispatch(request, *args, **kwargs)
        except requests.RequestException:
            messages.error(request, _("Your organisation's sign-in cannot be reached: try later."))
            return redirect("login")
        return response


class SignInStartView(_WhenEnabled, OIDCAuthenticationRequestView):
    """Sends the browser to the organisation's sign-in page (404 when single sign-on is off)."""

    def __init__(self, **kwargs: Any) -> None:
        # The endpoint is looked up in dispatch, where an unreachable provider can be answered.
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        self.OIDC_OP_AUTH_ENDPOINT = setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = setting("OIDC_RP_CLIENT_ID")
        response: HttpResponse = super().get(request)
        return response


class SignInCallbackView(_WhenEnabled, OIDCAuthenticationCallbackView):
    """Where the organisation sends the browser back with a code (404 when sign-on is off)."""

    @property
    def failure_url(self) -> str:
        return reverse("login")

    def login_failure(self) -> HttpResponse:
        if not getattr(self.request, "sso_refused", False):
            # Cancelled at the provider, a disabled account: no reason of ours to give.
            messages.error(self.request, _("Signing in through your organisation did not succeed."))
        response: HttpResponse = super().login_failure()
        return response
