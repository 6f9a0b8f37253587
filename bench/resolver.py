"""The public resolver under load: 50 concurrent clients for 60 s, gunicorn with the production
settings and PostgreSQL on loopback, against a bare Django view on the same server and settings.

Usage: .venv/bin/python bench/resolver.py [--seconds 60] [--connections 50] [--workers 3]
                                          [--rounds 3] [--cache redis://…] [--first-scans 30]

Bare view and resolver take turns (`--rounds` times each), so that a burst of load from elsewhere
on a shared machine hits both; each round's ratio is printed, and the median. The same wrk Lua
script drives both (one path drawn at random per request: /healthz for the bare view, one of
20.000 active stamps' URIs for the resolver, both sent with a phone browser's Accept header, as
the resolver answers a person's scan with the stamp's page itself and an application with a
redirect).

Before the rounds, every stamp is scanned once, in order (short wrk runs, each going on where
the last stopped, until the list is done; a bare run as long beside them): the first scan of a
stamp reads the database and keeps its facts for the scans after it (ADR 15), so the rounds
measure the resolver once its stamps have been seen, and this first pass is printed on its own
line, with its ratio (`--no-first-pass`: the rounds start on stamps never scanned).

Prints requests per second, p99, non-2xx, socket errors, CPU seconds of the gunicorn workers
and of PostgreSQL, and the scans in the log against
the resolver requests wrk completed (counted after the server stopped gracefully, so every
worker has written its scans). Needs `wrk` (installed with apt-get when missing) and the local
PostgreSQL. Every request goes to 127.0.0.1 only.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "postgres://postgres@127.0.0.1:5432/nscl_load"
PORT = 8765
# the paths of a list, and a phone browser's headers (both wrk scripts)
PATHS = """
paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
headers = {}
headers["Accept"] = "text/html,application/xhtml+xml"
headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 14) Mobile"
"""
# one path drawn at random per request
LUA = PATHS + """
request = function()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
"""
# each stamp once, in order from the offset given: wrk's two threads take every other path
FIRST = PATHS + """
counter = 0
setup = function(thread)
  thread:set("first", counter)
  counter = counter + 1
end
init = function(args)
  next_path = first + tonumber(args[1])
end
request = function()
  next_path = next_path + 2
  return wrk.format("GET", paths[(next_path - 2) %% #paths + 1], headers)
end
"""
ISSUE = """
from nscl.traceability.models import Product
from nscl.traceability.services import roll_create, roll_fill, roll_set_status
from nscl.organisation.models import User
rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
batch = rice.batches.get()
admin = User.objects.get(username="admin")
roll = roll_fill(roll_create(product=rice, count=20000, actor=admin, batch=batch))
roll_set_status(roll=roll, status="active", actor=admin)
for s in roll.stamps.values_list("serial", flat=True):
    print(f"/01/{rice.gtin}/10/{batch.lot}/21/{s}")
"""


def sh(*args, env=None, **kwargs):
    return subprocess.run(args, check=True, env=env, cwd=ROOT, **kwargs)


def cpu_seconds(pattern: str) -> dict[int, float]:
    """CPU seconds so far of each process whose command line matches `pattern`."""
    pids = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout
    seconds = {}
    for pid in map(int, pids.split()):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def wrk(script: str, seconds: int, connections: int, *args: str) -> dict:
    groups = {"gunicorn": "gunicorn nscl.wsgi", "postgres": "postgres: "}
    before = {name: cpu_seconds(pattern) for name, pattern in groups.items()}
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
                          "-s", script, f"http://127.0.0.1:{PORT}", *args],
                         capture_output=True, text=True, check=True).stdout
    cpu = {}
    for name, pattern in groups.items():  # a database session opened during the run counts whole
        after = cpu_seconds(pattern)
        cpu[name] = sum(t - before[name].get(pid, 0) for pid, t in after.items())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "errors": errors.group(1) if errors else "none",
            "p99": re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1), "cpu": cpu}


def scans_logged(nscl: str, env: dict) -> int:
    code = "from nscl.traceability.models import Scan; print(Scan.objects.count())"
    out = subprocess.run([nscl, "shell", "--no-imports", "-c", code], env=env,
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return int(out.strip().splitlines()[-1])


def prepare(env: dict, nscl: str, work: Path) -> int:
    """A fresh database with the demo and 20.000 active stamps; the two wrk scripts."""
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS nscl_load WITH (FORCE)")
        c.execute("CREATE DATABASE nscl_load")
    # the demo is development data (production refuses to load it, and its signed report was
    # signed by the development CA): loaded with the development settings, served with production
    dev = {**env, "DJANGO_SETTINGS_MODULE": "nscl.settings.dev"}
    sh(nscl, "migrate", "-v0", env=dev)
    sh(nscl, "load_demo", env=dev, stdout=subprocess.DEVNULL)
    sh(nscl, "collectstatic", "--noinput", "-v0", env=env)
    out = subprocess.run([nscl, "shell", "-c", ISSUE], env=dev, capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    paths = [line for line in out.splitlines() if line.startswith("/01/")]
    for name, lines in (("scan", paths), ("bare", ["/healthz"] * len(paths))):
        (work / f"{name}.txt").write_text("\n".join(lines))
        (work / f"{name}.lua").write_text(LUA % (work / f"{name}.txt"))
    (work / "first.lua").write_text(FIRST % (work / "scan.txt"))
    return len(paths)


def serve(env: dict, workers: int) -> subprocess.Popen:
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "nscl.wsgi", "-w",
                               str(workers), "-b", f"127.0.0.1:{PORT}", "--log-level",
                               "warning"], env=env, cwd=ROOT)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def first_pass(work: Path, stamps: int, connections: int) -> tuple[dict, int]:
    """Every stamp scanned once, in order: wrk runs of a few seconds, each from where the last
    stopped, the last one as long as the rest of the list needs (so it may go a little past
    the end). The runs added up, and the seconds they took."""
    total = {"requests": 0, "non2xx": 0, "cpu": {"gunicorn": 0.0, "postgres": 0.0},
             "errors": "none", "p99": "-"}
    seconds, rate = 0, 0.0
    while total["requests"] < stamps:
        left = stamps - total["requests"]
        run_for = 3 if not rate else max(1, min(10, -(-left // int(rate))))
        run = wrk(str(work / "first.lua"), run_for, connections, str(total["requests"]))
        seconds += run_for
        rate = run["rps"]
        for key in ("requests", "non2xx"):
            total[key] += run[key]
        for name, value in run["cpu"].items():
            total["cpu"][name] += value
        if run["errors"] != "none":
            total["errors"] = run["errors"]
    total["rps"] = total["requests"] / seconds
    return total, seconds


def line(name: str, run: dict) -> str:
    per = {k: v / run["requests"] * 1000 for k, v in run["cpu"].items()}
    return (f"  {name:9} {run['rps']:7.0f} req/s  p99 {run['p99']:>8}  non-2xx {run['non2xx']}"
            f"  socket errors {run['errors']}  CPU ms/request: gunicorn {per['gunicorn']:.2f},"
            f" PostgreSQL {per['postgres']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-first-pass", action="store_true",
                        help="no first scan of every stamp before the rounds")
    parser.add_argument("--cache", default="", help="CACHE_URL for the server, e.g. "
                        "redis://127.0.0.1:6379/4 (the rate limit and the repeat-scan memory)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sh("apt-get", "install", "-y", "-q", "wrk", stdout=subprocess.DEVNULL)
    env = {**os.environ, "DATABASE_URL": DB, "DJANGO_SETTINGS_MODULE": "nscl.settings.production",
           "SECRET_KEY": "bench-only-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "False", "NSCL_RESOLVER_RATE_LIMIT": "100000000",
           "CONN_MAX_AGE": "600",  # sessions live through a run, so their CPU is counted
           "NSCL_RESOLVER_BASE": "https://truyxuat.example.gov.vn"}  # labels only
    if args.cache:
        env["CACHE_URL"] = args.cache
    nscl = str(ROOT / ".venv/bin/nscl")
    work = Path(tempfile.mkdtemp())
    stamps = prepare(env, nscl, work)
    before = scans_logged(nscl, env)
    server = serve(env, args.workers)
    ratios, served, failures = [], 0, 0
    print(f"gunicorn {args.workers} sync workers, production settings, PostgreSQL; wrk "
          f"{args.connections} connections, {args.seconds} s a run; {stamps} distinct stamps; "
          f"cache {args.cache or 'per process (locmem)'}; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        if not args.no_first_pass:
            first, seconds = first_pass(work, stamps, args.connections)
            bare = wrk(str(work / "bare.lua"), seconds, args.connections)
            served += first["requests"]
            failures += bare["non2xx"] + first["non2xx"]
            print(f"first scan of every stamp: ratio {first['rps'] / bare['rps']:.2f} "
                  f"({first['requests']} scans in {seconds} s: the first {stamps} each a "
                  f"stamp's first scan, the rest its second)")
            print(line("bare view", bare))
            print(line("resolver", first))
        for number in range(1, args.rounds + 1):
            bare = wrk(str(work / "bare.lua"), args.seconds, args.connections)
            scans = wrk(str(work / "scan.lua"), args.seconds, args.connections)
            ratios.append(scans["rps"] / bare["rps"])
            served += scans["requests"]
            failures += bare["non2xx"] + scans["non2xx"]
            print(f"round {number}: ratio {ratios[-1]:.2f}")
            print(line("bare view", bare))
            print(line("resolver", scans))
    finally:
        server.terminate()  # graceful: each worker writes the scans it gathered
        server.wait()
    logged = scans_logged(nscl, env) - before
    print(f"median ratio {statistics.median(ratios):.2f} (rounds: "
          f"{', '.join(f'{r:.2f}' for r in ratios)}); non-2xx {failures}")
    print(f"scans logged {logged} for {served} resolver requests completed "
          f"(wrk does not count the requests in flight when a run ends)")
    sys.exit(0 if failures == 0 and logged >= served else 1)


if __name__ == "__main__":
    main()
