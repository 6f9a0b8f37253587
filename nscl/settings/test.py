"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL says so."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
VAR_DIR.mkdir(parents=True, exist_ok=True)
NSCL_LOGIN_HINTS = "nscl.demo.accounts.login_hints"  # the login page lists demo accounts
WHITENOISE_USE_FINDERS = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
NSCL_SYNC_TASKS = True  # stamp rolls are filled in the request, not a thread
NSCL_PUBLIC_CACHE_SECONDS = 0  # every test reads a roll's public information afresh
