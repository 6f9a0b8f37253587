"""Plans: list, search, edit with history, progress, and value entry."""

from decimal import Decimal

from nscl.plans.models import IndicatorValue
from nscl.plans.progress import ACHIEVED, NOT_YET, plan_progress
from nscl.workflow.models import DomainEvent


def test_plan_list_search_ignores_diacritics(client, users, soc_trang):
    client.force_login(users["bo.khcn"])
    page = client.get("/ke-hoach/?q=soc trang").content.decode()
    assert "Sóc Trăng giai đoạn 2021 – 2025" in page and "Tuyên Quang giai đoạn" not in page


def test_plan_page_shows_targets_task_groups_and_units(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    page = client.get(f"/ke-hoach/{soc_trang.pk}/").content.decode()
    for text in ("Huỳnh Thị Diễm Ngọc", "14.755", "6.370", "8.385",
                 "Cục Thống kê tỉnh Sóc Trăng", "nay thuộc Thành phố Cần Thơ"):
        assert text in page


def test_progress_counts_entered_values_per_phase(soc_trang):
    phase = soc_trang.phases.get(start_year=2021)
    rows = {r.indicator.order: r for r in plan_progress(soc_trang, phase)}
    assert (rows[1].current, rows[1].target.value, rows[1].status) == (
        Decimal(4), Decimal(4), ACHIEVED)  # three years of the office and one commune turn
    assert rows[2].current == Decimal(5)  # 1 + 1 + 2, and the second commune's 2025 course
    assert rows[8].share.quantize(Decimal("0.0001")) == Decimal("0.8000")  # 12 of 15 experts
    assert rows[8].status == NOT_YET and rows[9].status == ACHIEVED  # TFP computed for 2021–2025
    later = plan_progress(soc_trang, soc_trang.phases.get(start_year=2026))
    assert all(r.current is None for r in later)


def test_levels_take_the_latest_year_and_above_means_strictly(tuyen_quang):
    rows = {r.indicator.order: r for r in plan_progress(tuyen_quang, tuyen_quang.phases.get())}
    assert rows[1].current == Decimal(550) and rows[1].status == ACHIEVED  # trên 500
    # computed from the product registry: 3 of the 5 OCOP products hold a registered trademark
    assert rows[6].current == Decimal(60) and rows[6].status == NOT_YET  # trên 70 %


def test_editing_a_plan_keeps_who_when_before_and_after(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    form = client.get(f"/ke-hoach/{soc_trang.pk}/sua/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {"number": "1234", "issued_on": "13/08/2021", "total_budget": "14.755"}
    response = client.post(f"/ke-hoach/{soc_trang.pk}/sua/", data)
    assert response.status_code == 302
    soc_trang.refresh_from_db()
    assert soc_trang.reference == "1234/KH-UBND"
    event = DomainEvent.objects.get(verb="plan_updated")
    assert event.actor == users["vanphong.cantho"]
    assert ("number", "", "1234") in event.changes()
    history = client.get(f"/ke-hoach/{soc_trang.pk}/lich-su/").content.decode()
    assert "1234" in history and "Trần Minh Khoa" in history
    assert "Sửa thông tin kế hoạch" in history


def test_a_malformed_budget_in_the_form_is_refused_by_name(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    form = client.get(f"/ke-hoach/{soc_trang.pk}/sua/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {"issued_on": "13/08/2021", "total_budget": "14.75.5"}
    response = client.post(f"/ke-hoach/{soc_trang.pk}/sua/", data)
    assert response.status_code == 200
    assert "“14.75.5” không phải là số hợp lệ" in response.content.decode()
    assert not DomainEvent.objects.filter(verb="plan_updated").exists()


def test_a_reporter_records_a_value_for_own_unit(client, tuyen_quang):
    from nscl.organisation.models import Unit, User

    commune = Unit.objects.filter(kind="commune", parent__code="08").order_by("code").first()
    reporter = User.objects.create_user("baocao.xa.tq", password="x", role="unit_reporter",
                                        unit=commune, full_name="Ma Thị Én")
    indicator = tuyen_quang.indicators.get(order=4)  # entered by hand: share of producers informed
    client.force_login(reporter)
    response = client.post(f"/ke-hoach/{tuyen_quang.pk}/so-lieu/", {
        "indicator": indicator.pk, "unit": reporter.unit_id, "year": 2025, "value": "55",
        "source_note": "Báo cáo số 15/BC-UBND của UBND xã"})
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=indicator, unit=reporter.unit, year=2025)
    assert value.entered_by == reporter and value.value == Decimal(55)
    assert DomainEvent.objects.filter(verb="indicator_value_recorded", actor=reporter).exists()


def test_a_year_outside_the_plan_is_refused(client, users, tuyen_quang):
    client.force_login(users["vanphong.tuyenquang"])
    indicator = tuyen_quang.indicators.get(order=1)
    response = client.post(f"/ke-hoach/{tuyen_quang.pk}/so-lieu/", {
        "indicator": indicator.pk, "unit": users["vanphong.tuyenquang"].unit_id, "year": 2027,
        "value": "10", "source_note": "x"}, follow=True)
    assert "Năm phải trong thời gian của kế hoạch (2021–2025)" in response.content.decode()
    assert not IndicatorValue.objects.filter(indicator=indicator, year=2027).exists()


def test_administrators_edit_indicators_and_targets_in_the_admin(client, users, soc_trang):
    client.force_login(users["admin"])
    indicator = soc_trang.indicators.get(order=3)
    for url in ("/quan-tri/plans/plan/", f"/quan-tri/plans/indicator/{indicator.pk}/change/",
                "/quan-tri/budget/budgetline/", "/quan-tri/organisation/unit/?q=quang+ngai"):
        assert client.get(url).status_code == 200, url
    client.force_login(users["vanphong.cantho"])  # not staff
    assert client.get("/quan-tri/plans/plan/").status_code == 302


def test_a_computed_indicator_cannot_be_typed_in(users, soc_trang):
    import pytest

    from nscl.plans.services import indicator_value_record

    indicator = soc_trang.indicators.get(order=3)
    with pytest.raises(ValueError, match="được tính tự động từ dữ liệu"):
        indicator_value_record(indicator=indicator, unit=users["vanphong.cantho"].unit,
                               year=2024, value=Decimal(99), source_note="x",
                               actor=users["vanphong.cantho"])
