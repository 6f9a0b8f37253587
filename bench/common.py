"""What every benchmark does first: a separate database, migrated, with the demo loaded."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# NSCL_BENCH_DB: a database name of your own when several people bench on one server
BENCH_DB = os.environ.get("NSCL_BENCH_DB", "nscl_bench")
URLS = {"sqlite": "sqlite:////tmp/nscl-bench.sqlite3",
        "postgres": f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}"}


def prepare_database(kind: str) -> None:
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"/tmp/nscl-bench.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {BENCH_DB}")


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
