"""Registry import at the edges: values too long or out of range for their columns, date cells,
giant or broken workbooks — each a row-level or file-level message, never a 500 or a silent cut."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook

from nscl.core.tests import crafted
from nscl.enterprises.models import Beneficiary
from nscl.enterprises.services import COLUMNS, RegistryImportError, registry_import
from nscl.organisation.models import Unit


def _commune():
    return Unit.objects.filter(kind="commune", parent__code="92").order_by("code").first()


def _sheet(rows, header=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header or [label for _key, label in COLUMNS])
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _row(commune, **changes):
    values = {"name": "Công ty TNHH Thử Nghiệm", "kind": "Doanh nghiệp",
              "tax_code": "0100109106", "registration_number": "", "commune": commune.name,
              "address": "Số 1", "sector": "", "size": "Nhỏ", "workers": 10, "products": "",
              "ocop_products": 0, "ocop_max_stars": 0, "export_turnover": 0} | changes
    return [values[key] for key, _label in COLUMNS]


def _errors(users, rows, **kwargs) -> dict[int, str]:
    before = Beneficiary.objects.count()
    with pytest.raises(RegistryImportError) as caught:
        registry_import(content=_sheet(rows, **kwargs), province=Unit.objects.get(code="92"),
                        actor=users["vanphong.cantho"])
    assert Beneficiary.objects.count() == before
    return {e.row: " ".join(e.messages) for e in caught.value.errors}


def test_values_too_long_or_out_of_range_are_row_errors(users):
    commune = _commune()
    errors = _errors(users, [
        _row(commune, name="A" * 256),
        _row(commune, name="Công ty B", tax_code="0314409058", registration_number="9" * 31),
        _row(commune, name="Công ty C", tax_code="0100109106", sector="x" * 121),
        _row(commune, name="Công ty D", tax_code="0101243150", export_turnover="1" + "0" * 17),
        _row(commune, name="Công ty E", tax_code="0100112437", workers=10**10),
        _row(commune, name="Công ty F", tax_code="0100109106-001", ocop_products=40000),
    ])
    assert set(errors) == {2, 3, 4, 5, 6, 7}
    assert "255" in errors[2]
    assert "30" in errors[3] and "số đăng ký kinh doanh" in errors[3]
    assert "120" in errors[4] and "ngành nghề" in errors[4]
    assert "kim ngạch" in errors[5] and "vượt giới hạn" in errors[5]
    assert "số lao động" in errors[6] and "vượt giới hạn" in errors[6]
    assert "số sản phẩm OCOP" in errors[7]


def test_date_cells_are_read_as_text_or_refused_as_numbers(users):
    commune = _commune()
    errors = _errors(users, [_row(commune, workers=dt.datetime(2024, 3, 15),
                                  address=dt.date(2024, 1, 2))])
    assert "số lao động" in errors[2] and "ngày tháng" in errors[2]


def test_english_headers_without_diacritics_are_matched(users):
    commune = _commune()
    created = registry_import(content=_sheet(
        [["Cong ty Co phan Tom Ca Mau", "Doanh nghiep", "0101243150", "", commune.name, "So 3",
          "45", "1,250.5"]],
        header=["NAME", "kind", "Tax code", "Registration number", "Commune", "Address",
                "Workers", "Export turnover"]),
        province=Unit.objects.get(code="92"), actor=users["vanphong.cantho"])
    assert created[0].workers == 45 and created[0].export_turnover == Decimal("1250.5")


@pytest.mark.parametrize("content,message", [
    (crafted.dimension_bomb("XFD"), "vượt giới hạn số cột"),
    (crafted.billion_laughs(), "DTD"),
    (crafted.malformed_dtd(), "DTD"),
    (crafted.corrupt_sheet(), "không phải là bảng tính Excel"),
    (b"PK\x03\x04 not really a zip", "không phải là bảng tính Excel"),
])
def test_hostile_or_broken_workbooks_are_clean_errors(users, content, message):
    with pytest.raises(RegistryImportError) as caught:
        registry_import(content=content, province=Unit.objects.get(code="92"),
                        actor=users["vanphong.cantho"])
    assert message in str(caught.value)


def test_the_giant_declared_sheet_is_read_from_its_cells(users):
    with pytest.raises(RegistryImportError) as caught:  # one cell: no header row to match
        registry_import(content=crafted.dimension_bomb(), province=Unit.objects.get(code="92"),
                        actor=users["vanphong.cantho"])
    assert "Thiếu cột" in str(caught.value)
