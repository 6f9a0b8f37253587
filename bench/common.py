"""What every benchmark does first: a separate database, migrated, with the demo loaded."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URLS = {"sqlite": "sqlite:////tmp/nscl-bench.sqlite3",
        "postgres": "postgres://postgres@127.0.0.1:5432/nscl_bench"}


def prepare_database(kind: str) -> None:
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"/tmp/nscl-bench.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS nscl_bench WITH (FORCE)")
        c.execute("CREATE DATABASE nscl_bench")


def demo_database(kind: str) -> None:
    """Fresh bench database of `kind`, Django set up on it, migrated, demo loaded."""
    prepare_database(kind)
    os.environ["DATABASE_URL"] = URLS[kind]
    os.environ["DJANGO_SETTINGS_MODULE"] = "nscl.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
