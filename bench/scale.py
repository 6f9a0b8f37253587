"""How the traceability tables grow: the resolver's lookup, the counterfeit signals and the scan
review at n stamps and n/5 scans, for growing n, on PostgreSQL; bytes per row for the storage
estimate in docs/scale.md.

    NSCL_BENCH_DB=nscl_jobs_bench .venv/bin/python bench/scale.py --sizes 500000,2000000
"""

import argparse
import random
import statistics
import time
from datetime import timedelta

from common import demo_database


def _median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500000,2000000")
    args = parser.parse_args()
    demo_database("postgres")
    from django.db import connection
    from django.utils import timezone

    from nscl.core.bulk import insert_rows
    from nscl.traceability.models import Product, Scan, Stamp
    from nscl.traceability.selectors import signals
    from nscl.traceability.serials import new_serials
    from nscl.traceability.services import roll_create

    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    office = rice.rolls.first().issued_by
    products = Product.objects.filter(pk=rice.pk)
    have_stamps, have_scans = Stamp.objects.count(), Scan.objects.count()
    rows = []
    now = timezone.now()
    for size in [int(s) for s in args.sizes.split(",")]:
        roll = roll_create(product=rice, count=min(2_000_000, max(1, size - have_stamps)),
                           actor=office,
                           fill=False)
        for start in range(have_stamps, size, 100_000):
            count = min(100_000, size - start)
            insert_rows(Stamp, ("roll", "serial", "voided", "scan_count"),
                        ((roll.pk, s, False, 0) for s in new_serials(count)))
        have_stamps = size
        sample = list(Stamp.objects.order_by("?").values_list("id", "serial")[:2000]) \
            if size <= 600_000 else list(Stamp.objects.filter(roll=roll).values_list(
                "id", "serial")[:2000])
        want_scans = size // 5
        while have_scans < want_scans:
            count = min(100_000, want_scans - have_scans)
            picks = [random.choice(sample) for _ in range(count)]
            insert_rows(Scan, ("stamp", "gtin", "lot", "serial", "client", "scanned_at",
                               "latitude", "longitude", "result"),
                        ((sid if n % 50 else None, rice.gtin, "", serial if n % 50 else "ZZ" +
                          serial[2:], "c" * 16, now - timedelta(minutes=n % 43_200), None,
                          None, "genuine" if n % 50 else "unknown")
                         for n, (sid, serial) in enumerate(picks)))
            have_scans += count
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE traceability_stamp; ANALYZE traceability_scan")
            serials = [s for _i, s in sample]

            def lookup(cursor=cursor, serials=serials):
                cursor.execute("SELECT id, roll_id, voided, scan_count FROM traceability_stamp "
                               "WHERE serial = %s", [random.choice(serials)])
                cursor.fetchone()
            lookup_ms = _median_ms(lookup, 2000)
            cursor.execute("SELECT pg_total_relation_size('traceability_stamp'), "
                           "pg_total_relation_size('traceability_scan')")
            stamp_bytes, scan_bytes = cursor.fetchone()
        signals_ms = _median_ms(lambda: signals(products), 3)
        review_ms = _median_ms(lambda: list(Scan.objects.filter(gtin__in=[rice.gtin])
                                            .order_by("-scanned_at")[:100]), 5)
        rows.append((size, have_scans, lookup_ms, signals_ms, review_ms,
                     stamp_bytes / size, scan_bytes / have_scans))
        print(f"{size:>10} stamps {have_scans:>9} scans: lookup {lookup_ms:.3f} ms, signals "
              f"{signals_ms:.0f} ms, review {review_ms:.1f} ms, {stamp_bytes / size:.0f} B/stamp,"
              f" {scan_bytes / have_scans:.0f} B/scan", flush=True)
    print("\n| stamps | scans | stamp lookup (median of 2.000) | counterfeit signals (median of 3)"
          " | scan review, latest 100 | bytes per stamp | bytes per scan |")
    print("|---|---|---|---|---|---|---|")
    for size, scans, lookup_ms, signals_ms, review_ms, bps, bpc in rows:
        print(f"| {_vn(size)} | {_vn(scans)} | {_vn(lookup_ms, 3)} ms | {_vn(signals_ms)} ms | "
              f"{_vn(review_ms, 1)} ms | {_vn(bps)} | {_vn(bpc)} |")


def _vn(value: float, places: int = 0) -> str:
    """1.234.567 and 0,055: the Vietnamese way, as the rest of docs/benchmarks.md."""
    text = f"{value:,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")

if __name__ == "__main__":
    main()
