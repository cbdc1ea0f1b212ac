"""The header's language switcher: one POST, the same page back in the chosen language."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecotown.core import accounts
from ecotown.core.guards import redirect_back
from ecotown.core.languages import COOKIE_AGE, supported


@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """Remember the language for this browser (a cookie) and, for a signed-in person, in their
    settings, so that their e-mails follow it too."""
    language = supported(request.POST.get("language"))
    if language is None:
        return HttpResponseBadRequest(_("The portal does not speak this language."))
    if request.user.is_authenticated:
        accounts.account_language_set(user=request.user, language=language)
    response = redirect_back(request, "core:dashboard")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=COOKIE_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response
