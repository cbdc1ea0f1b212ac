from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import LoginView, PasswordResetView
from django.core.exceptions import TooManyFieldsSent, ValidationError
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import ListView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from ecotown.core import accounts, audit, health, privacy, roles, signin, sso, throttle
from ecotown.core.account_links import ACCOUNT_LINKS
from ecotown.core.client_ip import client_ip
from ecotown.core.dashboard import panels_for
from ecotown.core.forms import AccountSettingsForm
from ecotown.core.guards import safe_next
from ecotown.core.models import User


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


class AuditLogView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """Coordinators read who did what to which object, and when; filtered, 50 a page."""

    permission_required = "core.view_audit_log"
    template_name = "core/audit_log.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self) -> Any:
        self.filter_form = audit.AuditFilterForm(self.request.GET or None)
        valid = self.filter_form.is_valid()
        filters = {k: v for k, v in self.filter_form.cleaned_data.items() if v} if valid else {}
        return audit.audit_events_for_coordinator(**filters)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "filter_form": self.filter_form}


@require_http_methods(["GET", "POST"])
def privacy_notice(request: HttpRequest) -> HttpResponse:
    """The privacy notice: anyone may read it; a signed-in person accepts its current version."""
    version = privacy.current_version()
    user = request.user
    pending = isinstance(user, User) and bool(version) and not privacy.has_accepted(user, version)
    if request.method == "POST":
        if not isinstance(user, User):
            return redirect("login")
        if pending:
            privacy.privacy_notice_accept(user=user, version=version)
        request.session[privacy.SESSION_ACCEPTED] = version
        return redirect(safe_next(request, request.POST.get("next"), "core:dashboard"))
    context = {
        "version": version,
        "pending": pending,
        "next": request.GET.get("next", ""),
        "retention_years": settings.RETENTION_INACTIVE_ACCOUNT_YEARS,
    }
    return render(request, "core/privacy_notice.html", context)


class AccountSettingsView(LoginRequiredMixin, UpdateView):
    form_class = AccountSettingsForm
    template_name = "core/account_settings.html"
    success_url = reverse_lazy("account-settings")
    success_message = _("Your settings were saved.")

    def get_object(self, queryset: Any = None) -> Any:
        return self.request.user

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        links = [link for link in ACCOUNT_LINKS if not link.perm or user.has_perm(link.perm)]
        return {**super().get_context_data(**kwargs), "account_links": links}

    def form_valid(self, form: "ModelForm[Any]") -> HttpResponse:
        new_email = form.cleaned_data["email"]
        changing_email = new_email != form.initial["email"]
        if changing_email:
            # The other settings are saved now; the address only once its owner confirms it.
            form.instance.email = form.initial["email"]
        self.object = accounts.account_settings_save(form=form, actor=self.object)
        messages.success(self.request, str(self.success_message))
        if not changing_email:
            return redirect(self.get_success_url())
        if throttle.allow("email-change", str(self.request.user.pk), limit=5, window=3600):
            accounts.account_email_change_request(user=self.object, email=new_email)
            messages.info(
                self.request,
                _("We sent a link to %(email)s: your address changes when you open it.")
                % {"email": new_email},
            )
        else:
            messages.error(self.request, _("Too many address changes this hour: try again later."))
        return redirect(self.get_success_url())


@login_required
@require_GET
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to a new address: sets it on the signed-in account it was made for."""
    try:
        assert isinstance(request.user, User)  # login_required
        email = accounts.account_email_confirm(user=request.user, token=token)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": email})
    return redirect("account-settings")


class ThrottledPasswordResetView(PasswordResetView):
    """Django's reset form, limited per client address and per account (e-mail address).

    Past the address's limit the form says so (429). Past the account's limit nothing is sent,
    but the answer is the usual "check your mail": it must not tell whether the address has an
    account, and a stranger must not fill its owner's inbox.
    """

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        per_address, per_account = settings.PASSWORD_RESET_LIMITS
        window = settings.PASSWORD_RESET_LIMIT_WINDOW
        address = client_ip(self.request)
        if not throttle.allow("reset-address", address, limit=per_address, window=window):
            form.add_error(
                None,
                _("Too many reset requests from your address: try again in an hour."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"].strip().lower()
        if not throttle.allow("reset-account", email, limit=per_account, window=window):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class SignInView(LoginView):
    """Django's sign-in, with the per-account hold of ecotown.core.signin on top of axes, and
    the organisation's single sign-on beside it when it is configured."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        organisation = settings.OIDC_PROVIDER_NAME if sso.enabled() else ""
        return {**super().get_context_data(**kwargs), "sso_organisation": organisation}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if signin.account_held(request, request.POST.get("username", "")):
            context = {"account_held": True, "minutes": int(settings.AXES_COOLOFF_TIME * 60)}
            return render(request, "registration/locked_out.html", context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        signin.remember_device(response, form.get_user())
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        signin.note_failure(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a request Django refuses to read, with the reason when a person can act on it."""
    reason: str
    if isinstance(exception, TooManyFieldsSent):
        reason = _(
            "The form sent more fields than the portal accepts: a table holds at most "
            "%(rows)d rows. Go back, remove some rows and save again."
        ) % {"rows": settings.PLAN_ROWS_MAX}
    else:
        reason = str(_("The portal could not read this request."))
    return render(request, "400.html", {"reason": reason}, status=400)
