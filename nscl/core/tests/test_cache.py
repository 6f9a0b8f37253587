"""Counted hits (`nscl.core.cache.count_hits`): the resolver's rate limit and repeat-scan memory
in one call. The same answers from Redis (one script, one round trip, on a connection of the
cache's own), from the process's memory (the local-memory cache) and from any other backend
(add and incr): a window per key from its first hit, and nothing counted past a key over its
limit."""

import os
import time
import uuid

import pytest
import redis
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache

from nscl.core.cache import (
    COUNT_NO,
    EntryRead,
    ReusedRedisCache,
    bump_generation,
    count_hits,
    count_hits_reading,
    forget_hits,
    process_memory,
    store_entry,
)

REDIS = os.environ.get("CACHE_URL", "") if os.environ.get("CACHE_URL", "").startswith(
    "redis") else "redis://127.0.0.1:6379/3"


def _redis_cache():
    return ReusedRedisCache(REDIS, {"KEY_PREFIX": f"nscl_test_hits_{uuid.uuid4().hex[:8]}"})


def drop(cache) -> None:
    """This cache's keys gone (not `clear()`, which empties the Redis database of everyone)."""
    if isinstance(cache, ReusedRedisCache):
        client = redis.Redis.from_url(REDIS)
        keys = list(client.scan_iter(f"{cache.key_prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(params=["redis", "locmem", "file"])
def backend(request, tmp_path, settings):
    settings.NSCL_ENTRIES_IN_PROCESS_MEMORY = True  # as in the test settings
    process_memory.clear()
    if request.param == "redis":
        cache = _redis_cache()
    elif request.param == "locmem":
        cache = LocMemCache("hits", {})
    else:
        cache = FileBasedCache(str(tmp_path), {})
    yield cache
    drop(cache)
    process_memory.clear()


def test_each_key_counts_its_hits_and_a_limit_stops_the_later_keys(backend):
    hits = [("rate:1.2.3.4", 60, 3), ("seen:ABC:c1", 600, None)]
    assert [count_hits(hits, backend) for _ in range(3)] == [[1, 1], [2, 2], [3, 3]]
    assert count_hits(hits, backend) == [4, 0]  # over the limit: the second key not touched
    assert count_hits(hits, backend) == [5, 0]
    assert count_hits([("seen:ABC:c1", 600, None)], backend) == [4]
    assert count_hits([("seen:ABC:c2", 600, None)], backend) == [1]  # another client


def test_a_window_starts_at_the_first_hit_and_later_hits_do_not_extend_it(backend):
    count_hits([("k", 1, None)], backend)
    time.sleep(0.6)
    assert count_hits([("k", 1, None)], backend) == [2]  # within the window
    time.sleep(0.6)  # 1,2 s after the first hit, 0,6 s after the last
    assert count_hits([("k", 1, None)], backend) == [1]


def test_forgotten_hits_count_from_one_again(backend):
    count_hits([("seen:ABC:c1", 600, None)], backend)
    forget_hits("seen:ABC:c1", backend)
    assert count_hits([("seen:ABC:c1", 600, None)], backend) == [1]


def test_the_local_memory_cache_counts_in_the_process_memory():
    """One process anyway: a dictionary, not the local-memory cache's pickling and locking."""
    process_memory.clear()
    cache = LocMemCache("hits", {})
    count_hits([("k", 60, None)], cache)
    assert cache.get("k") is None and process_memory.count("k", 60) == 2


def test_on_redis_two_servers_share_the_counts_and_the_window_is_set_once():
    first = _redis_cache()
    second = ReusedRedisCache(REDIS, {"KEY_PREFIX": first.key_prefix})
    try:
        assert count_hits([("rate:9.9.9.9", 60, None)], first) == [1]
        assert count_hits([("rate:9.9.9.9", 60, None)], second) == [2]
        client = redis.Redis.from_url(REDIS)
        key = first.make_key("rate:9.9.9.9")
        assert 55 <= client.ttl(key) <= 60 and int(client.get(key)) == 2
        client.expire(key, 30)  # a later hit leaves the window as it is
        count_hits([("rate:9.9.9.9", 60, None)], first)
        assert client.ttl(key) <= 30
    finally:
        drop(first)


def test_on_redis_one_round_trip_and_it_survives_lost_scripts_and_connections(monkeypatch):
    cache = _redis_cache()
    sent = []
    real = redis.connection.Connection.send_packed_command
    monkeypatch.setattr(redis.connection.Connection, "send_packed_command",
                        lambda self, command, check_health=True: (
                            sent.append(command), real(self, command, check_health))[1])
    try:
        hits = [("rate:5.5.5.5", 60, 100), ("seen:ABC:c1", 600, None)]
        count_hits(hits, cache)
        sent.clear()
        assert count_hits(hits, cache) == [2, 2] and len(sent) == 1  # one command, both keys
        client = redis.Redis.from_url(REDIS)
        client.script_flush()  # Redis restarted without its scripts
        assert count_hits(hits, cache) == [3, 3]
        own = cache._cache._counter  # noqa: SLF001  (the connection count_hits keeps)
        own.send_command("CLIENT", "ID")
        client.client_kill_filter(_id=own.read_response())  # the connection cut
        assert count_hits(hits, cache) == [4, 4]
    finally:
        drop(cache)



def test_an_entry_is_read_and_counted_in_the_same_call_until_its_generation_moves(backend):
    """Entries (`store_entry`, `bump_generation`): Redis and the process's memory keep them,
    any other backend none (then every read says there is no entry, and no generation)."""
    read = EntryRead("stamp:X", "gen", 2)  # counted unless the second hit is a repeat
    hits = [("rate:1.1.1.1", 60, 100), ("seen:X:c1", 600, None)]
    counts, first = count_hits_reading(hits, read, backend)
    if isinstance(backend, FileBasedCache):
        assert counts == [1, 1] and first.generation is None and first.fields is None
        return
    assert first.fields is None  # nothing kept yet
    store_entry("stamp:X", "gen", first.generation, "7|3|0", 41, add=1, seconds=60, cache=backend)
    counts, again = count_hits_reading(hits, read, backend)  # a repeat: read, not counted
    assert counts == [2, 2] and (again.fields, again.count) == ("7|3|0", 42)
    other = [("rate:2.2.2.2", 60, 100), ("seen:X:c2", 600, None)]
    assert count_hits_reading(other, read, backend)[1].count == 42  # counted: 43 after it
    store_entry("stamp:X", "gen", first.generation, "", 0, add=-1, seconds=60, cache=backend)
    peek = EntryRead("stamp:X", "gen", COUNT_NO)
    assert count_hits_reading([], peek, backend)[1].count == 42  # taken back
    store_entry("stamp:X", "gen", first.generation, "7|3|0", 0, add=1, seconds=60, cache=backend)
    assert count_hits_reading([], peek, backend)[1].count == 43  # kept: only counted
    bump_generation("gen", backend)
    stale = count_hits_reading([], peek, backend)[1]
    assert stale.fields is None and stale.generation != first.generation
    store_entry("stamp:X", "gen", stale.generation, "", 0, add=-1, seconds=60, cache=backend)
    assert count_hits_reading([], peek, backend)[1].fields is None  # no entry from a take-back
    store_entry("stamp:X", "gen", first.generation, "7|3|0", 0, add=1, seconds=60,
                cache=backend)  # sent before the bump, arriving after it
    assert count_hits_reading([], peek, backend)[1].fields is None  # not kept
    drop(backend)  # Redis restarted empty (or the cache cleared)
    process_memory.clear()
    fresh = count_hits_reading([], peek, backend)[1].generation
    assert fresh > stale.generation  # a generation is never given again
    over = [("rate:3.3.3.3", 60, 0)]
    assert count_hits_reading(over, read, backend) == ([1], None)  # over the limit: nothing read


def test_on_redis_two_servers_read_and_count_one_entry():
    first = _redis_cache()
    second = ReusedRedisCache(REDIS, {"KEY_PREFIX": first.key_prefix})
    try:
        read = EntryRead("stamp:Y", "gen", -1)
        generation = count_hits_reading([], read, first)[1].generation
        store_entry("stamp:Y", "gen", generation, "9|4|1", 0, add=1, seconds=60, cache=first)
        assert count_hits_reading([], read, second)[1].count == 1
        assert count_hits_reading([], read, first)[1].count == 2
        ttl = redis.Redis.from_url(REDIS).ttl(first.make_key("stamp:Y"))
        assert 55 <= ttl <= 60
    finally:
        drop(first)


def test_on_redis_a_deferred_entry_goes_with_the_next_call_in_the_same_write(monkeypatch):
    """`store_entry(deferred=True)`: no round trip of its own; sent before the next call's
    command, in one write, and its reply read there."""
    first = _redis_cache()
    second = ReusedRedisCache(REDIS, {"KEY_PREFIX": first.key_prefix})
    sent = []
    real = redis.connection.Connection.send_packed_command
    monkeypatch.setattr(redis.connection.Connection, "send_packed_command",
                        lambda self, command, check_health=True: (
                            sent.append(len(command)), real(self, command, check_health))[1])
    try:
        read = EntryRead("stamp:Z", "gen", -1)
        generation = count_hits_reading([], read, first)[1].generation
        sent.clear()
        store_entry("stamp:Z", "gen", generation, "5|2|0", 3, add=1, seconds=60, deferred=True,
                    cache=first)
        assert sent == [] and count_hits_reading([], read, second)[1].fields is None
        sent.clear()
        counts, own = count_hits_reading([("rate:7.7.7.7", 60, None)], read, first)
        assert sent == [2] and counts == [1] and (own.fields, own.count) == ("5|2|0", 4)
        assert count_hits_reading([], read, second)[1].count == 5
    finally:
        drop(first)
