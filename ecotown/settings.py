"""The one settings module: every deployment difference comes from the environment.

With no environment at all it runs the embedded default (SQLite and a file-system Celery broker
under var/, DEBUG on, mail to the console), which is what `make run` uses. `.env.example` documents
every name read here.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from ecotown.core.storage_url import storage_from_url

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
# Folders of local state, made when the portal starts (ecotown.core.apps), never at import.
LOCAL_DIRS = [VAR_DIR]

DEBUG = env.bool("DEBUG", default=True)

# Outside DEBUG a missing secret or host list is a deployment mistake: stop with one line, not a
# traceback, so the operator sees the reason at once.
if not DEBUG:
    for required in ("SECRET_KEY", "ALLOWED_HOSTS"):
        if not env.str(required, default=""):
            raise SystemExit(f"ecotown: {required} must be set when DEBUG is off.")

SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-embedded-default-only-for-debug")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "ecotown.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Full-text search of the library (pilots.library_search) on PostgreSQL; inert on SQLite.
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_countries",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "seminars",
    "trainees",
    "planning_docs",
    "reviews",
    "pilots",
    "notifications",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After authentication: a person's chosen language wins over the browser's guess.
    "ecotown.core.languages.UserLanguageMiddleware",
    "ecotown.core.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After messages and the CSP, so that the pages it sends people to have both.
    "ecotown.core.mfa.SecondFactorMiddleware",
    "ecotown.core.privacy.PrivacyNoticeMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks, so that it sees every authentication failure.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ecotown.urls"
WSGI_APPLICATION = "ecotown.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ecotown.core.context_processors.roles_context",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ecotown.sqlite3'}"),
}
# Persistent connections: a new PostgreSQL connection costs every request 20-35 ms. Django checks a
# reused connection before the request that reuses it, so a restarted server costs no failed page.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with a health check that asks the socket first, and the pages' fixed
    # queries kept prepared on the server (ecotown/core/postgresql). Behind a pooler in
    # transaction mode (pgbouncer's pool_mode=transaction), prepared statements must be off.
    DATABASES["default"]["ENGINE"] = "ecotown.core.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "prepared_statements", env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default serves a web process and a worker at once: wait for locks, don't fail.
    # Write-ahead logging: a page reads while a save commits, and a commit syncs one file, not
    # three (synchronous stays FULL: a committed save survives a power cut).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the person of each page with their roles in one query.
    "ecotown.core.backends.PersonBackend",
    # Answers only the single sign-on callback, and only when OIDC_* below are set.
    "ecotown.core.sso.OrganisationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 3600)
# Reset requests per client address and per account (e-mail address) in a window of seconds.
PASSWORD_RESET_LIMITS = (10, 3)
PASSWORD_RESET_LIMIT_WINDOW = 3600

# Login throttling: five failures for one account from one client address lock that account for
# that address (not for the account's owner elsewhere) for fifteen minutes. The client address is
# the connecting peer's, or, behind TRUSTED_PROXY_COUNT proxies of ours, the one the outermost
# proxy saw (ecotown.core.client_ip): a forged X-Forwarded-For neither evades nor frames.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "ecotown.core.client_ip.client_ip"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# On top (ecotown.core.signin): this many failures on one account, from browsers that never signed
# in to it, hold such browsers for the cool-off; the owner's own browser is never held.
SIGNIN_ACCOUNT_FAILURE_LIMIT = env.int("SIGNIN_ACCOUNT_FAILURE_LIMIT", default=20)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Single sign-on for staff and experts through the organisation's OpenID Connect provider
# (ecotown.core.sso): off unless the client id and the issuer (or every endpoint) are set.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="")
OIDC_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_ALLOWED_EMAIL_DOMAINS = env.list("OIDC_ALLOWED_EMAIL_DOMAINS", default=[])
OIDC_NEW_USER_GROUP = env.str("OIDC_NEW_USER_GROUP", default="expert")
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="UNIDO")
if OIDC_NEW_USER_GROUP not in ("coordinator", "expert"):
    raise SystemExit("ecotown: OIDC_NEW_USER_GROUP must be coordinator or expert.")
# Two-factor sign-in (ecotown.core.mfa): the roles that must use it ("admin" is a superuser).
# On for coordinators and admins in production; off for the embedded demo, whose accounts sign in
# with the password alone. An empty value turns it off.
MFA_REQUIRED_ROLES = [
    role
    for role in env.list("MFA_REQUIRED_ROLES", default=[] if DEBUG else ["coordinator", "admin"])
    if role
]
# The privacy notice (templates/core/privacy_notice.html): everyone accepts this version once at
# sign-in; change it when the notice changes, and everyone is asked again. Empty: never asked.
PRIVACY_NOTICE_VERSION = env.str("PRIVACY_NOTICE_VERSION", default="2026-12")
# Retention (applied nightly by core.apply_retention, each step logged): accounts with no sign-in
# for this many years are closed.
RETENTION_INACTIVE_ACCOUNT_YEARS = env.int("RETENTION_INACTIVE_ACCOUNT_YEARS", default=3)
# Trainees' travel details (flights, passport, needs) and visa letters: deleted this many days
# after their seminar's last day.
RETENTION_TRAVEL_DAYS = env.int("RETENTION_TRAVEL_DAYS", default=30)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Eco-town portal")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc-callback"

LANGUAGE_CODE = "en"
# The portal's languages: the UN languages of the participants, and Japanese for the experts.
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("ja", _("Japanese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# The seminar's zone: the default for people who have not chosen one.
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Tokyo")

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
LOCAL_DIRS.append(STATIC_ROOT)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploads and generated PDFs, through Django's storage API only (ecotown/core/storage_url.py):
# empty is MEDIA_ROOT on this machine; file:///shared/folder or s3://bucket?endpoint_url=...
# when web servers and workers run on several machines.
STORAGE_URL = env.str("STORAGE_URL", default="")
STORAGES = {
    "default": storage_from_url(STORAGE_URL),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"


def _mailer_from_url(url: str) -> dict:
    """Django 6.1's MAILERS entry for an EMAIL_URL such as smtp+tls://user:pw@host:587."""
    parsed = environ.Env.email_url_config(url)
    backend = parsed["EMAIL_BACKEND"]
    if backend.endswith(".smtp.EmailBackend"):
        names = {
            "EMAIL_HOST": "host",
            "EMAIL_PORT": "port",
            "EMAIL_HOST_USER": "username",
            "EMAIL_HOST_PASSWORD": "password",
            "EMAIL_USE_TLS": "use_tls",
            "EMAIL_USE_SSL": "use_ssl",
        }
        options = {names[key]: value for key, value in parsed.items() if key in names and value}
        return {"BACKEND": backend, "OPTIONS": {**options, "timeout": 20}}
    if backend.endswith(".filebased.EmailBackend"):
        # django-environ drops the leading slash of filemail:///abs/path; keep the path as given.
        return {"BACKEND": backend, "OPTIONS": {"file_path": urlsplit(url).path}}
    return {"BACKEND": backend, "OPTIONS": {}}


MAILERS = {"default": _mailer_from_url(env.str("EMAIL_URL", default="consolemail://"))}
# Absolute links in e-mails point here.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Eco-town seminar <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# --- Tunables of the seminar ---------------------------------------------------------------------
# Days a waitlisted trainee has to answer a seat offer before it passes to the next in line.
TRAINEES_OFFER_DAYS = env.int("TRAINEES_OFFER_DAYS", default=5)

# --- The REST API (api/) -------------------------------------------------------------------------
# Requests per token (or per person signed in by session), e.g. "120/minute"; empty: no limit.
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/minute") or None
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.access.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.access.TokenScope",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.access.PerTokenRateThrottle"],
    # JSON only: DRF's own browsable pages carry inline styles that the CSP refuses; people
    # browse the API in the Swagger docs at /api/docs/.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Eco-town seminar API",
    "DESCRIPTION": (
        "Seminars and their timetable, enrolments (coordinators), plans, their sections, versions "
        "and PDFs. Send `Authorization: Bearer <token>` with a token from your account's "
        "API tokens page; each answer shows exactly what the token's owner may see."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs' Swagger UI is vendored (drf-spectacular-sidecar): nothing loads from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/",
}

# --- Security -----------------------------------------------------------------------------------
# On by default outside DEBUG; each can be turned off for a plain-HTTP test deployment.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, read with plain SQL on every page (ecotown/core/sessions.py).
SESSION_ENGINE = "ecotown.core.sessions"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# The largest form a browser legitimately sends is a structured section's table at its rows
# limit: each row has at most five fields and a delete box; the rest is the text, the revision,
# the token and the formset's management fields. Anything larger is refused (400).
PLAN_ROWS_MAX = 200
DATA_UPLOAD_MAX_NUMBER_FIELDS = PLAN_ROWS_MAX * (5 + 1) + 20
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Celery -------------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    # No broker server in the embedded default: messages are files under var/, shared by the web
    # process and the worker. A short polling interval keeps a round trip well under a second.
    _broker_dir = VAR_DIR / "broker"
    LOCAL_DIRS += [_broker_dir / sub for sub in ("queue", "processed", "control")]
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
    CELERY_RESULT_BACKEND = env.str(
        "CELERY_RESULT_BACKEND", default=f"file://{VAR_DIR / 'celery-results'}"
    )
    LOCAL_DIRS.append(VAR_DIR / "celery-results")
else:
    CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)

CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
if not CELERY_BROKER_URL.startswith("filesystem://"):
    # Redis re-delivers an unacknowledged task after the visibility timeout: it must outlast the
    # hard time limit, or a long task would run twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 4}
# Tasks are idempotent, so they are acknowledged after they finish and re-queued if a worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=200)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=400_000)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
# Results are stored only for the tasks whose result someone reads (core.ping): storing one for
# every task made each sending wait on the result store too, and hang when Redis was away.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # E-mails still unsent an hour on (the mail server or the database was away) are sent again.
    "resend-unsent-emails": {"task": "notifications.resend_unsent_emails", "schedule": 3600.0},
    "daily-notification-digests": {
        "task": "notifications.send_daily_digests",
        "schedule": crontab(hour=21, minute=0),  # early morning in Kitakyushu, evening in Vienna
    },
    # Seat offers to waitlisted trainees expire; the freed seat passes to the next in line.
    "trainees-expire-offers": {"task": "trainees.tasks.offers_expire_task", "schedule": 15 * 60},
    # Tasks recorded while the broker was away (ecotown.core.outbox) are sent once it is back.
    "send-outbox": {"task": "core.send_outbox", "schedule": 30.0},
    # The retention policy (ecotown.core.privacy): inactive accounts closed, each logged.
    "apply-retention": {"task": "core.apply_retention", "schedule": crontab(hour=18, minute=30)},
    # Re-queues (or, after the last attempt, fails) PDF renders whose worker died mid-render.
    "sweep-pdf-renders": {"task": "planning_docs.sweep_pdf_renders", "schedule": 60.0},
    # Reminders about pilots' check-ins due in 14 or 3 days, or overdue; each is sent once
    # (pilots.Reminder), so running hourly only makes a missed run harmless.
    "pilots-check-in-reminders": {"task": "pilots.send_check_in_reminders", "schedule": 3600.0},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The demo's steps in story order (seed_demo): people, seminars, seats, plans written and
# submitted, reviewed, rendered. Each is a module with seed(ctx).
DEMO_STEPS = [
    "ecotown.core.demo",
    "seminars.demo",
    "trainees.demo",
    "seminars.schedule_demo",
    "seminars.demo_week",
    "trainees.demo_travel",
    "planning_docs.demo",
    "reviews.demo",
    "planning_docs.pdf.demo",
    "planning_docs.pdf.demo_certificates",
    "pilots.demo",
]

# The sections of `make bench`, each a function run(ctx) -> list[Metric].
BENCH_SECTIONS = {
    "queries": "ecotown.bench.queries.run",
    "latency": "ecotown.bench.latency.run",
    "pdf": "planning_docs.pdf.bench.run",
}
