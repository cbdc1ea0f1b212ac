"""The account's "API tokens" page: create a token (its key shown once), revoke one."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from api import selectors
from api.forms import ApiTokenForm
from api.services import api_token_create, api_token_revoke
from ecotown.core.guards import guarded, permission_required


def _page(request: HttpRequest, form: ApiTokenForm, **extra: object) -> dict:
    return {"form": form, "tokens": selectors.tokens_for_user(request.user), **extra}


@never_cache
@permission_required("api.manage_tokens")
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """GET: the person's tokens and the form. POST: a new token, whose key is on this one
    response only (never stored, never cached)."""
    if request.method == "GET":
        return render(request, "api/token_list.html", _page(request, ApiTokenForm()))
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return render(request, "api/token_list.html", _page(request, form), status=400)
    token, key = api_token_create(
        user=request.user,  # type: ignore[arg-type]
        name=form.cleaned_data["name"],
        scope=form.cleaned_data["scope"],
    )
    context = _page(request, ApiTokenForm(), created=token, key=key)
    return render(request, "api/token_list.html", context, status=201)


@guarded(selectors.token_for_user_or_404)
@require_POST
def token_revoke(request: HttpRequest, token: object) -> HttpResponse:
    revoked = api_token_revoke(token=token, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": revoked.name})
    return redirect("api_tokens:list")
