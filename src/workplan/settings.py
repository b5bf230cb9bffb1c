"""Settings for Work Plan Monitor, read from environment variables (see .env.example)."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from workplan.envconf import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("WORKPLAN_DATA_DIR", str(Path.cwd() / "data"))).resolve()

# The data folder holds the database (password hashes, two-step secrets, sessions), uploads and
# backups: for the server's own user only. Set here, where every process that opens them starts
# (the gunicorn workers, every command), the umask makes each folder 0700 and each file 0600 as
# it is created, the data folder and the database included, and the files SQLite makes beside
# the database later (-wal, -shm) take the database's mode.
os.umask(0o077)


def _keep_private(path: Path) -> None:
    """Takes group and others' access off a file or folder made before (an older version made
    them readable), when it is ours to change."""
    if path.exists() and path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(path.stat().st_mode & 0o700)


_keep_private(DATA_DIR)

PRODUCTION = env_bool("WORKPLAN_PRODUCTION", False)
DEBUG = env_bool("WORKPLAN_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("WORKPLAN_DEBUG cannot be on when WORKPLAN_PRODUCTION is on.")


def _secret_key() -> str:
    """A key from the environment; outside production, one kept in the data folder."""
    configured = env_str("WORKPLAN_SECRET_KEY")
    if configured:
        return configured
    if PRODUCTION:
        raise ImproperlyConfigured("WORKPLAN_SECRET_KEY must be set in production.")
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("WORKPLAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("WORKPLAN_CSRF_TRUSTED_ORIGINS", [])

# Our apps first: where Django's admin or REST framework translate the same text ("Created",
# "Page not found"), the translation in our catalogues is the one a page shows.
INSTALLED_APPS = [
    "workplan.core",
    "workplan.parties",
    "workplan.accounts",
    "workplan.security",
    "workplan.notifications",
    "workplan.plans",
    "workplan.reporting",
    "workplan.meetings",
    "workplan.overview",
    "workplan.publication",
    "workplan.statements",
    "workplan.exchange",
    "workplan.operations",
    "workplan.search",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "workplan.security.middleware.PrivateResponsesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "workplan.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "workplan.accounts.language.AccountLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "workplan.security.middleware.SessionLimitsMiddleware",
    "workplan.security.middleware.TwoStepRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "workplan.urls"
WSGI_APPLICATION = "workplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    default_url = f"sqlite:///{DATA_DIR / 'workplan.sqlite3'}"
    url = env_str("DATABASE_URL", default_url)
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("WORKPLAN_DB_CONN_MAX_AGE", 60))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {error}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Several users at once: WAL lets readers run beside the writer, IMMEDIATE takes the
        # write lock at the start of a transaction so two writers queue instead of deadlocking.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("WORKPLAN_SQLITE_TIMEOUT", 20, minimum=1),
        }
        if config["NAME"] and config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm", "-journal"):
                _keep_private(Path(config["NAME"] + suffix))
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # The access rules' conditions make PostgreSQL overestimate a count's cost and compile
        # it (JIT), which costs more than the query: 350 ms instead of 50 ms at 100,000 rows.
        config.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["workplan.accounts.backends.UserWithPartyBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "workplan.security.validators.MaximumLengthValidator"},
]

# Pages, messages, e-mails and the meeting report's fixed text in each language; the catalogues
# (`<app>/locale/<language>/LC_MESSAGES/django.po`) are in the repository and compiled by the
# build (`make messages` refreshes them). What users write stays in the language it was written in.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語"), ("id", "Bahasa Indonesia")]
LANGUAGE_COOKIE_NAME = "workplan_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names (cached forever by browsers) need `collectstatic`, which production runs.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "uploads"

# Sessions end after inactivity (the cookie's age, renewed on each request) and after an
# absolute lifetime whatever the activity (security/middleware.py).
SESSION_COOKIE_AGE = env_int("WORKPLAN_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_MAX_HOURS = env_int("WORKPLAN_SESSION_MAX_HOURS", 12, minimum=1)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "workplan.core.views.csrf_failure"
if PRODUCTION:
    # The __Host- prefix binds a cookie to this exact host over HTTPS, path "/".
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("WORKPLAN_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("WORKPLAN_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses, refused to every script (security/middleware.py).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "hid",
        "magnetometer", "microphone", "midi", "payment", "serial", "usb",
    )
)  # fmt: skip
TRUSTED_PROXY_HEADER = env_str("WORKPLAN_TRUSTED_PROXY_HEADER")

# A Content Security Policy on every response: only this site's own files, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Sign-in: guessing is slowed per (name, address) and per address; two-step sign-in is
# required for the roles listed.
LOGIN_THROTTLE_MINUTES = env_int("WORKPLAN_LOGIN_THROTTLE_MINUTES", 15, minimum=1)
LOGIN_FAILURES_PER_USER = env_int("WORKPLAN_LOGIN_FAILURES_PER_USER", 5, minimum=1)
LOGIN_FAILURES_PER_ADDRESS = env_int("WORKPLAN_LOGIN_FAILURES_PER_ADDRESS", 50, minimum=1)
# Roles that must use two-step sign-in: the Secretariat in production; nobody in the demo,
# where it is offered to all (a newcomer trying a role needs no authenticator app first).
MFA_REQUIRED_ROLES = env_list("WORKPLAN_MFA_REQUIRED_ROLES", ["secretariat"] if PRODUCTION else [])
OTP_TOTP_ISSUER = "Work Plan Monitor"

EVIDENCE_MAX_MB = env_int("WORKPLAN_EVIDENCE_MAX_MB", 20, minimum=1)
# Room for one evidence file plus the form around it; larger requests are refused early.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# E-mail of notifications and reminders. Production sends through SMTP; elsewhere (the demo)
# each e-mail is written as a file in data/outbox, and nothing leaves the machine.
EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
}
_email_backend = env_str("WORKPLAN_EMAIL_BACKEND") or ("smtp" if PRODUCTION else "file")
EMAIL_BACKEND = EMAIL_BACKENDS.get(_email_backend, _email_backend)
EMAIL_FILE_PATH = Path(env_str("WORKPLAN_EMAIL_FILE_PATH") or DATA_DIR / "outbox").resolve()
EMAIL_HOST = env_str("WORKPLAN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("WORKPLAN_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("WORKPLAN_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("WORKPLAN_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("WORKPLAN_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("WORKPLAN_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Set WORKPLAN_EMAIL_USE_TLS (STARTTLS, usually port 587) or WORKPLAN_EMAIL_USE_SSL"
        " (usually port 465), not both."
    )
EMAIL_TIMEOUT = env_int("WORKPLAN_EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("WORKPLAN_FROM_EMAIL", "Work Plan Monitor <workplan@localhost>")
# The address people open the site at, for links in e-mails and the calendar. Unset, pages
# and the calendar take it from the request; e-mail sent outside a request (`workplan remind`)
# uses this server's own address and port (`make run PORT=8080` gives :8080).
SITE_URL_FIXED = env_str("WORKPLAN_SITE_URL", "").rstrip("/")
REMINDER_DAYS = env_int("WORKPLAN_REMINDER_DAYS", 14, minimum=0)

ACTIVITIES_PER_PAGE = env_int("WORKPLAN_ACTIVITIES_PER_PAGE", 50, minimum=1)

# The REST API (see core/api.py): token or session sign-in, JSON only, every list paged.
# The IATI open data's reporting organisation: its organisation identifier (the prefix of
# every iati-identifier) and name. XI-IATI-ASEC is a placeholder in the form IATI gives
# organisations with no identifier in another register: replace it with the one IATI assigns.
IATI_REPORTING_ORG_REF = env_str("WORKPLAN_IATI_REPORTING_ORG_REF", "XI-IATI-ASEC")
IATI_REPORTING_ORG_NAME = env_str("WORKPLAN_IATI_REPORTING_ORG_NAME", "ASEAN Secretariat")

API_PAGE_SIZE = env_int("WORKPLAN_API_PAGE_SIZE", 50, minimum=1)
API_MAX_PAGE_SIZE = env_int("WORKPLAN_API_MAX_PAGE_SIZE", 500, minimum=1)
# An API list counts its rows up to this many; above it says "more than" (count_is_exact false)
# so a page costs the same however many rows there are.
API_COUNT_LIMIT = env_int("WORKPLAN_API_COUNT_LIMIT", 10_000, minimum=1)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "workplan.security.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["workplan.core.api.AccessPermission"],
    "DEFAULT_PAGINATION_CLASS": "workplan.core.api.Pagination",
    "PAGE_SIZE": API_PAGE_SIZE,
    "DEFAULT_FILTER_BACKENDS": ["workplan.core.api.FilterSetBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "workplan.core.api.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Excel import of the activity register: the largest file read, in MB.
IMPORT_MAX_MB = env_int("WORKPLAN_IMPORT_MAX_MB", 20, minimum=1)
# What an uploaded Word or Excel file may unpack to, in MB (core/office.py), checked before it is
# parsed: a few hundred KB can unpack to gigabytes.
OFFICE_UNPACKED_MAX_MB = env_int("WORKPLAN_OFFICE_UNPACKED_MAX_MB", 100, minimum=1)
SPECTACULAR_SETTINGS = {
    "TITLE": "Work Plan Monitor API",
    "DESCRIPTION": "Plans, activities, progress reporting and meetings, under the same access "
    "rules as the pages. Sign in with a session or a personal API token "
    "(`Authorization: Bearer <token>`, created under API tokens in the user menu).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No link inside each operation's expand button (nested-interactive, WCAG 4.1.2).
    # Plain examples: the highlighter's colours fail contrast (WCAG 1.4.3).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": False},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActivityStatusEnum": "workplan.plans.models.Activity.Status",
        "UpdateStatusEnum": "workplan.reporting.models.ProgressUpdate.Status",
        "MeetingStatusEnum": "workplan.meetings.models.Meeting.Status",
        "ActionItemStatusEnum": "workplan.meetings.models.ActionItem.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "workplan.core.api_schema.document_refusals",
    ],
}
ALLOW_SAMPLE_DATA = not PRODUCTION

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("WORKPLAN_LOG_LEVEL", "INFO")},
}

# `workplan serve` (gunicorn)
SERVE_HOST = env_str("WORKPLAN_HOST", "127.0.0.1")
SERVE_PORT = env_int("PORT", 8000, minimum=1)
_site_host = "127.0.0.1" if SERVE_HOST in ("0.0.0.0", "::", "") else SERVE_HOST  # noqa: S104
SITE_URL = SITE_URL_FIXED or f"http://{_site_host}:{SERVE_PORT}"
SERVE_WORKERS = env_int("WORKPLAN_WORKERS", 2, minimum=1)
