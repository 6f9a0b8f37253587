"""The public resolver under load: 60 s, 50 concurrent clients, gunicorn with PostgreSQL on
loopback, against a bare Django view on the same server and settings.

Usage: .venv/bin/python bench/resolver.py [--seconds 60] [--connections 50] [--workers 4]

Needs `wrk` (Debian package) and the local PostgreSQL. Every request goes to 127.0.0.1 only.
Prints requests per second of both, their ratio, non-2xx responses, and the number of scans
logged against the number of resolver requests served.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "postgres://postgres@127.0.0.1:5432/nscl_load"
PORT = 8765
LUA = """
paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def sh(*args, env=None, **kwargs):
    return subprocess.run(args, check=True, env=env, cwd=ROOT, **kwargs)


def wrk(url: str, seconds: int, connections: int, script: str | None = None) -> dict:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        args += ["-s", script]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": requests, "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "errors": errors.group(1) if errors else "none",
            "p99": re.search(r"99%\s+(\S+)", out).group(1)}


def scans_logged(nscl: str, env: dict) -> int:
    code = "from nscl.traceability.models import Scan; print(Scan.objects.count())"
    out = subprocess.run([nscl, "shell", "--no-imports", "-c", code], env=env,
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return int(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS nscl_load WITH (FORCE)")
        c.execute("CREATE DATABASE nscl_load")
    env = {**os.environ, "DATABASE_URL": DB, "DJANGO_SETTINGS_MODULE": "nscl.settings.production",
           "SECRET_KEY": "bench-only-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "False", "NSCL_RESOLVER_RATE_LIMIT": "100000000",
           "NSCL_RESOLVER_BASE": f"http://127.0.0.1:{PORT}"}
    nscl = str(ROOT / ".venv/bin/nscl")
    sh(nscl, "migrate", "-v0", env=env)
    sh(nscl, "load_demo", env=env, stdout=subprocess.DEVNULL)
    sh(nscl, "collectstatic", "--noinput", "-v0", env=env)
    out = subprocess.run([nscl, "shell", "-c", """
from nscl.traceability.models import Product
from nscl.traceability.services import roll_create, roll_fill, roll_set_status
from nscl.organisation.models import User
rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
batch = rice.batches.get()
roll = roll_fill(roll_create(product=rice, count=20000, actor=User.objects.get(username="admin"),
                             batch=batch))
roll_set_status(roll=roll, status="active", actor=User.objects.get(username="admin"))
for s in roll.stamps.values_list("serial", flat=True):
    print(f"/01/{rice.gtin}/10/{batch.lot}/21/{s}")
"""], env=env, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    paths = [line for line in out.splitlines() if line.startswith("/01/")]
    work = Path(tempfile.mkdtemp())
    (work / "paths.txt").write_text("\n".join(paths))
    (work / "scan.lua").write_text(LUA % (work / "paths.txt"))
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "nscl.wsgi", "-w",
                               str(args.workers), "-b", f"127.0.0.1:{PORT}", "--log-level",
                               "warning"], env=env, cwd=ROOT)
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        before = scans_logged(nscl, env)
        bare = wrk(f"http://127.0.0.1:{PORT}/healthz", args.seconds, args.connections)
        scans = wrk(f"http://127.0.0.1:{PORT}", args.seconds, args.connections,
                    str(work / "scan.lua"))
    finally:
        server.terminate()  # graceful: each worker writes its pending scan log rows
        server.wait()
    after = scans_logged(nscl, env)
    print(f"gunicorn {args.workers} sync workers, PostgreSQL, {args.connections} connections, "
          f"{args.seconds} s each, {len(paths)} distinct stamps")
    print(f"bare view: {bare['rps']:.0f} req/s (p99 {bare['p99']}, non-2xx {bare['non2xx']}, "
          f"socket errors {bare['errors']})")
    print(f"resolver:  {scans['rps']:.0f} req/s (p99 {scans['p99']}, non-2xx {scans['non2xx']}, "
          f"socket errors {scans['errors']}); ratio {scans['rps'] / bare['rps']:.2f}")
    print(f"scans logged {after - before} for {scans['requests']} resolver requests completed")
    sys.exit(0)


if __name__ == "__main__":
    main()
