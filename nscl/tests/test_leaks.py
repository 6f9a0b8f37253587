"""The leaks found by trying every role against every page (issue 11), one test each; every one
of these failed before the scope layer and the permissions were rebuilt."""

import datetime as dt
import json
from io import BytesIO

import pytest
from openpyxl import Workbook

from nscl.activities.models import Attendance, Event
from nscl.activities.services.events import attendance_import, event_create
from nscl.enterprises.models import Beneficiary
from nscl.organisation.models import Unit
from nscl.support.models import Score, SupportCase
from nscl.traceability import epcis
from nscl.traceability.models import Product, StampRoll


def _office_and_reporter(users):
    return users["vanphong.cantho"], users["baocao.xa1.cantho"]


@pytest.mark.parametrize("name", ["baocao.xa1.cantho", "doanhnghiep.cantho"])
def test_the_dashboard_shows_no_budget_and_no_other_communes(client, users, soc_trang, name):
    user = users[name]
    client.force_login(user)
    first = soc_trang.phases.get(start_year=2021)
    page = client.get(f"/bang-dieu-khien/{soc_trang.pk}/?giai_doan={first.pk}")
    assert page.status_code == 200
    board = page.context["board"]
    assert not board.budget_rows and "budget" not in board.charts
    assert "Kinh phí đã chi" not in page.content.decode()
    assert client.get(f"/bang-dieu-khien/{soc_trang.pk}/bieu-do/budget.png").status_code == 404
    cases = SupportCase.objects.filter(call_category__call__plan=soc_trang,
                                       call_category__call__year__lte=2025)
    own = cases.filter(commune__path__startswith=user.unit.path) if name.startswith("baocao") \
        else cases.filter(beneficiary__unit=user.unit)
    assert board.totals["cases"] == own.count() < cases.count()
    assert {c["name"] for c in board.communes} <= set(
        own.values_list("commune__name", flat=True))


def test_the_plan_history_shows_no_other_communes_events(client, users, soc_trang):
    office, xa1 = _office_and_reporter(users)
    xa2 = users["baocao.xa2.cantho"]
    theirs = event_create(plan=soc_trang, actor=xa2, title="Hội thảo riêng của phường kia",
                          kind="workshop", organiser=xa2.unit, starts_on=dt.date(2024, 5, 6),
                          ends_on=dt.date(2024, 5, 6), place="Hội trường", cost=12,
                          budget_line=None)
    client.force_login(xa1)
    page = client.get(f"/ke-hoach/{soc_trang.pk}/lich-su/").content.decode()
    assert "Hội thảo riêng của phường kia" not in page
    client.force_login(office)
    assert theirs.title in client.get(f"/ke-hoach/{soc_trang.pk}/lich-su/").content.decode()


def test_a_beneficiary_never_sees_the_members_scores(client, users):
    scored = Score.objects.select_related("case__beneficiary__unit", "member__user").first()
    owner = scored.case.beneficiary.unit.users.first() or users["doanhnghiep.cantho"]
    if owner.unit_id != scored.case.beneficiary.unit_id:  # give the case's owner an account
        owner.unit = scored.case.beneficiary.unit
        owner.save()
    client.force_login(owner)
    page = client.get(f"/ho-tro/ho-so/{scored.case.pk}/").content.decode()
    assert page.count("Chấm điểm") == 0
    assert str(scored.member.user) not in page and "điểm trung bình" not in page.lower()
    client.force_login(users["vanphong.cantho"])
    assert "Chấm điểm" in client.get(f"/ho-tro/ho-so/{scored.case.pk}/").content.decode()


@pytest.mark.parametrize("name", ["lanhdao.cantho", "xem.cantho", "bo.khcn"])
def test_read_only_roles_get_no_serials_or_labels(client, users, name):
    roll = StampRoll.objects.filter(product__place__path__startswith="/BKHCN/92/").first()
    client.force_login(users[name])
    assert client.get(f"/truy-xuat/san-pham/{roll.product_id}/").status_code == 200
    for fmt in ("csv", "pdf"):
        assert client.get(f"/truy-xuat/cuon/{roll.pk}/tep.{fmt}").status_code == 404
    client.force_login(users["vanphong.cantho"])
    assert client.get(f"/truy-xuat/cuon/{roll.pk}/tep.csv").status_code == 200


def test_a_producer_cannot_move_its_product_to_another_province_by_exchange(users):
    producer = users["doanhnghiep.cantho"]
    product = Product.objects.filter(producer__unit=producer.unit).first() or \
        Product.objects.filter(place__path__startswith="/BKHCN/92/").first()
    if product.producer.unit_id != producer.unit_id:
        producer.unit = product.producer.unit
        producer.save()
    elsewhere = Unit.objects.filter(kind="commune", path__startswith="/BKHCN/08/").first()
    document = epcis.export(producer, Product.objects.filter(pk=product.pk))
    for element in document["epcisHeader"]["epcisMasterData"]["vocabularyList"][0][
            "vocabularyElementList"]:
        for attribute in element.get("attributes", []):
            if attribute["id"] == "nscl:placeCode":
                attribute["attribute"] = elsewhere.code
    document["epcisBody"]["eventList"] = []  # master data only: the product's own record
    with pytest.raises(epcis.CaptureError) as refused:
        epcis.capture(json.loads(json.dumps(document)), actor=producer)
    assert any("Nơi sản xuất phải thuộc tỉnh" in e for e in refused.value.errors)
    product.refresh_from_db()
    assert product.place.province_path() == "/BKHCN/92/"


def _sheet(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Đơn vị công tác", "Đối tượng", "Điện thoại"])
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_personal_data_stays_in_the_province_that_collected_it(users, soc_trang, tuyen_quang):
    can_tho = Event.objects.filter(plan=soc_trang).first()
    tq_office = users["vanphong.tuyenquang"]
    tuyen = event_create(plan=tuyen_quang, actor=tq_office, title="Tập huấn 5S Tuyên Quang",
                         kind="training", organiser=tq_office.unit,
                         starts_on=dt.date(2024, 3, 1), ends_on=dt.date(2024, 3, 1),
                         place="Tuyên Quang", cost=None, budget_line=None)
    attendance_import(event=can_tho, actor=users["vanphong.cantho"], content=_sheet(
        [["Nguyễn Văn Bí Mật", "HTX Cần Thơ", "Hợp tác xã", "0912 345 678"]]))
    attendance_import(event=tuyen, actor=tq_office, content=_sheet(
        [["Hoàng Thị Khác", "Công ty Tuyên Quang", "Doanh nghiệp", "0912345678"]]))
    shown = Attendance.objects.get(event=tuyen).participant
    assert (shown.full_name, shown.organisation) == ("Hoàng Thị Khác", "Công ty Tuyên Quang")
    assert shown.province == tuyen_quang.province
    kept = Attendance.objects.get(event=can_tho, participant__phone="0912 345 678").participant
    assert kept.full_name == "Nguyễn Văn Bí Mật"


def test_the_registry_is_its_own_app():
    assert Beneficiary._meta.app_label == "enterprises"
    assert Beneficiary._meta.db_table == "support_beneficiary"
