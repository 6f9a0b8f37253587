"""Tests that need real processes (a worker, two servers) beside the test: they work on the
test database, which such a test commits to (`django_db(transaction=True)`)."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager, suppress
from pathlib import Path

from django.db import connection

REPO = Path(__file__).resolve().parent.parent.parent
LOGS = REPO / "var" / "test-processes"


def database_url() -> str:
    """The test database as a DATABASE_URL for another process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


def process_env(**extra: str) -> dict:
    env = dict(os.environ)
    env.update({"DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "nscl.settings.test",
                "NSCL_WORKER_PROCESS": "1", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


def nscl(*args: str) -> list[str]:
    return [sys.executable, "-m", "nscl", *args]


def gunicorn(port: int) -> list[str]:
    return [str(Path(sys.executable).parent / "gunicorn"), "nscl.wsgi", "--bind",
            f"127.0.0.1:{port}", "--workers", "1", "--access-logfile", "-"]


@contextmanager
def process(name: str, args: list[str], **env: str):
    """Start `python -m nscl ARGS` (or the full command given) in a session of its own, so the
    whole group can be killed; stopped (TERM, then KILL) when the block ends. Its output goes
    to var/test-processes/NAME.log."""
    LOGS.mkdir(parents=True, exist_ok=True)
    log = open(LOGS / f"{name}.log", "w")  # noqa: SIM115 (closed below)
    command = args if args[0].startswith("/") else nscl(*args)
    proc = subprocess.Popen(command, cwd=REPO,
                            env=process_env(**env), stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        yield proc
    finally:
        stop(proc)
        log.close()


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)
        except ProcessLookupError:
            pass


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (RQ runs each job in a child that leaves the process group)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL to the process and all below it: no clean-up of any kind runs."""
    for pid in [proc.pid, *descendants(proc.pid)]:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    proc.wait(timeout=15)


def wait_for(condition: Callable[[], object], *, timeout: float, every: float = 0.05,
             what: str = "", watch: tuple[str, subprocess.Popen] | None = None) -> object:
    """Poll `condition` until true; fail at once if the watched process ended meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if watch and watch[1].poll() is not None:
            raise AssertionError(f"{watch[0]} ended ({watch[1].returncode}):\n{log_of(watch[0])}")
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"gave up after {timeout} s waiting for {what or condition}")


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_of(name: str) -> str:
    path = LOGS / f"{name}.log"
    return path.read_text(errors="replace") if path.exists() else ""
