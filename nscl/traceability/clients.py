"""Who is scanning, as far as the resolver can trust it.

The client is the connecting address, unless the connection comes from a proxy listed in
`NSCL_TRUSTED_PROXIES` (addresses or networks): then it is the nearest address in
X-Forwarded-For that is not itself a trusted proxy. A client cannot pick its own address by
sending the header, so it can neither escape the rate limit nor raise a stamp's scan count.

One cache round trip a scan (the cache is shared between server processes when CACHE_URL
points at Redis; `nscl.core.cache.count_hits_reading`): the client's count in the current minute
(the rate limit), whether this client scanned this stamp within `NSCL_REPEAT_SCAN_SECONDS` (then
the scan is logged but not counted again), and the stamp's kept facts (`kept`).
"""

import hashlib
import ipaddress
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings

from nscl.core.cache import COUNT_NO, COUNT_YES, Counted, EntryRead, count_hits_reading, forget_hits

from . import kept


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


def _repeat_seconds() -> int:
    return int(getattr(settings, "NSCL_REPEAT_SCAN_SECONDS", 600))


class Visit(NamedTuple):
    over: bool  # over the rate limit: nothing else was counted or read
    seen: bool  # a repeat: this client scanned this stamp moments ago
    kept: Counted | None = None  # the stamp's kept facts (`kept`), when asked


def visit(ip: str, limit: int, serial: str | None = None, client: str = "",
          count: bool = True, gtin: str = "") -> Visit:
    """Over the limit, a repeat, and the stamp's kept facts, in one cache round trip.

    Over the limit: more than `limit` requests from `ip` in the client's current minute. A
    repeat: for a person's scan of the stamp `serial` (serials are unique across every roll, so
    the serial is the stamp), this client scanned it within `NSCL_REPEAT_SCAN_SECONDS` before.
    A request over the limit is refused before anything else, so it does not mark the stamp
    seen. The stamp is marked before it is looked up: a scan that then turns out not to count
    (no such stamp, the producer's own check) calls `forget`. With a serial, the stamp's kept
    facts are read too, and this scan counted on them unless it is a repeat (or `count` is
    false: the scan may be the producer's own, which is known only later)."""
    hits = [(f"resolver:{ip}", 60, limit)]
    seconds = _repeat_seconds()
    if serial and seconds > 0:
        hits.append((_seen_key(serial, client), seconds, None))
    entry = None
    if serial:
        mode = (len(hits) if len(hits) > 1 else COUNT_YES) if count else COUNT_NO
        entry = EntryRead(kept.key(gtin, serial), kept.FACTS, mode)
    counts, facts = count_hits_reading(hits, entry)
    return Visit(counts[0] > limit, len(counts) > 1 and counts[1] > 1, facts)


def forget(serial: str, client: str) -> None:
    """The mark of `visit` taken back: this scan does not make the next one a repeat."""
    if _repeat_seconds() > 0:
        forget_hits(_seen_key(serial, client))


def _seen_key(serial: str, client: str) -> str:
    return f"seen:{serial}:{client}"
