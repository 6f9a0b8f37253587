"""Local development: `make run`."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
VAR_DIR.mkdir(parents=True, exist_ok=True)
NSCL_LOGIN_HINTS = "nscl.demo.accounts.login_hints"  # the login page lists demo accounts
WHITENOISE_USE_FINDERS = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
