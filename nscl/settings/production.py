"""Production: every secret and host from the environment; `nscl check --deploy` is clean.

What production must set (docs/deploy.md): SECRET_KEY, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS,
DATABASE_URL (PostgreSQL), CACHE_URL (Redis), NSCL_TASKS=rq with RQ_URL (or the database
queue), NSCL_RESOLVER_BASE (the public https address printed on every label), EMAIL_URL,
DEFAULT_FROM_EMAIL, MEDIA_ROOT and STATIC_ROOT.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
NSCL_PRODUCTION = True  # `load_demo` refuses to run here
NSCL_ADMIN_ENABLED = env.bool("NSCL_ADMIN_ENABLED", default=False)

# the resolver's public address goes on every printed label: never a default, never local
NSCL_RESOLVER_BASE = env.str("NSCL_RESOLVER_BASE")
if urlsplit(NSCL_RESOLVER_BASE).hostname in {None, "127.0.0.1", "localhost", "0.0.0.0", "::1"}:
    raise ImproperlyConfigured(
        f"NSCL_RESOLVER_BASE={NSCL_RESOLVER_BASE!r}: labels need the public address of the "
        "resolver, e.g. https://truyxuat.example.gov.vn")
# the links in e-mails: the back office's address, the resolver's unless it has its own
NSCL_SITE_URL = env.str("NSCL_SITE_URL", default=NSCL_RESOLVER_BASE)
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/"]  # monitors ask gunicorn directly, over plain HTTP
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
NSCL_LOGIN_HINTS = None  # never list accounts in production
NSCL_SCAN_LOG_SECONDS = env.float("NSCL_SCAN_LOG_SECONDS", default=0.5)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
NSCL_SIGNING_DEV_CA = env.bool("NSCL_SIGNING_DEV_CA", default=False)  # the test CA is never trusted
