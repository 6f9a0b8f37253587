"""The resolver's rate limit holds across server processes when they share Redis (CACHE_URL),
and does not with each process's own memory — why production sets CACHE_URL."""

import urllib.error
import urllib.request
import uuid

import pytest

from nscl.tests.processes import free_port, gunicorn, listening, process, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 20
REDIS = "redis://127.0.0.1:6379/3"


def _status(port: int, serial: str) -> int:
    url = f"http://127.0.0.1:{port}/01/08935049500018/21/{serial}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _scan_alternately(cache_url: str | None) -> dict[int, list[int]]:
    """30 scans from one address, sent in turn to two gunicorn servers."""
    env = {"NSCL_RESOLVER_RATE_LIMIT": str(LIMIT),
           "CACHE_KEY_PREFIX": f"nscl_jobs_test_{uuid.uuid4().hex[:8]}"}
    env |= {"CACHE_URL": cache_url} if cache_url else {"CACHE_URL": "locmemcache://"}
    ports = free_port(), free_port()
    with process("server-a", gunicorn(ports[0]), **env) as a, \
            process("server-b", gunicorn(ports[1]), **env) as b:
        for name, proc, port in (("server-a", a, ports[0]), ("server-b", b, ports[1])):
            wait_for(lambda port=port: listening(port), timeout=30, every=0.1,
                     watch=(name, proc))
        statuses = {ports[0]: [], ports[1]: []}
        for n in range(30):
            port = ports[n % 2]
            statuses[port].append(_status(port, f"ZZZZZZZZZ{n:02d}"))
    return statuses


def test_two_servers_sharing_redis_hold_one_limit():
    statuses = _scan_alternately(REDIS)
    every = [s for pair in zip(*statuses.values(), strict=True) for s in pair]
    assert every[:LIMIT] == [404] * LIMIT  # unknown stamps, answered and counted
    assert every[LIMIT:] == [429] * (30 - LIMIT)  # the 21st scan is refused, on either server
    assert all(429 in s for s in statuses.values())


def test_without_a_shared_cache_each_server_counts_alone():
    statuses = _scan_alternately(None)
    assert all(s == [404] * 15 for s in statuses.values())  # 30 scans, none refused
