"""CPU per request in one process: the bare view (/healthz, as bench/resolver.py) against a
stamp's URI (an active roll of 300 stamps, a phone browser's Accept header), through Django's
request handler with the production settings and the whole middleware stack.

Usage: DATABASE_URL=postgres://… [CACHE_URL=redis://…] .venv/bin/python bench/resolver_cpu.py
       [--requests 2000] [--rounds 3] [--profile resolver|bare] [--fresh]

Measures time.process_time() of this process (the database's own CPU is not in it), bare view and
resolver interleaved `--rounds` times; prints µs per request for both, the difference (what the
resolver costs above the bare view) and the ratio. `--fresh` drops and loads the demo first; the
roll is made once and kept. `--profile` runs cProfile over one round and prints the top entries
(wall-clock time, so waits on PostgreSQL and Redis are in it; with PROFILE_CPU=1 in process CPU,
which leaves them out but makes the profiler's own cost far larger).
The rate limit is raised for the measurement (NSCL_RESOLVER_RATE_LIMIT); every other check runs.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nscl.settings.production")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ["NSCL_RESOLVER_RATE_LIMIT"] = "100000000"
os.environ.setdefault("NSCL_RESOLVER_BASE", "http://testserver")

HEADERS = {"HTTP_ACCEPT": "text/html,application/xhtml+xml",
           "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Mobile"}


def stamp_paths() -> list[str]:
    from nscl.organisation.models import User
    from nscl.traceability.models import Product, StampRoll
    from nscl.traceability.services import roll_create, roll_fill, roll_set_status

    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    batch = rice.batches.get()
    roll = StampRoll.objects.filter(product=rice, status="active", count=300).first()
    if roll is None:
        admin = User.objects.get(username="admin")
        roll = roll_fill(roll_create(product=rice, count=300, actor=admin, batch=batch))
        roll_set_status(roll=roll, status="active", actor=admin)
    return [f"/01/{rice.gtin}/10/{batch.lot}/21/{s}"
            for s in roll.stamps.values_list("serial", flat=True)]


def run(client, paths: list[str], n: int) -> float:
    """µs of process CPU per request over n requests cycling through paths."""
    start = time.process_time()
    for i in range(n):
        response = client.get(paths[i % len(paths)], **HEADERS)
        if response.status_code >= 400:
            raise SystemExit(f"{paths[i % len(paths)]}: {response.status_code}")
    return (time.process_time() - start) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", choices=["resolver", "bare"])
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    if args.fresh:
        call_command("migrate", verbosity=0)
        from nscl.demo.loader import load_demo

        load_demo()  # the command refuses the production settings; the loader does not
    scans = stamp_paths()
    client = Client()
    run(client, ["/healthz"], 50)  # warm up: imports, templates, connections
    run(client, scans, 50)
    if args.profile:
        import cProfile
        import pstats

        paths = scans if args.profile == "resolver" else ["/healthz"]
        clock = time.process_time if os.environ.get("PROFILE_CPU") else time.perf_counter
        profiler = cProfile.Profile(clock)
        profiler.runcall(run, client, paths, args.requests)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return
    bare, resolver = [], []
    for number in range(1, args.rounds + 1):
        bare.append(run(client, ["/healthz"], args.requests))
        resolver.append(run(client, scans, args.requests))
        print(f"round {number}: bare {bare[-1]:.0f} µs, resolver {resolver[-1]:.0f} µs, "
              f"above bare {resolver[-1] - bare[-1]:.0f} µs, ratio {bare[-1] / resolver[-1]:.2f}")
    b, r = statistics.median(bare), statistics.median(resolver)
    print(f"median: bare {b:.0f} µs/request, resolver {r:.0f} µs/request, resolver above bare "
          f"{r - b:.0f} µs, CPU ratio bare/resolver {b / r:.2f}; {args.requests} requests a "
          f"round, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
