"""The two-factor pages: setting up an authenticator app (with its QR code) and proving it after
signing in. The rules they follow are in ecotown.core.mfa."""

import base64

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from ecotown.core import mfa, throttle
from ecotown.core.guards import refuse, safe_next
from ecotown.core.models import User
from ecotown.core.qr import qr_code_data_uri

PENDING_KEY = "mfa_pending_key"
NEW_CODES = "mfa_new_codes"
VERIFY_LIMIT = 10  # codes tried per person in VERIFY_WINDOW seconds
VERIFY_WINDOW = 900


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if mfa.has_device(user):
        return _manage(request, user)
    form = CodeForm(request.POST or None)
    key = request.session.setdefault(PENDING_KEY, random_hex(20))
    if request.method == "POST" and form.is_valid():
        if mfa.totp_matches(key, form.cleaned_data["token"]):
            request.session[NEW_CODES] = mfa.mfa_enable(request=request, user=user, key_hex=key)
            del request.session[PENDING_KEY]
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(_with_next(request, reverse("mfa-setup")))
        form.add_error("token", _("That code is not right: enter the newest code the app shows."))
    # Built, not saved: the device exists only once its owner has proved the code.
    pending = TOTPDevice(user=user, name="authenticator", key=key)
    context = {
        "form": form,
        "qr_code": qr_code_data_uri(pending.config_url),
        "manual_key": base64.b32encode(bytes.fromhex(key)).decode(),
        "required": mfa.required_for(user),
        "next": request.GET.get("next", ""),
    }
    return render(request, "core/mfa_setup.html", context, status=400 if form.errors else 200)


def _manage(request: HttpRequest, user: User) -> HttpResponse:
    """Two-factor sign-in is on: new recovery codes, or turning it off where no role needs it."""
    action = request.POST.get("action")
    if request.method == "POST" and action == "renew":
        request.session[NEW_CODES] = mfa.mfa_recovery_codes_renew(user=user)
        return redirect("mfa-setup")
    if request.method == "POST" and action == "disable":
        if mfa.required_for(user):
            reason = _("Your role requires two-factor sign-in: it cannot be turned off.")
            return refuse(request, reason, back=reverse("mfa-setup"), status=403)
        mfa.mfa_disable(user=user, actor=user)
        messages.success(request, _("Two-factor sign-in is off."))
        return redirect("mfa-setup")
    if request.method == "POST":
        return refuse(request, _("Unknown action."), back=reverse("mfa-setup"), status=400)
    context = {
        "codes": request.session.pop(NEW_CODES, None),
        "required": mfa.required_for(user),
        "next": safe_next(request, request.GET.get("next"), "core:dashboard"),
    }
    return render(request, "core/mfa_manage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    next_url = safe_next(request, request.GET.get("next"), "core:dashboard")
    if not mfa.has_device(user) or request.user.is_verified():  # type: ignore[union-attr]
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.allow("mfa-verify", str(user.pk), limit=VERIFY_LIMIT, window=VERIFY_WINDOW):
            form.add_error("token", _("Too many codes tried: wait a quarter of an hour."))
            return render(request, "core/mfa_verify.html", {"form": form}, status=429)
        if mfa.mfa_verify(request=request, user=user, token=form.cleaned_data["token"]):
            return redirect(next_url)
        form.add_error("token", _("That code is not right."))
    status = 400 if form.errors else 200
    return render(request, "core/mfa_verify.html", {"form": form}, status=status)


def _with_next(request: HttpRequest, path: str) -> str:
    next_url = request.GET.get("next")
    if next_url and safe_next(request, next_url, "core:dashboard") == next_url:
        return f"{path}?next={next_url}"
    return path
