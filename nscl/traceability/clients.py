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


def limited(ip: str, limit: int) -> bool:
    """Over `limit` requests in the client's current minute (one cache operation)."""
    key = f"resolver:{ip}"
    try:
        count = cache.incr(key)
    except ValueError:  # the client's first request this minute
        count = 1 if cache.add(key, 1, 60) else cache.incr(key)
    return count > limit


def repeat(stamp_id: int, client: str) -> bool:
    """This client scanned this stamp moments ago (one cache operation)."""
    seconds = int(getattr(settings, "NSCL_REPEAT_SCAN_SECONDS", 600))
    return seconds > 0 and not cache.add(f"seen:{stamp_id}:{client}", 1, seconds)
