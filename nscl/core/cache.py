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

In the same call `count_hits` can read an *entry*: a few fields kept with a counter, valid only
while a generation key holds the generation the entry was stored under (`Entry`, `store_entry`,
`bump_generation`). Whoever changes what entries were made from bumps the generation, and every
entry is stale at once, without knowing which keys exist. The resolver keeps a stamp's fixed facts
and its scan count so, and answers a repeated stamp without its database (`traceability.clients`).
Only Redis and the process's memory keep entries; any other backend reads none.
"""

import contextlib
import hashlib
import math
import os
import threading
import time
from collections.abc import Sequence
from typing import NamedTuple

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# INCRBY only an existing key; nil (None) when it is missing
INCR_EXISTING = ("if redis.call('EXISTS', KEYS[1]) == 1 then "
                 "return redis.call('INCRBY', KEYS[1], ARGV[1]) end return false")

# A generation key that is missing (a new, flushed or restarted Redis) starts at the present time
# in microseconds, so a generation is never given again: a server process may still hold facts
# read under an old one.
FRESH_GENERATION = """
local now = redis.call('TIME')
generation = now[1] .. string.format('%06d', tonumber(now[2]))
redis.call('SET', KEYS[GEN], generation)
"""

# KEYS: the counters, then (with an entry) the generation and the entry. ARGV[1]: how many
# counters; then each counter's window in seconds and its limit (-1: none); then (with an entry)
# whether to count it: 0 no, -1 yes, k > 0 yes unless counter k was hit before (a repeat).
# Returns the counts (up to the first over its limit), then the generation, then the entry's fields
# and its count before this hit when the entry was stored under that generation.
COUNT_HITS = """
local n = tonumber(ARGV[1])
local counts = {}
for i = 1, n do
  local c = redis.call('INCR', KEYS[i])
  if c == 1 then redis.call('EXPIRE', KEYS[i], ARGV[2 * i]) end
  counts[i] = c
  local limit = tonumber(ARGV[2 * i + 1])
  if limit >= 0 and c > limit then return counts end
end
if #KEYS == n then return counts end
local generation = redis.call('GET', KEYS[n + 1])
if not generation then""" + FRESH_GENERATION.replace("GEN", "n + 1") + """end
counts[n + 1] = generation
local entry = redis.call('HMGET', KEYS[n + 2], 'g', 'f', 'n')
if entry[1] == generation then
  counts[n + 2] = entry[2]
  counts[n + 3] = tonumber(entry[3])
  local mode = tonumber(ARGV[2 * n + 2])
  if mode == -1 or (mode > 0 and counts[mode] <= 1) then
    redis.call('HINCRBY', KEYS[n + 2], 'n', 1)
  end
end
return counts
"""

# KEYS[1]: the entry, KEYS[2]: the generation key; ARGV: its generation, its fields, its count
# before this hit, what this hit adds to the count (1, 0, or -1 to take back a hit counted by
# mistake), seconds to keep it. Nothing under a generation that is no longer current (a store
# sent before a bump must not replace what was kept after it). An entry another server stored
# meanwhile is kept and only counted; a missing or stale one is written whole (but not to take
# a hit back).
STORE_ENTRY = """
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return end
if redis.call('HGET', KEYS[1], 'g') == ARGV[1] then
  if ARGV[4] ~= '0' then redis.call('HINCRBY', KEYS[1], 'n', ARGV[4]) end
elseif tonumber(ARGV[4]) >= 0 then
  local count = tonumber(ARGV[3]) + tonumber(ARGV[4])
  redis.call('HSET', KEYS[1], 'g', ARGV[1], 'f', ARGV[2], 'n', count)
else
  return
end
redis.call('EXPIRE', KEYS[1], ARGV[5])
"""

BUMP_GENERATION = """
local generation = redis.call('GET', KEYS[1])
if not generation then""" + FRESH_GENERATION.replace("GEN", "1") + """end
return redis.call('INCR', KEYS[1])
"""

COUNT_HITS_SHA = hashlib.sha1(COUNT_HITS.encode()).hexdigest().encode()

Hit = tuple[str, int, int | None]  # key, window in seconds, limit (None: no limit)


class EntryRead(NamedTuple):
    """An entry to read with the counts: its key, the generation key it is valid under, and
    whether this hit counts on it (`COUNT_NO`, `COUNT_YES`, or k: unless hit k is a repeat)."""

    key: str
    generation_key: str
    count: int


COUNT_NO, COUNT_YES = 0, -1


class Counted(NamedTuple):
    """What `count_hits` read beside the counts when asked for an entry."""

    generation: int | None  # None: this cache keeps no entries
    fields: str | None = None  # the entry's fields, when it is valid under that generation
    count: int = 0  # its count before this hit


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
        self._deferred: list[bytes] = []  # entries to store, sent with the next count_hits

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

    def count_hits(self, keys: list, args: list) -> list:
        """COUNT_HITS on a connection of this cache's own, with the command packed here and
        the reply read straight from it: redis-py's client, pool and retry layers around one
        EVALSHA cost more CPU than the round trip (`docs/benchmarks.md`). A connection error
        is tried once more on a new connection; a Redis that lost its scripts gets the script
        itself (EVAL, which caches it again)."""
        args = [str(len(keys)).encode(), *(k.encode() for k in keys),
                *(str(a).encode() for a in args)]
        with self._counter_lock:
            for attempt in (1, 2):
                connection = self._counter_connection()
                deferred, self._deferred = self._deferred, []
                try:
                    try:
                        connection.send_packed_command(
                            [*deferred, _packed(b"EVALSHA", COUNT_HITS_SHA, args)],
                            check_health=False)
                        self._read_deferred(connection, len(deferred))
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

    def _read_deferred(self, connection, count: int) -> None:
        """The replies to the deferred stores: an entry that could not be stored is only a
        later read of what it would have kept."""
        for _ in range(count):
            with contextlib.suppress(self._lib.exceptions.ResponseError):
                connection.read_response()

    def store_entry(self, keys: list, args: list, deferred: bool = False) -> None:
        """STORE_ENTRY now, or (`deferred`) sent in the same write as the next `count_hits` of
        this process (or `send_deferred`), in order before it, without a round trip of its own:
        its reply is read then. A process that exits first stores nothing, which only means a
        later read of what the entry would have kept. At most 100 wait."""
        if not deferred:
            client = self.get_client(keys[0], write=True)
            self._script(client, STORE_ENTRY)(keys=keys, args=args, client=client)
            return
        command = _packed(b"EVAL", STORE_ENTRY.encode(),
                          [b"2", *(k.encode() for k in keys), *(str(a).encode() for a in args)])
        with self._counter_lock:
            self._deferred = [*self._deferred[-99:], command]

    def send_deferred(self) -> None:
        """The deferred stores now, in one round trip (nothing when none wait)."""
        with self._counter_lock:
            deferred, self._deferred = self._deferred, []
            if not deferred:
                return
            connection = self._counter_connection()
            try:
                connection.send_packed_command(deferred, check_health=False)
                self._read_deferred(connection, len(deferred))
            except (self._lib.exceptions.ConnectionError, self._lib.exceptions.TimeoutError):
                connection.disconnect()  # the stores are lost: their readers go the long way
                self._counter = None

    def bump_generation(self, key: str) -> int:
        client = self.get_client(key, write=True)
        return int(self._script(client, BUMP_GENERATION)(keys=[key], client=client))

    def _counter_connection(self):
        if self._counter is None or self._counter_pid != os.getpid():  # new, or forked
            if self._counter_pid != os.getpid():
                self._deferred = []  # the parent's
            pool = self._get_connection_pool(True)
            self._counter = pool.connection_class(**pool.connection_kwargs)
            self._counter_pid = os.getpid()
        return self._counter


class ReusedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient

    def count_hits(self, hits: Sequence[Hit], entry: EntryRead | None = None
                   ) -> tuple[list[int], Counted | None]:
        """See the module's docstring: the counts, in order (0 for a key not reached), and what
        was read of the entry (None: no entry asked, or a key over its limit)."""
        keys = [self.make_key(key) for key, _seconds, _limit in hits]
        args = [len(hits)]
        for _key, seconds, limit in hits:
            args += [int(seconds), -1 if limit is None else int(limit)]
        if entry is not None:
            keys += [self.make_key(entry.generation_key), self.make_key(entry.key)]
            args.append(entry.count)
        reply = self._cache.count_hits(keys, args)
        counts = [int(n) for n in reply[:len(hits)]]
        counts += [0] * (len(hits) - len(counts))
        if entry is None or len(reply) <= len(hits):
            return counts, None
        read = reply[len(hits):]
        if len(read) == 1:
            return counts, Counted(int(read[0]))
        return counts, Counted(int(read[0]), read[1].decode(), int(read[2]))

    def store_entry(self, key: str, generation_key: str, generation: int, fields: str,
                    count: int, add: int, seconds: int, deferred: bool = False) -> None:
        self._cache.store_entry([self.make_key(key), self.make_key(generation_key)],
                                [generation, fields, count, add, int(seconds)], deferred)

    def send_deferred(self) -> None:
        self._cache.send_deferred()

    def bump_generation(self, key: str) -> None:
        self._cache.bump_generation(self.make_key(key))


class _ProcessMemory:
    """What the cache would hold, for a server whose cache is its own process's memory anyway
    (Django's local-memory backend): the same answers without pickling and locking."""

    MAX = 200_000

    def __init__(self) -> None:
        self._counts: dict = {}  # key → (expires at, count)
        self._entries: dict = {}  # key → (expires at, generation, fields, count)
        self._generations: dict = {}  # key → generation

    def count(self, key: str, seconds: int) -> int:
        now = time.monotonic()
        expires, count = self._counts.get(key, (0.0, 0))
        if expires <= now:
            expires, count = now + seconds, 0
            if len(self._counts) > self.MAX:
                self._counts = {k: v for k, v in self._counts.items() if v[0] > now}
        self._counts[key] = (expires, count + 1)
        return count + 1

    def count_hits(self, hits: Sequence[Hit], entry: EntryRead | None
                   ) -> tuple[list[int], Counted | None]:
        counts = _counted(hits, self.count)
        if entry is None or _stopped(hits, counts):
            return counts, None
        generation = self._generation(entry.generation_key)
        expires, stored, fields, count = self._entries.get(entry.key, (0.0, None, None, 0))
        if stored != generation or expires <= time.monotonic():
            return counts, Counted(generation)
        if _counts_entry(entry.count, counts):
            self._entries[entry.key] = (expires, stored, fields, count + 1)
        return counts, Counted(generation, fields, count)

    def store_entry(self, key: str, generation_key: str, generation: int, fields: str,
                    count: int, add: int, seconds: int) -> None:
        if self._generations.get(generation_key) != generation:
            return
        now = time.monotonic()
        expires, stored, kept, kept_count = self._entries.get(key, (0.0, None, None, 0))
        if stored == generation and expires > now:
            fields, count = kept, kept_count
        elif add < 0:
            return
        elif len(self._entries) > self.MAX:
            self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
        self._entries[key] = (now + seconds, generation, fields, count + add)

    def _generation(self, key: str) -> int:
        """As on Redis, a missing generation starts at the present time in microseconds."""
        if key not in self._generations:
            self._generations[key] = time.time_ns() // 1000
        return self._generations[key]

    def bump_generation(self, key: str) -> None:
        self._generations[key] = self._generation(key) + 1

    def forget(self, key: str) -> None:
        self._counts.pop(key, None)

    def clear(self) -> None:
        self._counts.clear()
        self._entries.clear()
        self._generations.clear()


process_memory = _ProcessMemory()


def _local(cache) -> bool:
    return type(cache).__module__ == "django.core.cache.backends.locmem"


def count_hits(hits: Sequence[Hit], cache=None) -> list[int]:
    """One more hit on each key (see the module's docstring); the counts, in order, 0 for the
    keys after one over its limit."""
    return count_hits_reading(hits, None, cache)[0]


def count_hits_reading(hits: Sequence[Hit], entry: EntryRead | None, cache=None
                       ) -> tuple[list[int], Counted | None]:
    """`count_hits`, and in the same call the entry (see the module's docstring): what was read
    of it, None when a key was over its limit (nothing read) or no entry was asked."""
    cache = cache or caches["default"]
    if _local(cache):
        if not _entries_in_process():
            entry_asked, entry = entry, None
            counts, _ = process_memory.count_hits(hits, None)
            return counts, _no_entry(hits, counts, entry_asked)
        return process_memory.count_hits(hits, entry)
    if hasattr(cache, "count_hits"):
        return cache.count_hits(hits, entry)

    def window_count(key, seconds):  # Django's own `incr` would restart the window
        now = time.time()
        expires, count = cache.get(key) or (0.0, 0)
        if expires <= now:
            expires, count = now + seconds, 0
        cache.set(key, (expires, count + 1), max(1, math.ceil(expires - now)))
        return count + 1

    counts = _counted(hits, window_count)
    return counts, _no_entry(hits, counts, entry)


def _no_entry(hits, counts, entry) -> Counted | None:
    return None if entry is None or _stopped(hits, counts) else Counted(None)


def _entries_in_process() -> bool:
    """The local-memory cache keeps entries only where one process serves everything (the test
    suite): with several server processes, one process's bump would not reach the others."""
    from django.conf import settings

    return getattr(settings, "NSCL_ENTRIES_IN_PROCESS_MEMORY", False)


def store_entry(key: str, generation_key: str, generation: int, fields: str, count: int, *,
                add: int, seconds: int, deferred: bool = False, cache=None) -> None:
    """Keep an entry under `generation` (as `count_hits_reading` returned it, and still the
    current one of `generation_key`: otherwise nothing) with its count before this hit plus
    `add` (1 if this hit counts); an entry stored meanwhile under the same generation only has
    `add` added (-1 takes back a hit counted by mistake, and writes no entry). `deferred`: on
    Redis, sent with this process's next `count_hits_reading` or `send_deferred` instead of a
    round trip of its own (an entry is only ever a shortcut: until it is stored, or if it never
    is, the reader goes the long way). Nothing on a backend that keeps no entries."""
    cache = cache or caches["default"]
    if _local(cache):
        if _entries_in_process():
            process_memory.store_entry(key, generation_key, generation, fields, count, add,
                                       seconds)
    elif hasattr(cache, "store_entry"):
        cache.store_entry(key, generation_key, generation, fields, count, add, seconds, deferred)


def send_deferred(cache=None) -> None:
    """The deferred stores of this process, now."""
    cache = cache or caches["default"]
    if hasattr(cache, "send_deferred"):
        cache.send_deferred()


def bump_generation(key: str, cache=None) -> None:
    """Every entry stored under the key's present generation is stale from now on."""
    cache = cache or caches["default"]
    if _local(cache):
        process_memory.bump_generation(key)
    elif hasattr(cache, "bump_generation"):
        cache.bump_generation(key)


def _counted(hits: Sequence[Hit], count) -> list[int]:
    counts = []
    for key, seconds, limit in hits:
        counts.append(count(key, seconds))
        if limit is not None and counts[-1] > limit:
            break
    return counts + [0] * (len(hits) - len(counts))


def _stopped(hits: Sequence[Hit], counts: list[int]) -> bool:
    """Whether a key was over its limit (then nothing after it was counted or read)."""
    return any(limit is not None and n > limit
               for (_key, _seconds, limit), n in zip(hits, counts, strict=True))


def _counts_entry(mode: int, counts: list[int]) -> bool:
    return mode == COUNT_YES or (mode > 0 and counts[mode - 1] <= 1)


def forget_hits(key: str, cache=None) -> None:
    """The key's count gone, as if it had never been hit."""
    cache = cache or caches["default"]
    if _local(cache):
        process_memory.forget(key)
    else:
        cache.delete(key)
