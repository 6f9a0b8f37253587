"""The TFP page, its import, the plan milestone it feeds, and who may enter the series."""

from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from nscl.plans.progress import plan_progress
from nscl.productivity.models import EconomicYear


def test_the_demo_phase_is_decomposed_and_the_milestone_met(client, users, soc_trang):
    client.force_login(users["lanhdao.cantho"])
    page = client.get(f"/nang-suat/ke-hoach/{soc_trang.pk}/").content.decode()
    assert "Giai đoạn 2021 – 2025" in page and "56,88%" in page
    assert "Chưa đủ số liệu: cần các năm 2025–2030." in page
    row = {r.indicator.order: r for r in plan_progress(
        soc_trang, soc_trang.phases.get(start_year=2021))}[9]
    assert row.current == 1 and row.status == "achieved"


def test_parameters_change_the_result_and_export(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    page = client.get(f"/nang-suat/ke-hoach/{soc_trang.pk}/?alpha=0,5&cach_tinh=discrete")
    assert page.context["phases"][0][1].alpha == Decimal("0.5")
    response = client.get(f"/nang-suat/ke-hoach/{soc_trang.pk}/?alpha=0,5&xuat=xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("Phương pháp của Tổng cục Thống kê: hệ số cố định α = 0,50")
    assert rows[1][0] == "Năm/giai đoạn" and rows[-1][0] == "2021–2025"
    bad = client.get(f"/nang-suat/ke-hoach/{soc_trang.pk}/?alpha=2").content.decode()
    assert "Hệ số α phải là số giữa 0 và 1" in bad


def test_a_bad_file_changes_nothing(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    before = list(EconomicYear.objects.values_list("year", "output"))
    upload = BytesIO("Năm;GRDP;Đầu tư;Lao động\n2015;100;30;50\n2017;110;31;51\n".encode())
    upload.name = "sai.csv"
    response = client.post(f"/nang-suat/ke-hoach/{soc_trang.pk}/nhap/", {"file": upload},
                           follow=True)
    assert "Thiếu số liệu năm 2016." in response.content.decode()
    assert list(EconomicYear.objects.values_list("year", "output")) == before


def test_only_the_office_or_statistics_enter_series(client, users, soc_trang):
    upload = BytesIO("Năm;GRDP;Đầu tư;Lao động\n2015;100;30;50\n".encode())
    upload.name = "x.csv"
    for name in ("lanhdao.cantho", "baocao.sct.cantho", "doanhnghiep.cantho"):
        client.force_login(users[name])
        assert client.post(f"/nang-suat/ke-hoach/{soc_trang.pk}/nhap/",
                           {"file": upload}).status_code in (403, 404)
