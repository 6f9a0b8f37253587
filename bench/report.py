"""Consolidated report generation for a province with 100 reporting units and 10.000 records.

Usage: .venv/bin/python bench/report.py --db sqlite|postgres

Builds a separate database, loads the demo, adds 5.000 events and 5.000 support cases to the
Sóc Trăng plan and a request to 100 communes whose contributions are all accepted (text in every
heading, a five-row table), then times — interleaved with the login page as a baseline — building
the report, the Word document and the Excel file (the figures recomputed each time). The PDF
conversion by LibreOffice is timed separately: it is a process of its own.
"""

import argparse
import datetime as dt
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import URLS, demo_database  # noqa: E402


def populate(plan, office) -> object:
    from nscl.activities.models import Event
    from nscl.enterprises.models import Beneficiary
    from nscl.organisation.models import Unit
    from nscl.reporting import services
    from nscl.reporting.choices import TEXT_KEYS, RequestKind, SubmissionStatus
    from nscl.reporting.models import Submission, SubmissionRow
    from nscl.support.models import CallCategory, SupportCase

    communes = list(Unit.objects.filter(kind="commune", parent__code="92").order_by("code")[:100])
    Event.objects.bulk_create([Event(
        plan=plan, kind=["workshop", "training", "article"][i % 3], title=f"Hoạt động {i}",
        organiser=communes[i % 100], starts_on=dt.date(2021 + i % 5, 1 + i % 12, 1),
        ends_on=dt.date(2021 + i % 5, 1 + i % 12, 1), enterprises=i % 40)
        for i in range(5000)], batch_size=2000)
    people = list(Beneficiary.objects.all())
    categories = list(CallCategory.objects.filter(call__plan=plan))
    SupportCase.objects.bulk_create([SupportCase(
        code=f"R-{i}", call_category=categories[i % len(categories)],
        beneficiary=people[i % len(people)], commune=communes[i % 100], content="Hồ sơ",
        estimated_cost=Decimal(40), requested_amount=Decimal(20),
        status=["accepted", "liquidated", "submitted", "failed"][i % 4],
        submitted_on=dt.date(2023, 3, 1), accepted_on=dt.date(2021 + i % 5, 11, 1))
        for i in range(5000)], batch_size=2000)
    request = services.request_issue(
        plan=plan, issuer=office.unit, number="900", symbol="SKHCN-TĐC",
        issued_on=dt.date(2025, 7, 1), subject="Sơ kết", kind=RequestKind.MIDTERM,
        period_start=2021, period_end=2025, deadline=dt.date(2025, 8, 1), units=communes,
        actor=office)
    text = "Đã triển khai tuyên truyền, tập huấn và hướng dẫn hộ kinh doanh áp dụng 5S. " * 3
    request.submissions.update(status=SubmissionStatus.ACCEPTED,
                               sections={k: text for k in TEXT_KEYS},
                               document_number="12/BC-UBND", document_date=dt.date(2025, 7, 20))
    SubmissionRow.objects.bulk_create([SubmissionRow(
        submission=s, order=n, activity=f"Hoạt động {n}", cost_text="5.000.000",
        cost=Decimal(5_000_000), period="2024") for s in Submission.objects.filter(
        request=request) for n in range(1, 6)])
    return request


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=sorted(URLS), default="sqlite")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    demo_database(args.db)
    from django.db import connection
    from django.test import Client

    from nscl.organisation.models import User
    from nscl.plans.models import Plan
    from nscl.reporting.build import report_build
    from nscl.reporting.documents import docx_bytes, pdf_bytes, xlsx_bytes

    office = User.objects.get(username="vanphong.cantho")
    request = populate(Plan.objects.get(province__code="cu-94"), office)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client(SERVER_NAME="127.0.0.1")
    generate, baseline = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        report = report_build(request=request, actor=office)
        word, sheet = docx_bytes(report), xlsx_bytes(report)
        generate.append(time.perf_counter() - start)
        start = time.perf_counter()
        client.get("/dang-nhap/")
        baseline.append(time.perf_counter() - start)
    start = time.perf_counter()
    pdf = pdf_bytes(word)
    pdf_time = time.perf_counter() - start
    g, b = statistics.median(generate), statistics.median(baseline)
    print(f"db={args.db} units=100 events=5000 cases=5000 runs={args.runs}")
    print(f"build+docx+xlsx median {g:.2f} s (min {min(generate):.2f}, max {max(generate):.2f});"
          f" baseline median {b * 1000:.1f} ms; ratio {g / b:.0f}x; docx {len(word) // 1024} KB,"
          f" xlsx {len(sheet) // 1024} KB; pdf conversion {pdf_time:.2f} s "
          f"({len(pdf) // 1024} KB)")


if __name__ == "__main__":
    main()
