"""The `nscl` command: Django's management commands plus the project's own.

`nscl budget check FILE`, `nscl load_demo`, `nscl migrate`, `nscl runserver` … all go through
Django's command line, so every command has the same settings, help and error handling.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nscl.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nscl", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
