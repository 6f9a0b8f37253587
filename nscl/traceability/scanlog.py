"""The scan log's writer: every scan becomes a row and one more on its stamp's counter.

With `NSCL_SCAN_LOG_SECONDS = 0` (development, tests) both are written in the scan's request.
In production a server process gathers the scans of the last fraction of a second and one thread
writes them in one transaction (the rows with COPY, the counters one statement each, in stamp
order so two processes never wait on each other), committed without waiting for the disk: a
burst of scans costs the database one write a batch instead of one a scan. That is what lets the
public resolver serve at the pace of a page that reads nothing (`docs/benchmarks.md`).

What it costs, said plainly: a stamp's count as another server process sees it lags by at most
that fraction of a second (this process adds its own unwritten scans, so one phone scanning twice
always sees the second); rows are written when the process exits (gunicorn stops its workers
gracefully), and a process killed outright, or a database crash, loses at most that fraction of a
second of scans.
"""

import atexit
import logging
import os
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import close_old_connections, connection, transaction

from nscl.core.bulk import insert_rows

logger = logging.getLogger(__name__)

FIELDS = ("stamp", "gtin", "lot", "serial", "client", "scanned_at", "latitude", "longitude",
          "result", "counted", "by_owner")
MAX_PENDING = 200_000  # rows kept while the database is away; beyond, the oldest are dropped
# (and counted: the count is written as a `ScanLogLoss` row once the database is back, and the
# health check shows both that and what this process still holds or has lost)


class ScanLog:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._rows: list[dict] = []
        self._counts: Counter = Counter()  # stamp id → scans not yet on its counter
        self._in_flight: Counter = Counter()  # being written now
        self._lock = threading.Lock()  # the request and the writer thread share the lists
        self._flushing = threading.Lock()
        self._pid = 0
        self.dropped = 0  # scans lost since the last loss was written down
        self._lost_between: list = []  # first and last time of the scans lost
        self.failing_since = None

    def add(self, fields: dict) -> None:
        """Log one scan, given as the fields of its `Scan` row (`stamp` an id or None)."""
        if self.seconds <= 0:
            counted = [fields["stamp"]] if fields["stamp"] and fields.get("counted", True) else []
            self._write([fields], Counter(counted))
            return
        if self._pid != os.getpid():  # a new server process (after fork): its own writer
            self._start()
        with self._lock:
            self._rows.append(fields)
            if fields["stamp"] and fields.get("counted", True):
                self._counts[fields["stamp"]] += 1

    def unwritten(self, stamp_id: int) -> int:
        """This process's scans of a stamp that are not on its counter yet."""
        return self._counts.get(stamp_id, 0) + self._in_flight.get(stamp_id, 0)

    def flush(self) -> int:
        """Write every gathered scan; the number written. On failure they wait for the next."""
        with self._flushing:  # the writer thread and the exit hook take turns
            with self._lock:
                rows, self._rows = self._rows, []
                self._in_flight, self._counts = self._counts, Counter()
            if not rows and not self.dropped:
                return 0
            _send_kept_stores()
            try:
                self._write(rows, self._in_flight)
                self._note_losses()
            except Exception:
                self._put_back(rows)
                raise
            finally:
                self._in_flight = Counter()
            self.failing_since = None
            return len(rows)

    def _put_back(self, rows: list[dict]) -> None:
        from django.utils import timezone

        with self._lock:
            self.failing_since = self.failing_since or timezone.now()
            pending = rows + self._rows
            lost = pending[:-MAX_PENDING] if len(pending) > MAX_PENDING else []
            if lost:
                self.dropped += len(lost)
                first, last = lost[0]["scanned_at"], lost[-1]["scanned_at"]
                self._lost_between = [self._lost_between[0] if self._lost_between else first,
                                      last]
            self._rows = pending[-MAX_PENDING:]
            self._counts = Counter(row["stamp"] for row in self._rows
                                   if row["stamp"] and row.get("counted", True))

    def _note_losses(self) -> None:
        """Write down how many scans were lost while the database was away."""
        if not self.dropped:
            return
        from .models import ScanLogLoss

        first, last = (self._lost_between + [None, None])[:2]
        ScanLogLoss.objects.create(dropped=self.dropped, first_lost_at=first, last_lost_at=last)
        logger.error("scan log: %s scans were lost while the database was away", self.dropped)
        self.dropped, self._lost_between = 0, []

    def health(self) -> dict:
        """What this process holds back and has lost (for the health check)."""
        return {"pending": len(self._rows), "lost_unrecorded": self.dropped,
                "failing_since": self.failing_since.isoformat() if self.failing_since else None}

    def _start(self) -> None:
        self._pid = os.getpid()
        self._rows, self._counts = [], Counter()  # what the parent gathered is the parent's
        threading.Thread(target=self._run, name="scan-log", daemon=True).start()
        atexit.register(self.flush)

    def _run(self) -> None:
        while True:
            time.sleep(self.seconds)
            close_old_connections()
            try:
                self.flush()
            except Exception:
                logger.exception("scan log: %s scans wait for the database", len(self._rows))

    @staticmethod
    def _write(rows: list[dict], counts: Counter) -> None:
        from .models import Scan, Stamp

        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # a log can wait for the next WAL flush
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            if rows:
                insert_rows(Scan, FIELDS, ([row.get(name, name == "counted")
                                            for name in FIELDS] for row in rows))
            ids = sorted(counts)  # always the same order: two processes never wait on each other
            table = Stamp._meta.db_table
            if connection.vendor == "postgresql":  # one statement for every stamp of the batch
                cursor.execute(f"UPDATE {table} SET scan_count = scan_count + v.n FROM "
                               f"unnest(%s::bigint[], %s::integer[]) AS v(id, n) "
                               f"WHERE {table}.id = v.id", [ids, [counts[i] for i in ids]])
            else:
                cursor.executemany(f"UPDATE {table} SET scan_count = scan_count + %s "
                                   f"WHERE id = %s", [(counts[i], i) for i in ids])


def _send_kept_stores() -> None:
    """The kept facts this process read from the database wait to be stored with its next Redis
    round trip; they go now, before the scans they counted are in the database (`kept`)."""
    from nscl.core.cache import send_deferred

    try:
        send_deferred()
    except Exception:  # the log matters more: the stores are lost, their readers read the database
        logger.exception("scan log: the kept stamp facts waiting to be stored were lost")


scan_log = ScanLog(float(getattr(settings, "NSCL_SCAN_LOG_SECONDS", 0)))
