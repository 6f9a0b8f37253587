"""One scan of a stamp: find it, count it, tell what it is, log it.

This is the hot path of the public resolver, so a scan reads one row (the stamp with its roll's
status and its product's publication and version) through a statement prepared once per database
connection, and leaves the writing (the log row, the stamp's counter) to `scanlog`, which does it
at once or in batches.
"""

import datetime as dt
import weakref
from decimal import Decimal
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from nscl.core.cache import Counted

from . import kept
from .choices import RecallState, RollStatus, ScanResult
from .clients import client_hash  # noqa: F401  (kept importable from here)
from .models import Batch, Product, Recall, Stamp, StampRoll
from .scanlog import scan_log
from .serials import is_well_formed


class StampHit(NamedTuple):
    """What a scan learns about a stamp that exists (a named tuple: made on every scan, and a
    frozen dataclass of eleven fields costs several times as much to make)."""

    stamp_id: int
    previous: int  # scans before this one
    voided: bool
    roll_id: int
    roll_status: str
    published: bool
    version: object  # the product's last change: a new value builds its public page afresh
    with_pin: bool = False
    expires_on: dt.date | None = None
    recall_id: int | None = None  # the lot's recall in force, if any
    recall_version: object = None  # its last change (the page's recall box is kept per change)


class ScanOutcome(NamedTuple):
    result: str
    hit: StampHit | None
    counted: bool = True  # false: a repeat by the same client, or the producer's own check
    by_owner: bool = False

    @property
    def genuine(self) -> bool:
        return self.result in (ScanResult.GENUINE_FIRST, ScanResult.GENUINE_REPEAT)

    @property
    def shows_product(self) -> bool:
        """A void or unknown stamp tells nothing more; an unpublished product neither."""
        return self.genuine and self.hit.published

    @property
    def previous(self) -> int:
        return self.hit.previous if self.hit else 0


def _roll_part() -> tuple[str, str]:
    """The columns of what a stamp's roll, product, lot and recall say on its page, and the
    joins that reach them from the roll `r` (PostgreSQL and SQLite alike)."""
    product, batch, recall = (m._meta.db_table for m in (Product, Batch, Recall))
    return ("r.status, p.published, p.updated_at, r.with_pin, b.expires_on, rc.id, rc.updated_at,"
            " p.gtin, b.lot",
            f" JOIN {product} p ON p.id = r.product_id LEFT JOIN {batch} b ON b.id = r.batch_id"
            f" LEFT JOIN {recall} rc ON rc.batch_id = b.id AND rc.state <> '{RecallState.LIFTED}'")


def _stamp_sql() -> str:
    """The stamp and its roll's part, in one statement. A stamp is found only under its own
    GTIN, and under its own lot when the URI names one."""
    columns, joins = _roll_part()
    stamp, roll = Stamp._meta.db_table, StampRoll._meta.db_table
    return (f"SELECT s.id, s.scan_count, s.voided, s.roll_id, {columns} FROM {stamp} s"
            f" JOIN {roll} r ON r.id = s.roll_id{joins}"
            f" WHERE s.serial = %s AND p.gtin = %s AND (%s = '' OR b.id IS NULL OR b.lot = %s)")


def _roll_sql() -> str:
    columns, joins = _roll_part()
    return f"SELECT {columns} FROM {StampRoll._meta.db_table} r{joins} WHERE r.id = %s"


class _Prepared:
    """A statement of the scan path, run on every scan or on every roll a process meets.

    On PostgreSQL it is prepared once per connection and run through libpq itself: Django binds
    parameters on the client, so the server would plan it on every scan (0,4 ms, more than
    running it), and psycopg's cursor would add twice the Python that libpq needs. Values come
    back as text (bytes), and are read by `_stamp_hit` and `_roll_facts_of`; on SQLite, as
    Python values, read by the same functions.
    """

    def __init__(self, name: bytes, sql) -> None:
        self.name, self._build, self._sql = name, sql, ""
        self._prepared: weakref.WeakSet = weakref.WeakSet()  # psycopg connections

    def __call__(self, params: list[str]) -> list | None:
        self._sql = self._sql or self._build()
        db = connections[DEFAULT_DB_ALIAS]
        if db.vendor != "postgresql":
            with db.cursor() as cursor:
                cursor.execute(self._sql, params)
                return cursor.fetchone()
        db.ensure_connection()
        with db.wrap_database_errors:
            return self._postgresql(db.connection, params)

    def _postgresql(self, conn, params: list[str]) -> list | None:
        pgconn = conn.pgconn
        if conn not in self._prepared:
            sql = self._sql
            for number in range(1, sql.count("%s") + 1):
                sql = sql.replace("%s", f"${number}", 1)
            self._check(pgconn.prepare(self.name, sql.encode()), pgconn)
            self._prepared.add(conn)
        result = self._check(pgconn.exec_prepared(self.name, [p.encode() for p in params]),
                             pgconn)
        if result.ntuples == 0:
            return None
        return [result.get_value(0, column) for column in range(result.nfields)]

    @staticmethod
    def _check(result, pgconn):
        from psycopg import DatabaseError, pq

        if result.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
            raise DatabaseError((result.error_message or pgconn.error_message).decode())
        return result


_stamp_row = _Prepared(b"nscl_stamp_lookup", _stamp_sql)
_roll_row = _Prepared(b"nscl_roll_facts", _roll_sql)


class RollFacts(NamedTuple):
    """What a roll's stamps share on their page (its product's, its lot's, its recall's)."""

    status: str
    published: bool
    version: object  # the product's last change: a new value builds its public page afresh
    with_pin: bool
    expires_on: dt.date | None
    recall_id: int | None
    recall_version: object
    gtin: str
    lot: str | None

    def names(self, gtin: str, lot: str) -> bool:
        """Whether a URI's GTIN and lot name this roll (the stamp statement's condition)."""
        return self.gtin == gtin and (not lot or self.lot is None or self.lot == lot)


def _text(value):
    return value.decode() if isinstance(value, bytes) else value


def _flag(value) -> bool:
    return value == b"t" if isinstance(value, bytes) else bool(value)


def _roll_facts_of(part) -> RollFacts:
    status, published, version, with_pin, expires, recall_id, recall_version, gtin, lot = part
    expires = _text(expires)
    return RollFacts(_text(status), _flag(published), version, _flag(with_pin),
                     dt.date.fromisoformat(expires) if isinstance(expires, str) else expires,
                     int(recall_id) if recall_id else None, recall_version, _text(gtin),
                     _text(lot))


def _stamp_hit(stamp_id: int, previous: int, voided: bool, roll_id: int,
               roll: RollFacts) -> StampHit:
    return StampHit(stamp_id, previous, voided, roll_id, roll.status, roll.published,
                    roll.version, roll.with_pin, roll.expires_on, roll.recall_id,
                    roll.recall_version)


_ROLL_FACTS: dict[int, tuple[int, RollFacts]] = {}  # roll id → (generation, its facts)


def _roll_facts(roll_id: int, generation: int) -> RollFacts | None:
    """A roll's facts as this process last read them, while the kept facts' generation is the
    one they were read under (`nscl.traceability.kept`); read again otherwise."""
    cached = _ROLL_FACTS.get(roll_id)
    if cached and cached[0] == generation:
        return cached[1]
    row = _roll_row([str(roll_id)])
    if row is None:
        return None
    return _keep_roll(roll_id, generation, row)


def _keep_roll(roll_id: int, generation: int | None, part) -> RollFacts:
    facts = _roll_facts_of(part)
    if generation is not None:
        if len(_ROLL_FACTS) > 10_000:
            _ROLL_FACTS.clear()
        _ROLL_FACTS[roll_id] = (generation, facts)
    return facts


def _lookup(gtin: str, lot: str, serial: str, generation: int | None = None
            ) -> StampHit | None:
    """The stamp from the database (its count there, and this process's scans not written yet);
    its roll's facts are kept for the generation of the kept facts, when there is one."""
    if not is_well_formed(serial):  # a mistyped or made-up serial never reaches the database
        return None
    row = _stamp_row([serial, gtin, lot, lot])
    if row is None:
        return None
    stamp_id, counted, voided, roll_id = int(row[0]), int(row[1]), _flag(row[2]), int(row[3])
    roll = _keep_roll(roll_id, generation, row[4:])
    return _stamp_hit(stamp_id, counted + scan_log.unwritten(stamp_id), voided, roll_id, roll)


def _kept_hit(facts: Counted, gtin: str, lot: str) -> StampHit | None:
    """The stamp from its kept facts (id, roll, voided) and its roll's; None when they do not
    name this URI (the database then says so)."""
    stamp_id, roll_id, voided = facts.fields.split("|")
    roll = _roll_facts(int(roll_id), facts.generation)
    if roll is None or not roll.names(gtin, lot):
        return None
    return _stamp_hit(int(stamp_id), facts.count, voided == "1", int(roll_id), roll)


def result_of(hit: StampHit | None) -> str:
    """The one rule that names a scan's result."""
    if hit is None:
        return ScanResult.UNKNOWN
    if hit.voided or hit.roll_status == RollStatus.VOID:
        return ScanResult.VOID
    if hit.roll_status != RollStatus.ACTIVE:
        return ScanResult.INACTIVE
    return ScanResult.GENUINE_FIRST if hit.previous == 0 else ScanResult.GENUINE_REPEAT


def _coarse(value: str | None, bound: int) -> Decimal | None:
    """A place to one decimal of a degree (about 11 km): where, not who. Anything that is not a
    finite number within ±`bound` (NaN, Infinity, text, 1e999) is no place."""
    if value in (None, "") or len(value) > 32:
        return None
    try:
        number = Decimal(value)
        if not number.is_finite() or abs(number) > bound:
            return None
        return round(number, 1)
    except ArithmeticError:
        return None


def scan_record(*, gtin: str, lot: str, serial: str, client: str, latitude=None,
                longitude=None, seen_before: bool = False, forget_seen=None,
                by_owner: bool = False, kept_facts: Counted | None = None,
                kept_counted: bool = False) -> ScanOutcome:
    """Resolve one scan; log it and, unless it repeats this client's scan of moments ago
    (`seen_before`: the repeat-scan memory, asked with the rate limit before the stamp was
    looked up) or is the producer's own check, count it on its stamp. That memory marked this
    scan already: a scan that finds no stamp, or the producer's own, takes its mark back
    (`forget_seen()`), so that only scans that count make the next one a repeat.

    `kept_facts`: the stamp's kept facts read in that same round trip (`kept`); when valid, the
    stamp is answered from them, and `kept_counted` says whether the round trip counted this
    scan on them already. Otherwise the database answers, and what it said is kept."""
    hit = _kept_hit(kept_facts, gtin, lot) if kept_facts and kept_facts.fields else None
    from_kept = hit is not None
    generation = kept_facts.generation if kept_facts else None
    if not from_kept:
        if kept_facts and kept_facts.fields and kept_counted:  # kept, but not under this lot
            kept.uncount(gtin, serial, generation)
        hit = _lookup(gtin, lot, serial, generation)
    if (hit is None or by_owner) and not seen_before and forget_seen is not None:
        forget_seen()
    repeat = hit is not None and not by_owner and seen_before
    counted = hit is not None and not by_owner and not repeat
    if hit is not None and generation is not None and not (from_kept and kept_counted == counted):
        kept.keep(gtin, serial, generation, stamp_id=hit.stamp_id, roll_id=hit.roll_id,
                  voided=hit.voided, previous=hit.previous, counted=counted)
    if repeat and hit.previous > 0:  # this client's own scan moments ago: shown as it was then
        hit = hit._replace(previous=hit.previous - 1)
    outcome = ScanOutcome(result_of(hit), hit, counted, by_owner)
    lat, lon = _coarse(latitude, 90), _coarse(longitude, 180)
    if lat is None or lon is None:  # half a place is no place
        lat = lon = None
    scan_log.add({"stamp": hit.stamp_id if hit else None, "gtin": gtin[:14],
                  "lot": lot[:20], "serial": serial[:40], "client": client,
                  "scanned_at": timezone.now(), "latitude": lat, "longitude": lon,
                  "result": outcome.result, "counted": counted, "by_owner": by_owner})
    return outcome


RECALL_IN_FORCE = tuple(RecallState.values[:4])  # all but lifted (`workflow.RECALL_IN_FORCE`)
_RECALLS: dict[int, tuple[object, dict]] = {}  # recall id → (its version, what a page shows)


def lookup(gtin: str, lot: str, serial: str) -> StampHit | None:
    """The stamp, without logging a scan (HEAD requests, linksets, redirects for machines)."""
    return _lookup(gtin, lot, serial)


_TODAY: list = [0.0, None]  # when it was read, the local date


def today() -> dt.date:
    """The local date, read at most once a minute (a scan should not pay for time zones)."""
    import time

    now = time.monotonic()
    if _TODAY[1] is None or now - _TODAY[0] > 60:
        _TODAY[:] = [now, timezone.localdate()]
    return _TODAY[1]


def expired(hit: StampHit | None) -> bool:
    return bool(hit and hit.expires_on and hit.expires_on < today())


def recall_of(hit: StampHit | None) -> dict | None:
    """The recall in force of the stamp's lot, as its page shows it (kept per process until the
    recall changes: the lookup returns its version)."""
    if hit is None or hit.recall_id is None:
        return None
    cached = _RECALLS.get(hit.recall_id)
    if cached and cached[0] == hit.recall_version:
        return cached[1]
    recall = Recall.objects.filter(pk=hit.recall_id).first()
    if recall is None:
        return None
    shown = {"reason": recall.reason, "recalled_on": f"{recall.recalled_on:%d/%m/%Y}",
             "instructions": recall.instructions, "contact": recall.contact,
             "state": recall.state}
    if len(_RECALLS) > 1000:
        _RECALLS.clear()
    _RECALLS[hit.recall_id] = (hit.recall_version, shown)
    return shown
