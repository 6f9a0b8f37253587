"""Django's Redis cache, with one Redis client per connection pool instead of one per call, and
counted hits in one round trip.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache operation; the
constructor fills a case-insensitive table of ~170 response callbacks, which cost about 0,2 ms of
CPU each time — more than the round trip to Redis. A `redis.Redis` is safe to share (each command
takes a connection from the pool), and Django keeps one cache object per thread anyway; behaviour
is otherwise Django's own.

`incr` is one round trip instead of Django's two (`EXISTS`, then `INCRBY`): a script increments
the key only if it exists, as Django's contract says (a missing key is a `ValueError`); in one
step, a key cannot expire between the two commands either (Django's `INCRBY` would then create it
with no expiry).

`count_hits` counts one more hit on several keys at once, each in a window of its own length that
starts at the key's first hit, and stops at the first key over its limit: the resolver's rate
limit and its repeat-scan memory in one round trip a scan, in one script (so atomic), instead of
two or three commands. With the local-memory cache (one process: development, tests) the counts
live in a plain dictionary of the process — what that cache would hold, without its pickling and
locking; with any other backend, a get and a set (not atomic between processes: production's
cache is Redis).
"""

import hashlib
import math
import os
import threading
import time
from collections.abc import Sequence

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# INCRBY only an existing key; nil (None) when it is missing
INCR_EXISTING = ("if redis.call('EXISTS', KEYS[1]) == 1 then "
                 "return redis.call('INCRBY', KEYS[1], ARGV[1]) end return false")

# KEYS: the counters; ARGV: each key's window in seconds, then its limit (-1: none)
COUNT_HITS = """
local counts = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('EXPIRE', key, ARGV[2 * i - 1]) end
  counts[i] = n
  local limit = tonumber(ARGV[2 * i])
  if limit >= 0 and n > limit then break end
end
return counts
"""

COUNT_HITS_SHA = hashlib.sha1(COUNT_HITS.encode()).hexdigest().encode()

Hit = tuple[str, int, int | None]  # key, window in seconds, limit (None: no limit)


def _packed(command: bytes, first: bytes, args: list[bytes]) -> bytes:
    """A command in Redis's protocol (RESP): an array of bulk strings."""
    parts = [b"*%d\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(args) + 2, len(command), command,
                                                         len(first), first)]
    parts += [b"$%d\r\n%s\r\n" % (len(arg), arg) for arg in args]
    return b"".join(parts)


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._scripts = {}  # registered scripts (EVALSHA after their first call)
        self._counter = None  # count_hits's own connection, in the process that made it
        self._counter_pid = 0
        self._counter_lock = threading.Lock()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _script(self, client, source: str):
        script = self._scripts.get(source)
        if script is None:
            script = self._scripts[source] = client.register_script(source)
        return script

    def incr(self, key, delta=1):
        client = self.get_client(key, write=True)
        value = self._script(client, INCR_EXISTING)(keys=[key], args=[delta], client=client)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def count_hits(self, keys: list, windows: list) -> list[int]:
        """COUNT_HITS on a connection of this cache's own, with the command packed here and
        the reply read straight from it: redis-py's client, pool and retry layers around one
        EVALSHA cost more CPU than the round trip (`docs/benchmarks.md`). A connection error
        is tried once more on a new connection; a Redis that lost its scripts gets the script
        itself (EVAL, which caches it again)."""
        args = [str(len(keys)).encode(), *(k.encode() for k in keys),
                *(str(w).encode() for w in windows)]
        with self._counter_lock:
            for attempt in (1, 2):
                connection = self._counter_connection()
                try:
                    try:
                        connection.send_packed_command([_packed(b"EVALSHA", COUNT_HITS_SHA, args)],
                                                       check_health=False)
                        return connection.read_response()
                    except self._lib.exceptions.NoScriptError:
                        connection.send_packed_command(
                            [_packed(b"EVAL", COUNT_HITS.encode(), args)], check_health=False)
                        return connection.read_response()
                except (self._lib.exceptions.ConnectionError,
                        self._lib.exceptions.TimeoutError):
                    connection.disconnect()
                    self._counter = None
                    if attempt == 2:
                        raise

    def _counter_connection(self):
        if self._counter is None or self._counter_pid != os.getpid():  # new, or forked
            pool = self._get_connection_pool(True)
            self._counter = pool.connection_class(**pool.connection_kwargs)
            self._counter_pid = os.getpid()
        return self._counter


class ReusedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient

    def count_hits(self, hits: Sequence[Hit], version=None) -> list[int]:
        """See the module's docstring: the counts, in order (0 for a key not reached)."""
        keys = [self.make_key(key, version=version) for key, _seconds, _limit in hits]
        windows = []
        for _key, seconds, limit in hits:
            windows += [int(seconds), -1 if limit is None else int(limit)]
        counts = self._cache.count_hits(keys, windows)
        return [int(n) for n in counts] + [0] * (len(hits) - len(counts))


class _ProcessMemory:
    """What the cache would hold, for a server whose cache is its own process's memory anyway
    (Django's local-memory backend): the same answers without pickling and locking."""

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

    def forget(self, key: str) -> None:
        self._counts.pop(key, None)

    def clear(self) -> None:
        self._counts.clear()


process_memory = _ProcessMemory()


def _local(cache) -> bool:
    return type(cache).__module__ == "django.core.cache.backends.locmem"


def count_hits(hits: Sequence[Hit], cache=None) -> list[int]:
    """One more hit on each key (see the module's docstring); the counts, in order, 0 for the
    keys after one over its limit."""
    cache = cache or caches["default"]
    if _local(cache):
        return _counted(hits, lambda key, seconds: process_memory.count(key, seconds))
    if hasattr(cache, "count_hits"):
        return cache.count_hits(hits)

    def window_count(key, seconds):  # Django's own `incr` would restart the window
        now = time.time()
        expires, count = cache.get(key) or (0.0, 0)
        if expires <= now:
            expires, count = now + seconds, 0
        cache.set(key, (expires, count + 1), max(1, math.ceil(expires - now)))
        return count + 1

    return _counted(hits, window_count)


def _counted(hits: Sequence[Hit], count) -> list[int]:
    counts = []
    for key, seconds, limit in hits:
        counts.append(count(key, seconds))
        if limit is not None and counts[-1] > limit:
            break
    return counts + [0] * (len(hits) - len(counts))


def forget_hits(key: str, cache=None) -> None:
    """The key's count gone, as if it had never been hit."""
    cache = cache or caches["default"]
    if _local(cache):
        process_memory.forget(key)
    else:
        cache.delete(key)
