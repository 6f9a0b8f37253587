"""Every role sees only its own scope — tested role by role, through the pages themselves."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from nscl.organisation.scope import units_for
from nscl.plans.models import IndicatorValue
from nscl.plans.selectors import plans_for
from nscl.plans.services import indicator_value_record

# role account → (sees Sóc Trăng plan, sees Tuyên Quang plan, sees Sóc Trăng budget)
EXPECTED = {
    "vanphong.cantho": (True, False, True),
    "vanphong.tuyenquang": (False, True, True),
    "baocao.sct.cantho": (True, False, False),
    "baocao.xa1.cantho": (True, False, False),
    "doanhnghiep.cantho": (True, False, False),
    "hoidong.cantho": (True, False, False),  # plans are the province's public documents
    "lanhdao.cantho": (True, False, True),
    "bo.khcn": (True, True, True),
    "xem.cantho": (True, False, True),
}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_each_role_sees_its_plans_and_budgets(client, users, soc_trang, tuyen_quang, username):
    sees_st, sees_tq, sees_budget = EXPECTED[username]
    client.force_login(users[username])
    assert (client.get(f"/ke-hoach/{soc_trang.pk}/").status_code == 200) is sees_st
    assert (client.get(f"/ke-hoach/{tuyen_quang.pk}/").status_code == 200) is sees_tq
    budget = client.get(f"/du-toan/ke-hoach/{soc_trang.pk}/")
    assert (budget.status_code == 200) is (sees_st and sees_budget)
    if budget.status_code != 200:
        assert budget.status_code == 404
    listed = set(plans_for(users[username]).values_list("pk", flat=True))
    assert listed & {soc_trang.pk, tuyen_quang.pk} == {
        p.pk for p, seen in ((soc_trang, sees_st), (tuyen_quang, sees_tq)) if seen}
    assert (len(listed) == 3) is (username == "bo.khcn")  # Quảng Ngãi's plan: Ministry only


def test_unit_scope_per_role(users):
    assert units_for(users["bo.khcn"]).filter(kind="province").count() >= 34
    can_tho = units_for(users["lanhdao.cantho"])
    assert can_tho.filter(code="cu-94").exists() and not can_tho.filter(code="08").exists()
    assert set(units_for(users["baocao.sct.cantho"]).values_list("code", flat=True)) == {"92-SCT"}
    assert units_for(users["hoidong.cantho"]).count() == 1


def test_a_commune_never_sees_another_commune(client, users, soc_trang):
    from nscl.activities.selectors import events_for

    xa1, xa2 = users["baocao.xa1.cantho"], users["baocao.xa2.cantho"]
    mine = events_for(xa1)
    assert mine.exists() and set(mine.values_list("organiser", flat=True)) == {xa1.unit_id}
    theirs = events_for(xa2).get()
    client.force_login(xa1)
    assert client.get(f"/hoat-dong/{theirs.pk}/").status_code == 404
    assert client.get(f"/hoat-dong/{mine.get().pk}/").status_code == 200
    assert client.get(f"/to-chuc/don-vi/{xa2.unit_id}/").status_code == 404
    assert client.get(f"/to-chuc/don-vi/{xa1.unit_id}/").status_code == 200
    page = client.get("/hoat-dong/").content.decode()
    assert xa1.unit.name in page and xa2.unit.name not in page


def test_a_commune_cannot_report_for_another_commune(client, users, soc_trang):
    xa1, xa2 = users["baocao.xa1.cantho"], users["baocao.xa2.cantho"]
    indicator = soc_trang.indicators.get(order=1)
    before = IndicatorValue.objects.count()
    with pytest.raises(PermissionDenied):
        indicator_value_record(indicator=indicator, unit=xa2.unit, year=2025, value=Decimal(3),
                               source_note="x", actor=xa1)
    client.force_login(xa1)
    response = client.post(f"/ke-hoach/{soc_trang.pk}/so-lieu/", {
        "indicator": indicator.pk, "unit": xa2.unit_id, "year": 2025, "value": "3",
        "source_note": "Báo cáo xã"}, follow=True)
    assert "Lựa chọn không hợp lệ" in response.content.decode() or response.status_code == 200
    assert IndicatorValue.objects.count() == before


def test_council_members_and_beneficiaries_cannot_edit_plans(client, users, soc_trang):
    for name in ("hoidong.cantho", "doanhnghiep.cantho", "lanhdao.cantho", "xem.cantho",
                 "baocao.sct.cantho"):
        client.force_login(users[name])
        status = client.post(f"/ke-hoach/{soc_trang.pk}/sua/", {"title": "X"}).status_code
        assert status in (403, 404), name
    soc_trang.refresh_from_db()
    assert soc_trang.title.startswith("Thực hiện Chương trình quốc gia")


def test_anonymous_users_are_sent_to_login(client, soc_trang):
    response = client.get(f"/ke-hoach/{soc_trang.pk}/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
