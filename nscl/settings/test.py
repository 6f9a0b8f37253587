"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL says so."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, STATIC_ROOT, TASKS, VAR_DIR, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
VAR_DIR.mkdir(parents=True, exist_ok=True)
NSCL_LOGIN_HINTS = "nscl.demo.accounts.login_hints"  # the login page lists demo accounts
WHITENOISE_USE_FINDERS = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
# tasks run inside the caller (the tests that prove the real worker start `nscl worker` in a
# process of their own); NSCL_TASKS=rq in the Redis run of CI (`make test-redis`)
NSCL_REAL_TASKS = dict(TASKS["default"])  # what those tests switch to (`real_tasks` fixture)
if not env.bool("NSCL_WORKER_PROCESS", default=False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NSCL_TASKS_AFTER_COMMIT = False  # the test's transaction never commits
# a file, not memory, so the worker and server processes some tests start see the same data;
# one per test run, so two runs in one checkout do not share it
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
# the local-memory cache keeps entries (a stamp's kept facts) as Redis does: one process here
NSCL_ENTRIES_IN_PROCESS_MEMORY = True
NSCL_PUBLIC_CACHE_SECONDS = 0  # every test reads a roll's public information afresh
