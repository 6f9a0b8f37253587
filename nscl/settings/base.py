"""Settings shared by every environment. Everything that differs comes from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(environ.Env().str("NSCL_VAR_DIR", default=str(PROJECT_DIR / "var")))

env = environ.Env()
environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-0123456789abcdefghijklmnopqrstu")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",  # machine clients (`nscl api_token`)
    "drf_spectacular",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "nscl.core",
    "nscl.workflow",
    "nscl.jobs",
    "nscl.organisation",
    "nscl.plans",
    "nscl.budget",
    "nscl.enterprises",
    "nscl.support",
    "nscl.activities",
    "nscl.productivity",
    "nscl.reporting",
    "nscl.traceability",
    "nscl.dashboard",
    "nscl.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nscl.core.middleware.PolicyOnceMiddleware",  # django-csp's, the header built once
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nscl.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "nscl.core.middleware.ControlCharactersMiddleware",  # before any view reads the inputs
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a lockout into the 429 page
]

ROOT_URLCONF = "nscl.urls"
WSGI_APPLICATION = "nscl.wsgi.application"

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
                "nscl.workflow.menu.menu",
            ],
        },
    },
]


def database_from_env() -> dict:
    """One DATABASE_URL; SQLite gets WAL, IMMEDIATE transactions and a busy timeout so the
    web process and a worker do not lock each other out."""
    sqlite = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    # an empty DATABASE_URL (`DATABASE_URL= make test`) means "none": the embedded database
    db = env.db_url_config(env.str("DATABASE_URL", default="") or sqlite)
    db["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if "sqlite" in db["ENGINE"] else 60)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:  # psycopg prepares only the statements that ask for it (the stamp scan, whose
        # planning costs more than its run); None, Django's default, would refuse even those
        db.setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
    return db


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisation.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# a working day: an office computer left logged in overnight is logged out by morning
SESSION_COOKIE_AGE = 9 * 3600
# the Django admin is for the system administrator on a developer's machine; production turns
# it off (settings/production.py) unless NSCL_ADMIN_ENABLED says otherwise
NSCL_ADMIN_ENABLED = env.bool("NSCL_ADMIN_ENABLED", default=True)
# --- login throttling (django-axes): per account and per address ---------------------------
# AxesBackend first: a locked account or address is refused before its password is checked,
# even when the password is right. The address is the one the resolver trusts
# (NSCL_TRUSTED_PROXIES), so a client cannot pick its own by sending X-Forwarded-For.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("NSCL_LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("NSCL_LOGIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_CLIENT_IP_CALLABLE = "nscl.organisation.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "nscl.organisation.throttle.locked_out"  # the Vietnamese 429 page
AXES_DISABLE_ACCESS_LOG = True  # failures are kept (AccessAttempt); successful logins are not
AXES_VERBOSE = False
# --- Content-Security-Policy (django-csp): only our own files; no inline script or style ------
# The pages keep none: styles are classes in static/css, behaviour in static/js (the language
# list's autosubmit, the grid, the score total); htmx's indicator <style> is turned off by the
# htmx-config meta in base.html. Charts are SVG in the page or PNG from our own views; QR codes
# and product photos too. The browser tests fail on any violation (tests/helpers.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["nscl.formats"]
USE_THOUSAND_SEPARATOR = False  # numbers go through the vn_number filter

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.str("STATIC_ROOT", default=str(PROJECT_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="nscl@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # gs1-compression logs every URI it cannot decompress as an error, under the literal name
    # "__name__": a request path that is not a compressed Digital Link is not an error
    "loggers": {"__name__": {"level": "CRITICAL", "propagate": False}},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # sessions only: a password is never sent with each API call (HTTP Basic), so it
        # cannot be guessed there past the login page
        "rest_framework.authentication.SessionAuthentication",
        # machine clients: a token made by `nscl api_token USERNAME`, scoped as its user
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # bodies within bounds (nscl/core/parsers.py): size (413), JSON nesting depth (400), and
    # JSON without control characters. The resources read JSON only: a form encoding has no
    # null, no nested list or object, so the schema could not promise it what JSON means (a
    # date left empty, `outline`); the file upload names its own parser (budget check)
    "DEFAULT_PARSER_CLASSES": ["nscl.core.parsers.ControlFreeJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NSCL API",
    "DESCRIPTION": _("Kế hoạch, chỉ tiêu, dự toán và hồ sơ hỗ trợ trong phạm vi của người dùng."),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],  # not to anonymous
    # every refusal documented with its body (nscl/core/openapi.py)
    # OpenAPI 3.1: its schemas are JSON Schema 2020-12, so the EPCIS 2.0 JSON schema (draft-07)
    # is the capture's body as it is, not an approximation (nscl/traceability/epcis/openapi.py)
    "OAS_VERSION": "3.1.0",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "nscl.core.openapi.document_errors",
                             "nscl.traceability.epcis.openapi.document_binding"],
}

NSCL_RESOLVER_BASE = env.str("NSCL_RESOLVER_BASE", default="http://127.0.0.1:8000")
# the back office's own address: the links in e-mails (`nscl.core.links.absolute_url`)
NSCL_SITE_URL = env.str("NSCL_SITE_URL", default=NSCL_RESOLVER_BASE)
NSCL_RESOLVER_RATE_LIMIT = env.int("NSCL_RESOLVER_RATE_LIMIT", default=120)
# days a scan is kept (0: for ever); `nscl scanlog_maintenance` deletes older ones every night
NSCL_SCAN_RETENTION_DAYS = env.int("NSCL_SCAN_RETENTION_DAYS", default=0)
# seconds a server process gathers scan log rows before writing them in one insert (0: at once)
NSCL_SCAN_LOG_SECONDS = env.float("NSCL_SCAN_LOG_SECONDS", default=0)

# --- the shared cache (ADR 7) ---------------------------------------------------------------
# Local memory by default (one process: `make run`, tests); Redis in production, so the
# resolver's rate limit and cached page frames are shared by every server process:
# CACHE_URL=redis://127.0.0.1:6379/1
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# the proxies (addresses or networks) whose X-Forwarded-For the resolver believes; none by
# default: the client is the connecting address
NSCL_TRUSTED_PROXIES = env.list("NSCL_TRUSTED_PROXIES", default=[])
# a client scanning the same stamp again within this many seconds is counted once
NSCL_REPEAT_SCAN_SECONDS = env.int("NSCL_REPEAT_SCAN_SECONDS", default=600)
# an uploaded image of more pixels is refused before it is decoded (a 40-megapixel photo takes
# about 120 MB to decode; phones take 12–50)
NSCL_IMAGE_MAX_PIXELS = env.int("NSCL_IMAGE_MAX_PIXELS", default=40_000_000)
# the API's request bodies: JSON and forms, and multipart uploads (a spreadsheet to check)
NSCL_API_MAX_BYTES = env.int("NSCL_API_MAX_BYTES", default=2 * 1024 * 1024)
NSCL_API_MAX_UPLOAD_BYTES = env.int("NSCL_API_MAX_UPLOAD_BYTES", default=12 * 1024 * 1024)
NSCL_EPCIS_MAX_BYTES = env.int("NSCL_EPCIS_MAX_BYTES", default=10 * 1024 * 1024)
CACHES["default"].setdefault("KEY_PREFIX", env.str("CACHE_KEY_PREFIX", default="nscl"))
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "nscl.core.cache.ReusedRedisCache"  # one client, not one a call
if env.bool("NSCL_REDIS_SESSIONS", default=False):  # sessions in the cache, written through
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- background tasks (ADR 7): Django's Tasks API through the django-tasks backport ----------
# NSCL_TASKS=database (default: the database is the queue, `nscl worker` runs them),
# rq (Redis through RQ: RQ_URL), immediate (run inside the caller: tests).
NSCL_TASKS = env.str("NSCL_TASKS", default="database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[NSCL_TASKS], "QUEUES": ["default"]}}
RQ_URL = env.str("RQ_URL", default="redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": RQ_URL, "DEFAULT_TIMEOUT": 3600}}
if NSCL_TASKS == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
# queue tasks when the transaction that asked for them commits (False only in tests, whose
# transaction never commits)
NSCL_TASKS_AFTER_COMMIT = True
# a running job whose worker has not said it is alive for this long is taken over
NSCL_JOB_STALE_SECONDS = env.int("NSCL_JOB_STALE_SECONDS", default=60)
# uploads larger than this (registry, attendance) are imported by a job, not in the request
NSCL_IMPORT_INLINE_BYTES = env.int("NSCL_IMPORT_INLINE_BYTES", default=256 * 1024)
# LibreOffice gets this long to turn a document into PDF, then it is stopped
NSCL_PDF_TIMEOUT = env.int("NSCL_PDF_TIMEOUT", default=120)

# Every spreadsheet and Word file is read within these limits (nscl/core/spreadsheets.py); the
# limit reached is named in the Vietnamese error. Sized for a 50.000-line appendix.
NSCL_SPREADSHEET_LIMITS = {
    "max_bytes": env.int("NSCL_SPREADSHEET_MAX_BYTES", default=5 * 1024 * 1024),
    "max_uncompressed_bytes": env.int("NSCL_SPREADSHEET_MAX_UNCOMPRESSED",
                                      default=60 * 1024 * 1024),
    "max_parts": 2000,
    "max_rows": env.int("NSCL_SPREADSHEET_MAX_ROWS", default=100_000),
    "max_columns": env.int("NSCL_SPREADSHEET_MAX_COLUMNS", default=200),
    "max_cells": env.int("NSCL_SPREADSHEET_MAX_CELLS", default=1_000_000),
}
# One bound per kind of quantity (nscl/core/numbers/bounds.py): money in đồng, whatever unit a
# file uses; counts; quantities; shares (0–1); GRDP, capital, investment and labour as entered.
NSCL_NUMBER_BOUNDS = {"money": "1e15", "count": "1e9", "quantity": "1e12", "share": "1",
                      "grdp": "1e15", "labour": "1e9"}
# A productivity series spans at most this many years (years themselves lie in 1900–2100).
NSCL_SERIES_MAX_YEARS = env.int("NSCL_SERIES_MAX_YEARS", default=100)

# Digital signatures on reports (docs/reporting.md): the certificates a signature must chain to
# (PEM files of the government CA), where development keys live, and whether the development
# test CA is trusted (never in production).
NSCL_SIGNING_TRUST_ROOTS = env.list("NSCL_SIGNING_TRUST_ROOTS", default=[])
NSCL_SIGNING_DIR = env.str("NSCL_SIGNING_DIR", default=str(VAR_DIR / "signing"))
NSCL_SIGNING_DEV_CA = env.bool("NSCL_SIGNING_DEV_CA", default=True)
