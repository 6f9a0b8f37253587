"""Consolidated report generation for a province with 100 reporting units and 10.000 records.

Usage: .venv/bin/python bench/report.py --db sqlite|postgres

Builds a separate database, loads the demo, adds 5.000 events and 5.000 support cases to the
Sóc Trăng plan and a request to 100 communes whose contributions are all accepted (text in every
section of the outline, a five-row grid), then times — interleaved with the login page as a
baseline — building the report, its tables, the Word document and the Excel file (every figure
recomputed for the request's data window each time), and freezing the report into a version
(the same, plus the PDF by LibreOffice and the files stored with their SHA-256): the budget is
3 s without the PDF and 6 s with it.
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
    from nscl.reporting import outline, services
    from nscl.reporting.choices import Audience, Frequency, RequestKind, SubmissionStatus
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
    request = services.request_create(
        plan=plan, actor=office, issuer=office.unit, recipient=office.unit, number="900",
        symbol="SKHCN-TĐC", issued_on=dt.date(2025, 7, 1), subject="Sơ kết giai đoạn",
        name="Sơ kết giai đoạn 2021–2025", content="Sơ kết", kind=RequestKind.MIDTERM,
        frequency=Frequency.AD_HOC, audience=Audience.LIST, units=communes,
        period_from=dt.date(2021, 1, 1), period_to=dt.date(2025, 12, 31),
        data_from=dt.date(2021, 1, 1), data_until=dt.date(2025, 7, 31),
        deadline=dt.date(2025, 8, 1))
    request = services.request_issue(request=request, actor=office)
    text = "Đã triển khai tuyên truyền, tập huấn và hướng dẫn hộ kinh doanh áp dụng 5S. " * 3
    request.submissions.update(status=SubmissionStatus.ACCEPTED,
                               sections={k: text for k in outline.writable_keys(request.outline)},
                               document_number="12/BC-UBND", document_date=dt.date(2025, 7, 20))
    SubmissionRow.objects.bulk_create([SubmissionRow(
        submission=s, order=n, cells={"activity": f"Hoạt động {n}", "cost": "5.000.000",
                                      "period": "2024"})
        for s in Submission.objects.filter(request=request) for n in range(1, 6)])
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
    from nscl.reporting import services
    from nscl.reporting.documents import pdf_bytes, report_docx, xlsx_bytes
    from nscl.reporting.figures import report_tables

    office = User.objects.get(username="vanphong.cantho")
    request = populate(Plan.objects.get(province__code="cu-94"), office)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client(SERVER_NAME="127.0.0.1")
    generate, frozen, baseline, conversions = [], [], [], []

    def timed_pdf(docx: bytes) -> bytes:
        start = time.perf_counter()
        pdf = pdf_bytes(docx)
        conversions.append(time.perf_counter() - start)
        return pdf
    for n in range(args.runs):
        start = time.perf_counter()
        report = services.report_build(request=request, actor=office)
        tables = report_tables(request)[1]
        word, sheet = report_docx(report, tables), xlsx_bytes(report, tables)
        generate.append(time.perf_counter() - start)
        start = time.perf_counter()
        client.get("/dang-nhap/")
        baseline.append(time.perf_counter() - start)
        report = services.report_save(report=report, actor=office, number=str(900 + n))
        start = time.perf_counter()
        version = services.version_freeze(report=report, actor=office, pdf_maker=timed_pdf)
        frozen.append(time.perf_counter() - start)
        pdf_size = version.pdf.size
        services.version_unfreeze(report=report, actor=office)
    g, f, b = (statistics.median(generate), statistics.median(frozen),
               statistics.median(baseline))
    print(f"db={args.db} units=100 events=5000 cases=5000 runs={args.runs}")
    print(f"build+tables+docx+xlsx median {g:.2f} s (min {min(generate):.2f}, max "
          f"{max(generate):.2f}); freeze with the PDF median {f:.2f} s (min {min(frozen):.2f}, "
          f"max {max(frozen):.2f}), of which LibreOffice {statistics.median(conversions):.2f} s;"
          f" baseline median {b * 1000:.1f} ms; docx "
          f"{len(word) // 1024} KB, xlsx {len(sheet) // 1024} KB, pdf "
          f"{pdf_size // 1024} KB")


if __name__ == "__main__":
    main()
