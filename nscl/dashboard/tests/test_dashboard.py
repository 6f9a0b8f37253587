"""The plan dashboard: figures from the records, filters, PNG charts, and a query count that does
not grow with the data."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from nscl.activities.choices import EventKind
from nscl.activities.models import Event
from nscl.dashboard.selectors import Filters, build
from nscl.plans.models import IndicatorTarget
from nscl.plans.progress import BEHIND, ON_TRACK, IndicatorProgress
from nscl.support.models import SupportCase


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_records(plan, n: int) -> None:
    """n more events and n more accepted support cases, spread over years and communes."""
    template = Event.objects.filter(plan=plan).first()
    Event.objects.bulk_create([Event(
        plan=plan, kind=EventKind.TRAINING, title=f"Tập huấn thêm {i}",
        organiser=template.organiser,
        starts_on=dt.date(2022 + i % 4, 3, 1), ends_on=dt.date(2022 + i % 4, 3, 1),
        enterprises=10) for i in range(n)])
    model = SupportCase.objects.filter(call_category__call__plan=plan, status="liquidated").first()
    others = list(SupportCase.objects.filter(call_category__call__plan=plan)
                  .values_list("beneficiary", flat=True).distinct())
    SupportCase.objects.bulk_create([SupportCase(
        code=f"X-{i}", call_category=model.call_category, beneficiary_id=others[i % len(others)],
        commune=model.commune,
        content="Thêm", estimated_cost=Decimal(10), requested_amount=Decimal(5),
        status="accepted", submitted_on=model.submitted_on, accepted_on=dt.date(2023, 11, 1))
        for i in range(n)])


def test_the_dashboard_query_count_does_not_grow_with_the_data(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    url = f"/bang-dieu-khien/{soc_trang.pk}/?giai_doan={soc_trang.phases.first().pk}"
    before = _page_queries(client, url)
    _more_records(soc_trang, 40)
    assert _page_queries(client, url) == before
    assert _page_queries(client, url + "&nam=2023") <= before + 2


def test_figures_come_from_the_records(soc_trang, users):
    office = users["vanphong.cantho"]
    board = build(soc_trang, Filters(phase=soc_trang.phases.get(start_year=2021)), office)
    events = Event.objects.filter(plan=soc_trang, starts_on__year__lte=2025)
    assert board.totals["events"] == events.count()
    assert board.totals["participants"] == sum(e.participants for e in events)
    assert board.totals["cases_done"] == SupportCase.objects.filter(
        call_category__call__plan=soc_trang, call_category__call__year__lte=2025,
        status__in=["accepted", "liquidated"]).count()
    activities = board.charts["activities"]
    assert activities.categories == ["2021", "2022", "2023", "2024", "2025"]
    assert sum(sum(s.values) for s in activities.series) == events.count()


def test_the_year_and_unit_filters(soc_trang, users):
    office = users["vanphong.cantho"]
    year = build(soc_trang, Filters(year=2023), office)
    assert year.as_of == 2023 and year.totals["events"] == Event.objects.filter(
        plan=soc_trang, starts_on__year=2023).count()
    commune = users["baocao.xa1.cantho"].unit
    local = build(soc_trang, Filters(unit=commune, phase=soc_trang.phases.first()), office)
    assert local.totals["events"] == 1
    assert {c["name"] for c in local.communes} <= {commune.name}


def test_pace_accounts_for_the_time_elapsed(soc_trang):
    indicator = soc_trang.indicators.get(order=3)
    target = IndicatorTarget.objects.get(indicator=indicator, phase__start_year=2021)
    early = IndicatorProgress(indicator, target, Decimal(40), elapsed=Decimal("0.4"))
    late = IndicatorProgress(indicator, target, Decimal(40), elapsed=Decimal(1))
    assert (early.expected, early.pace) == (Decimal(30), ON_TRACK)
    assert late.pace == BEHIND


def test_every_chart_downloads_as_png(client, users, soc_trang):
    client.force_login(users["lanhdao.cantho"])
    for key in ("budget", "activities", "support", "communes"):
        response = client.get(f"/bang-dieu-khien/{soc_trang.pk}/bieu-do/{key}.png?nam=2024")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/bang-dieu-khien/{soc_trang.pk}/bieu-do/khac.png").status_code == 404


def test_the_dashboard_is_scoped(client, users, soc_trang):
    for name, status in (("hoidong.cantho", 200), ("vanphong.tuyenquang", 404),
                         ("bo.khcn", 200), ("xem.cantho", 200)):
        client.force_login(users[name])
        assert client.get(f"/bang-dieu-khien/{soc_trang.pk}/").status_code == status, name


def test_a_new_event_moves_exactly_the_indicators_that_count_it(soc_trang, users):
    from nscl.activities.services.events import event_create
    from nscl.plans.progress import plan_progress

    phase = soc_trang.phases.get(start_year=2021)
    before = {r.indicator.order: r.current for r in plan_progress(soc_trang, phase)}
    event_create(plan=soc_trang, actor=users["vanphong.cantho"],
                 organiser=users["vanphong.cantho"].unit, kind=EventKind.WORKSHOP,
                 title="Hội thảo chuyển đổi số", starts_on=dt.date(2025, 3, 3),
                 ends_on=dt.date(2025, 3, 3), enterprises=30)
    after = {r.indicator.order: r.current for r in plan_progress(soc_trang, phase)}
    assert {k for k in after if after[k] != before[k]} == {1}
    assert after[1] == before[1] + 1
