"""The beneficiary registry: tax codes, duplicates, and all-or-nothing imports."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from nscl.enterprises.identifiers import normalise_tax_code
from nscl.enterprises.models import Beneficiary
from nscl.enterprises.names import name_key
from nscl.enterprises.services import (
    COLUMNS,
    RegistryImportError,
    beneficiary_create,
    registry_export,
    registry_import,
)
from nscl.organisation.models import Unit


@pytest.mark.parametrize("raw,stored", [("0314409058", "0314409058"),
                                        ("0314409058-002", "0314409058-002"),
                                        ("0314409058002", "0314409058-002"),
                                        ("001 085 012 345", "001085012345")])
def test_valid_tax_codes(raw, stored):
    assert normalise_tax_code(raw) == stored


@pytest.mark.parametrize("raw,message", [("0314409059", "sai chữ số kiểm tra"),
                                         ("12345", "không hợp lệ"), ("03144090A8", "không hợp lệ")])
def test_invalid_tax_codes_say_why(raw, message):
    with pytest.raises(ValidationError, match=message):
        normalise_tax_code(raw)


def test_names_match_without_diacritics_and_legal_forms():
    assert name_key("Công ty TNHH Gạo Sóc Trăng") == name_key("CONG TY TRACH NHIEM HUU HAN GAO "
                                                              "SOC TRANG") == "gao soc trang"
    assert name_key("HTX Nông nghiệp Mỹ Xuyên") == name_key("Hợp tác xã nông nghiệp My Xuyen")


def _sheet(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([label for _, label in COLUMNS])
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _commune(name_code="92"):
    return Unit.objects.filter(kind="commune", parent__code=name_code).order_by("code")[5]


def test_import_with_bad_rows_writes_nothing_and_names_every_row(users):
    commune = _commune()
    existing = Beneficiary.objects.filter(commune__parent__code="92").first()
    content = _sheet([
        ["Công ty TNHH Bánh Tráng Mới", "Doanh nghiệp", "0314409058", "", commune.name, "Số 1",
         "Thực phẩm", "Nhỏ", 12, "Bánh tráng", 0, 0, 0],
        ["Cong ty TNHH Banh Trang Moi", "Doanh nghiệp", "0100109106", "", commune.name, "Số 2",
         "", "Nhỏ", 5, "", 0, 0, 0],  # same name once legal form and diacritics are ignored
        ["HTX Sai Mã", "Hợp tác xã", "0314409059", "", commune.name, "Số 3", "", "", 3, "", 0,
         0, 0],
        ["Hộ Ông Tư", "Hộ kinh doanh", "", "", "Xã Không Có", "Số 4", "", "", "x", "", 0, 0, 0],
        [existing.name.upper(), "Doanh nghiệp", "", "", commune.name, "Số 5", "", "", 1, "", 0,
         7, 0],
    ])
    before = Beneficiary.objects.count()
    with pytest.raises(RegistryImportError) as caught:
        registry_import(content=content, province=Unit.objects.get(code="92"),
                        actor=users["vanphong.cantho"])
    assert Beneficiary.objects.count() == before
    by_row = {e.row: " ".join(e.messages) for e in caught.value.errors}
    assert set(by_row) == {3, 4, 5, 6}
    assert "trùng tên với dòng 2" in by_row[3]
    assert "sai chữ số kiểm tra" in by_row[4]
    assert "không tìm thấy xã, phường “Xã Không Có”" in by_row[5] and "số lao động" in by_row[5]
    assert "thiếu mã số thuế" in by_row[6] and "hạng sao OCOP tối đa là 5" in by_row[6]


def test_a_clean_import_creates_every_row_and_exports_back(users):
    commune = _commune()
    content = _sheet([
        ["Công ty Cổ phần Muối Bạc Liêu", "Doanh nghiệp", "0100109106", "", commune.name, "Số 9",
         "Muối", "Vừa", 60, "Muối tinh", 1, 4, "1.250"],
        ["Hộ kinh doanh Bà Năm", "Hộ kinh doanh", "", "", commune.name, "Số 10", "", "Siêu nhỏ",
         2, "Bánh", 0, 0, 0],
    ])
    created = registry_import(content=content, province=Unit.objects.get(code="92"),
                              actor=users["vanphong.cantho"])
    assert [b.tax_code for b in created] == ["0100109106", ""]
    assert created[0].export_turnover == Decimal(1250)
    sheet = load_workbook(BytesIO(registry_export(created))).active
    assert sheet["A2"].value == "Công ty Cổ phần Muối Bạc Liêu" and sheet["C2"].value == \
        "0100109106"


def test_a_duplicate_tax_code_is_refused(users):
    existing = Beneficiary.objects.exclude(tax_code="").first()
    with pytest.raises(ValidationError, match="Trùng với"):
        beneficiary_create(actor=users["vanphong.cantho"], commune=_commune(), name="Tên khác",
                           kind="enterprise", tax_code=existing.tax_code, address="x")


def test_households_whose_names_share_their_first_20_letters_each_get_a_login_unit(users):
    """Issue 13: the unit code was made from the first 20 letters of the name, so the second of
    two such households took the first one's unit and could never be registered. A household
    without a tax code is coded by its own unit's id: distinct by construction."""
    office, commune = users["vanphong.cantho"], _commune()
    names = ["Hộ kinh doanh Nguyễn Văn An bánh pía", "Hộ kinh doanh Nguyễn Văn An lạp xưởng"]
    first, second = (beneficiary_create(actor=office, commune=commune, name=name,
                                        kind="household", address="Ấp 3") for name in names)
    assert first.unit_id != second.unit_id
    assert [first.unit.code, second.unit.code] == [f"HKD-{first.unit_id}",
                                                   f"HKD-{second.unit_id}"]
    assert [first.unit.name, second.unit.name] == names
    assert second.unit.path == f"{commune.path}HKD-{second.unit_id}/"
    assert Unit.objects.get(code=f"HKD-{first.unit_id}").name == names[0]  # left untouched
