"""Dashboard speed on a large province: 10.000 beneficiaries, 50.000 support cases, 5.000 events.

Usage (from the project root, with the venv):
    .venv/bin/python bench/dashboard.py --db sqlite
    .venv/bin/python bench/dashboard.py --db postgres   # needs the local PostgreSQL server

It builds a separate database (never the development one), loads the demo, adds the records with
bulk inserts, then times GET of the plan dashboard side by side with a baseline page (the login
page: same middleware and template engine, no data) and prints the median times, their ratio and
the number of SQL queries of the dashboard.
"""

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import URLS, demo_database  # noqa: E402


def populate(beneficiaries: int, cases: int, events: int) -> None:
    from nscl.activities.choices import EventKind
    from nscl.activities.models import Event
    from nscl.enterprises.models import Beneficiary
    from nscl.organisation.models import Unit
    from nscl.plans.models import Plan
    from nscl.support.choices import CaseStatus
    from nscl.support.models import CallCategory, SupportCase

    rng = random.Random(1322)
    plan = Plan.objects.get(province__code="cu-94")
    communes = list(Unit.objects.filter(kind="commune", parent__code="92"))
    units = Unit.objects.bulk_create([
        Unit(code=f"B-{i}", name=f"Doanh nghiệp thử {i}", kind="enterprise",
             parent=communes[i % len(communes)],
             path=f"{communes[i % len(communes)].path}B-{i}/") for i in range(beneficiaries)],
        batch_size=2000)
    people = Beneficiary.objects.bulk_create([
        Beneficiary(unit=u, kind="enterprise", name=u.name, name_key=u.name.lower(),
                    tax_code="", commune_id=u.parent_id, address="x") for u in units],
        batch_size=2000)
    categories = list(CallCategory.objects.filter(call__plan=plan))
    statuses = [s for s, _ in CaseStatus.choices]
    SupportCase.objects.bulk_create([
        SupportCase(code=f"B-{i}", call_category=categories[i % len(categories)],
                    beneficiary=people[i % len(people)],
                    commune_id=people[i % len(people)].commune_id, content="Hồ sơ thử",
                    estimated_cost=Decimal(40), requested_amount=Decimal(20),
                    status=statuses[i % len(statuses)], submitted_on=dt.date(2023, 3, 1),
                    accepted_on=dt.date(2021 + i % 5, 11, 1)) for i in range(cases)],
        batch_size=2000)
    organiser = plan.program_office
    kinds = [k for k, _ in EventKind.choices]
    Event.objects.bulk_create([
        Event(plan=plan, kind=kinds[i % len(kinds)], title=f"Hoạt động thử {i}",
              organiser=organiser if i % 3 else communes[i % len(communes)],
              starts_on=dt.date(2021 + i % 5, 1 + i % 12, 1),
              ends_on=dt.date(2021 + i % 5, 1 + i % 12, 1),
              enterprises=rng.randint(0, 60), officials=rng.randint(0, 20))
        for i in range(events)], batch_size=2000)


def timed(client, url: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=sorted(URLS), default="sqlite")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--beneficiaries", type=int, default=10_000)
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=5_000)
    args = parser.parse_args()
    demo_database(args.db)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    populate(args.beneficiaries, args.cases, args.events)
    with connection.cursor() as cursor:  # fresh statistics, as a database in service has
        cursor.execute("ANALYZE")
    print(f"populated in {time.perf_counter() - start:.1f} s")
    from nscl.organisation.models import User
    from nscl.plans.models import Plan

    plan = Plan.objects.get(province__code="cu-94")
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username="vanphong.cantho"))
    url = f"/bang-dieu-khien/{plan.pk}/?giai_doan={plan.phases.first().pk}"
    timed(client, url, 2)  # warm caches
    dashboard, baseline = [], []
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        dashboard += timed(client, url, 1)
        baseline += timed(client, "/dang-nhap/", 1)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    d, b = statistics.median(dashboard), statistics.median(baseline)
    print(f"db={args.db} beneficiaries={args.beneficiaries} cases={args.cases} "
          f"events={args.events} runs={args.runs}")
    print(f"dashboard median {d:.1f} ms (min {min(dashboard):.1f}, max {max(dashboard):.1f}); "
          f"baseline median {b:.1f} ms; ratio {d / b:.1f}x; queries {len(ctx.captured_queries)}")


if __name__ == "__main__":
    main()
