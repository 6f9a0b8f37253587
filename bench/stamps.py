"""Issuing 1.000.000 stamps for one product, and a 10.000-stamp A4 label PDF.

Usage: .venv/bin/python bench/stamps.py --db sqlite|postgres [--count 1000000]

A separate database with the demo; `nscl stamps issue` is run in-process (its progress bar on
stderr), then the label sheets of a 10.000-stamp roll are rendered. Baseline, measured in the same
run: inserting the same number of rows of pre-made serials with Django's bulk_create alone, so
the ratio shows what serial generation and bookkeeping cost on top of the database."""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import URLS, demo_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=sorted(URLS), default="sqlite")
    parser.add_argument("--count", type=int, default=1_000_000)
    args = parser.parse_args()
    demo_database(args.db)
    from django.core.management import call_command

    from nscl.organisation.models import User
    from nscl.traceability.labels import label_csv, label_pdf
    from nscl.traceability.models import Product, Stamp
    from nscl.traceability.serials import new_serials
    from nscl.traceability.services import roll_create, roll_fill

    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    start = time.perf_counter()
    call_command("stamps", "issue", "--gtin", rice.gtin, "--count", str(args.count))
    issue = time.perf_counter() - start
    premade = [s[:-1] + "U" for s in new_serials(args.count)]  # 'U' never occurs: no clash
    baseline_roll = roll_create(product=rice, count=args.count,
                                actor=User.objects.get(username="admin"))
    start = time.perf_counter()
    for i in range(0, args.count, 20_000):
        Stamp.objects.bulk_create([Stamp(roll=baseline_roll, serial=s)
                                   for s in premade[i:i + 20_000]])
    baseline = time.perf_counter() - start
    roll = roll_fill(roll_create(product=rice, count=10_000,
                                 actor=User.objects.get(username="admin")))
    start = time.perf_counter()
    pdf = label_pdf(roll)
    pdf_time = time.perf_counter() - start
    start = time.perf_counter()
    csv = label_csv(roll)
    csv_time = time.perf_counter() - start
    print(f"db={args.db} count={args.count}")
    print(f"issue {issue:.1f} s; bare bulk insert of the same rows {baseline:.1f} s; "
          f"ratio {issue / baseline:.2f}x")
    print(f"10.000-stamp label PDF {pdf_time:.1f} s ({len(pdf) // 1024} KB, "
          f"{-(-10_000 // 24)} pages); CSV {csv_time:.2f} s ({len(csv) // 1024} KB)")


if __name__ == "__main__":
    main()
