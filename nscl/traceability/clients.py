"""Who is scanning, as far as the resolver can trust it.

The client is the connecting address, unless the connection comes from a proxy listed in
`NSCL_TRUSTED_PROXIES` (addresses or networks): then it is the nearest address in
X-Forwarded-For that is not itself a trusted proxy. A client cannot pick its own address by
sending the header, so it can neither escape the rate limit nor raise a stamp's scan count.

Two cache operations a scan (the cache is shared between server processes when CACHE_URL
points at Redis): the client's count in the current minute (the rate limit), and whether this
client scanned this stamp within `NSCL_REPEAT_SCAN_SECONDS` (then the scan is logged but not
counted again).
"""

import hashlib
import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache


@lru_cache(maxsize=1)
def _trusted() -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False)
                 for entry in getattr(settings, "NSCL_TRUSTED_PROXIES", []))


def _is_trusted(address: str) -> bool:
    networks = _trusted()
    if not networks:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def address(meta: dict) -> str:
    """The client's address (see the module's docstring)."""
    remote = meta.get("REMOTE_ADDR", "")
    if not _trusted() or not _is_trusted(remote):
        return remote
    for hop in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop = hop.strip()
        if hop and not _is_trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a forged, malformed hop: the proxy's own address counts
    return remote


def client_hash(ip: str, user_agent: str) -> str:
    """The client as a short hash: enough to count repeat scans, nothing personal kept."""
    return hashlib.sha256(f"{ip}|{user_agent}".encode()).hexdigest()[:16]


class _ProcessMemory:
    """What the cache would hold, for a server whose cache is its own process's memory anyway
    (Django's local-memory backend): the same answers without pickling and locking on every
    scan. With a shared cache (Redis) the cache itself is used, so every process agrees."""

    MAX = 200_000

    def __init__(self) -> None:
        self._counts: dict = {}  # key → (expires at, count)

    def count(self, key: str, seconds: int) -> int:
        now = time.monotonic()
        expires, count = self._counts.get(key, (0.0, 0))
        if expires <= now:
            expires, count = now + seconds, 0
            if len(self._counts) > self.MAX:
                self._counts = {k: v for k, v in self._counts.items() if v[0] > now}
        self._counts[key] = (expires, count + 1)
        return count + 1

    def clear(self) -> None:
        self._counts.clear()


_memory = _ProcessMemory()


def _shared() -> bool:
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def limited(ip: str, limit: int) -> bool:
    """Over `limit` requests in the client's current minute (one cache operation)."""
    key = f"resolver:{ip}"
    if not _shared():
        return _memory.count(key, 60) > limit
    try:
        count = cache.incr(key)
    except ValueError:  # the client's first request this minute
        count = 1 if cache.add(key, 1, 60) else cache.incr(key)
    return count > limit


def repeat(stamp_id: int, client: str) -> bool:
    """This client scanned this stamp moments ago (one cache operation)."""
    seconds = int(getattr(settings, "NSCL_REPEAT_SCAN_SECONDS", 600))
    if seconds <= 0:
        return False
    key = f"seen:{stamp_id}:{client}"
    if not _shared():
        return _memory.count(key, seconds) > 1
    return not cache.add(key, 1, seconds)
