from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import UpdateView

from ecotown.core import health, roles
from ecotown.core.account import ACCOUNT_LINKS
from ecotown.core.dashboard import panels_for
from ecotown.core.forms import AccountSettingsForm


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    role = roles.role_of(request.user)
    return render(
        request,
        "core/dashboard.html",
        {"panels": panels_for(request, role), "dashboard_role": role},
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, report = health.run_checks()
    return JsonResponse(report, status=200 if healthy else 503)


class AccountSettingsView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    form_class = AccountSettingsForm
    template_name = "core/account_settings.html"
    success_url = reverse_lazy("account-settings")
    success_message = _("Your settings were saved.")

    def get_object(self, queryset: Any = None) -> Any:
        return self.request.user

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "account_links": list(ACCOUNT_LINKS)}
