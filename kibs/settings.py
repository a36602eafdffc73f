"""KIBS settings: one module, read from the environment.

Local defaults are safe for a developer machine (SQLite, DEBUG on). With
DEBUG off, everything production needs must be set, or start-up fails loudly.
"""

import ipaddress
import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "local-development-only-not-a-secret"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project's apps come first: where their catalogues and Django's own
    # translate the same text, the app listed first wins.
    "accounts",
    "routines",
    "meetings",
    "documents",
    "identity",
    "ops",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
]

# Order matters (see docs/deployment.md): the security headers come first so
# every response gets them, static files included; axes comes last, as its
# documentation requires.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A kept public page for someone without a session, as WhiteNoise answers a static file.
    "documents.middleware.public_page_middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, with the signed-in user's own language first.
    "accounts.language.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ops.security.SessionLifetimeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the session's timeouts: someone who must use MFA and has not set it up reaches only its pages.
    "identity.middleware.RequireMFAMiddleware",
    # Lets the logout button of someone logged in through an identity provider go on to its logout.
    "identity.middleware.ProviderFormActionMiddleware",
    "ops.audit.DeniedAccessLogMiddleware",
    "ops.health.DatabaseUnavailableMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kibs.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "kibs.wsgi.application"

# SQLite in the project folder unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The chosen language outlives the browser session (Django's default cookie does not).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
# Attached files (routines/attachments.py) go through the default storage: a folder here
# (MEDIA_ROOT, shared by every host, or S3-compatible storage via django-storages: docs/deployment.md).
# Nothing is served from it directly: every download goes through a view that checks access.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_MB", "20")) * 1024 * 1024
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.environ.get("FILE_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Nothing the app needs is kept on the host's disk, so any number of hosts
# serve the same site: rendered PDFs are stored in the database
# (ops.models.StoredPdf), and the default cache (rate limits, page
# fragments) is shared: Redis when REDIS_URL is set, else a table of the
# database (created by migrate).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kibs_cache",
            # Django's default keeps 300 entries: too few for every plan's cached pages (a few per plan,
            # language and role), which would be thrown out before they are read again.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "50000"))},
        }
    ),
}
# A request that finds its PDF being rendered elsewhere waits this long, then
# gets the "being prepared" page (503 + Retry-After).
PDF_RENDER_WAIT_SECONDS = float(os.environ.get("PDF_RENDER_WAIT_SECONDS", "0.5"))
# A plan with more rows than this (the digest counts them) is never rendered
# inside a request: the download enqueues its render and answers the
# "being prepared" page. The demo plan has about 400 rows.
PDF_INLINE_MAX_ROWS = int(os.environ.get("PDF_INLINE_MAX_ROWS", "1500"))
# Every edit enqueues the render of the PDFs it changes (documents/tasks.py),
# so downloads find them stored.
PDF_RENDER_ON_CHANGE = env_bool("PDF_RENDER_ON_CHANGE", True)

# Background work (django.tasks): one queue in the database, shared by the
# worker processes of every host (`manage.py db_worker`, docs/deployment.md).
# TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend runs each task
# at once in the process that enqueues it (the tests do).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "documents:home"
LOGOUT_REDIRECT_URL = "login"

# Console e-mail locally; SMTP from the environment in production.
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
SMTP_OPTIONS = {
    "host": os.environ.get("EMAIL_HOST", "localhost"),
    "port": int(os.environ.get("EMAIL_PORT", "25")),
    "username": os.environ.get("EMAIL_HOST_USER", ""),
    "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS", False),
}
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": SMTP_OPTIONS if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kibs@localhost")
# Links in e-mails need the address people reach KIBS at; a task has no request to take it from.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# The deadline reminder goes this many days before each deadline.
DEADLINE_REMINDER_DAYS = int(os.environ.get("DEADLINE_REMINDER_DAYS", "7"))

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True


# ---------------------------------------------------------------------------
# Hardening and operations.
# docs/deployment.md explains every environment variable read here.
# ---------------------------------------------------------------------------
# Content-Security-Policy on every response (django.middleware.csp). No inline
# script or style anywhere: templates load static files only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # Bootstrap's stylesheet draws its form and navbar icons as data: SVGs.
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# Django's defaults, spelled out because the header test relies on them.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The load balancer checks /health/ over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Sessions: an idle timeout (the cookie's age, renewed while the user is
# active) and an absolute one from the login; both are kept by
# ops.security.SessionLifetimeMiddleware.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(60 * 60)))
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", str(12 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Addresses or networks of the reverse proxies whose X-Forwarded-For entries
# are believed (ops.security.client_ip); none by default, so the client's
# address is the socket's own and cannot be forged. A bad value stops the start.
TRUSTED_PROXIES = [ipaddress.ip_network(value, strict=False) for value in env_list("TRUSTED_PROXIES")]

# Login throttling: a username is locked only for the address that failed, so
# an attacker elsewhere cannot lock the real user out; and an address that
# fails for many user names (password spraying) is locked for all of them
# (ops.throttling.AddressLimitHandler).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "ops.throttling.AddressLimitHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "ops.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "ops/lockout.html"
# Its start-up banner would land on stdout, inside the output of management
# commands such as dumpdata; failures and lockouts are logged by ops.audit.
AXES_VERBOSE = False

# Password reset requests, counted in the default cache (shared by the
# workers) per address and per e-mail address over a window; beyond the
# limit no e-mail is sent, and the answer is the same as ever.
PASSWORD_RESET_LIMIT_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_ADDRESS", "10"))
PASSWORD_RESET_LIMIT_PER_EMAIL = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_EMAIL", "3"))
PASSWORD_RESET_LIMIT_WINDOW = timedelta(minutes=int(os.environ.get("PASSWORD_RESET_LIMIT_MINUTES", "60")))

# The privacy page (ops.views.privacy) names the data controller: the
# municipality that runs KIBS. Unset, the page says so in general terms.
DATA_CONTROLLER = os.environ.get("DATA_CONTROLLER", "")
DATA_CONTROLLER_CONTACT = os.environ.get("DATA_CONTROLLER_CONTACT", "")
DATA_PROTECTION_OFFICER = os.environ.get("DATA_PROTECTION_OFFICER", "")
# Days the record of each successful login is kept; `manage.py expire_personal_data` deletes older ones.
LOGIN_LOG_DAYS = int(os.environ.get("LOGIN_LOG_DAYS", "90"))

# A database that does not answer must fail fast (503 page), not hang a worker.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))

# Structured logs (one JSON object per line) to stdout, for the platform's
# log collector: errors, and security events from the "kibs.security" logger.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.logformat.JSONFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint logs every layout step at INFO; its warnings still show.
        "weasyprint.progress": {"level": "WARNING"},
        # axes logs every login attempt and lockout in its own words; kibs.security
        # (ops/audit.py) already logs the same events as structured lines.
        "axes": {"level": "ERROR"},
    },
}


# ---------------------------------------------------------------------------
# Logging in with the municipality's own account (docs/sso.md).
# django-allauth: OpenID Connect providers are SocialApps in the database, each
# linked to its municipalities (identity.models); local accounts keep Django's
# login view with axes, and go through allauth's login stages for MFA.
# ---------------------------------------------------------------------------
ACCOUNT_ADAPTER = "identity.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "identity.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
# People are created by an identity provider (just in time) or by a superuser; nobody signs up.
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = False
SOCIALACCOUNT_AUTO_SIGNUP = True
# An e-mail address from a provider never logs into a local account of the same address.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        # allauth's provider with a nonce and an ID token signature checked on every login.
        "provider_class": "identity.oidc.MunicipalProvider",
        "OAUTH_PKCE_ENABLED": True,
    }
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "KIBS"
# Advisors, approvers and superusers with a local account must set up MFA before they can do anything else.
MFA_REQUIRED = env_bool("MFA_REQUIRED", False)
