"""A stamp's facts kept in the shared cache, so that a stamp scanned again is answered without
the database.

What is kept, and where:
- per stamp (`stamp:{gtin}:{serial}`, in the cache Redis shares between server processes): its
  id, its roll, whether it is voided, and its scan count;
- per server process, per roll: what the roll's stamps share on their page (its status and PIN,
  its product's publication and version, its lot and expiry, the recall in force) —
  `scanning._ROLL_FACTS`.

Both are valid for one generation of the key `trace:facts`, which the resolver reads in the round
trip of its rate limit (`clients.visit`): a scan of a kept stamp is that one round trip and no
database read. A scan of a stamp not kept (its first scan, or the first after a change) reads the
database as before and keeps what it read.

Invalidation, by generation: a save or delete of a roll, a product, a lot or a recall, or a save
of a stamp (other than its PIN tries and counter) bumps it twice — at once (the same process, and
a test inside its transaction, sees the change) and when the transaction commits (a scan in
another process that read the database between the two bumps kept what it read under the first
bump's generation; the second makes that stale). A generation is never given twice: a missing
key (Redis restarted or emptied) starts again at the present time in microseconds. A bump that
fails (Redis away) does not stop the change: it is logged, and the bump at commit is tried again
once. A scan that read the generation before a commit answers
as of its start, as any request running beside a change does. Nothing in the application changes a
stamp's facts any other way (stamps are written once, by COPY, before their roll is active; a roll
is voided, a stamp never alone); a change made outside it (the database by hand, a restore) needs
the generation bumped (`nscl shell -c "from nscl.traceability import kept; kept.changed()"`, or
the cache emptied), or waits for `NSCL_KEPT_STAMP_SECONDS` (a day) at most.

Only a cache shared by every server process keeps these facts: Redis. The local-memory cache
keeps them only in the test suite (`NSCL_ENTRIES_IN_PROCESS_MEMORY`), where one process serves
everything; elsewhere every scan reads the database, as before.

The count: a kept stamp's count is counted in the same script, across every server process, and is
what tells a first scan from a repeat. The database's counter, written by the scan log, stays the
record, and is where a newly kept stamp's count starts from (with this process's unwritten scans;
another process's scans of the last half second are then not in it: the scan log's lag).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from nscl.core.cache import bump_generation, store_entry

logger = logging.getLogger(__name__)
FACTS = "trace:facts"  # the generation key
SECONDS = int(getattr(settings, "NSCL_KEPT_STAMP_SECONDS", 86_400))
_NOT_FACTS = {"pin_failures", "pin_hash", "pin_verified_at", "scan_count"}


def key(gtin: str, serial: str) -> str:
    """A stamp's kept facts are found under its GTIN: a scan of its serial under another GTIN
    (which finds no stamp) neither reads nor counts them. A lot is checked against the roll's
    facts (a URI may name it or not), and a scan under a wrong lot takes its count back."""
    return f"stamp:{gtin}:{serial}"


def keep(gtin: str, serial: str, generation: int, *, stamp_id: int, roll_id: int, voided: bool,
         previous: int, counted: bool) -> None:
    """Keep a stamp read from the database (`previous`: its count before this scan), or count
    this scan on it when another process kept it meanwhile. Sent with this process's next round
    trip, not in one of its own: until then a scan of the stamp in another process reads the
    database, which has this scan once the scan log wrote it (the scan log's lag, no more)."""
    store_entry(key(gtin, serial), FACTS, generation, f"{stamp_id}|{roll_id}|{int(voided)}",
                previous, add=int(counted), seconds=SECONDS, deferred=_deferred())


def uncount(gtin: str, serial: str, generation: int) -> None:
    """Take back a scan the round trip counted on kept facts that turned out not to name the
    scanned URI (a wrong lot)."""
    store_entry(key(gtin, serial), FACTS, generation, "", 0, add=-1, seconds=SECONDS,
                deferred=_deferred())


def _deferred() -> bool:
    """Stores wait for the process's next round trip only while the scan log writes behind: the
    log's writer sends them before it writes the scans they counted (`scanlog`), so that a
    process reading the database afterwards never finds a scan both there and in a store still
    on its way. A log written in the request (tests, development) stores at once."""
    from .scanlog import scan_log

    return scan_log.seconds > 0


def changed() -> None:
    """Every kept fact is stale from now on, and again from the commit (see above)."""
    _bump()
    transaction.on_commit(lambda: _bump() and _bump(), robust=True)  # tried twice


def _bump() -> bool:
    """Bump the generation; True when it could not (logged)."""
    try:
        bump_generation(FACTS)
        return False
    except Exception:  # the change itself must not fail for the cache's sake
        logger.exception("kept stamp facts: the generation could not be bumped")
        return True


def _on_change(sender, instance=None, update_fields=None, **kwargs) -> None:
    if sender.__name__ == "Stamp" and update_fields and set(update_fields) <= _NOT_FACTS:
        return
    changed()


def connect() -> None:
    """Bump on every change of what kept facts are made of (called by the app's `ready`)."""
    from .models import Batch, Product, Recall, Stamp, StampRoll

    for model in (StampRoll, Product, Batch, Recall):
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"kept-{model.__name__}-d")
    for model in (StampRoll, Product, Batch, Recall, Stamp):  # a stamp is deleted only with its
        post_save.connect(_on_change, sender=model, dispatch_uid=f"kept-{model.__name__}")  # roll
