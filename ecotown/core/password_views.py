"""Django's password views, their save going through the logged service
(ecotown.core.accounts.account_password_save). Same paths and names as django.contrib.auth.urls."""

from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.views import (
    INTERNAL_RESET_SESSION_TOKEN,
    PasswordChangeView,
    PasswordResetConfirmView,
)
from django.http import HttpResponse, HttpResponseRedirect

from ecotown.core import accounts


class LoggedPasswordChangeView(PasswordChangeView):
    def form_valid(self, form: Any) -> HttpResponse:
        accounts.account_password_save(form=form, by_link=False)
        update_session_auth_hash(self.request, form.user)  # stay signed in, as Django does
        return HttpResponseRedirect(self.get_success_url())


class LoggedPasswordResetConfirmView(PasswordResetConfirmView):
    # post_reset_login stays off (Django's default): the person signs in with the new password.
    def form_valid(self, form: Any) -> HttpResponse:
        accounts.account_password_save(form=form, by_link=True)
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())
