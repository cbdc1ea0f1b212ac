"""Django's auth views at /accounts/ (portal templates live in templates/registration/)."""

from django.urls import include, path

from ecotown.core import language_views, mfa_views, password_views, sso, views

urlpatterns = [
    path("privacy/", views.privacy_notice, name="privacy-notice"),
    path("settings/", views.AccountSettingsView.as_view(), name="account-settings"),
    path("language/", language_views.language_choose, name="language-choose"),
    path("email/confirm/<str:token>/", views.email_confirm, name="email-confirm"),
    path("two-factor/", mfa_views.mfa_setup, name="mfa-setup"),
    path("two-factor/verify/", mfa_views.mfa_verify, name="mfa-verify"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("oidc/authenticate/", sso.SignInStartView.as_view(), name="oidc-authenticate"),
    path("oidc/callback/", sso.SignInCallbackView.as_view(), name="oidc-callback"),
    path("password_reset/", views.ThrottledPasswordResetView.as_view(), name="password_reset"),
    # Before Django's own: the same paths and names, each save logged.
    path(
        "password_change/",
        password_views.LoggedPasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "reset/<uidb64>/<token>/",
        password_views.LoggedPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("", include("django.contrib.auth.urls")),
]
