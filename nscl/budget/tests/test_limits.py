"""Budget files at the edges (issue 13): amounts beyond the money bound, hostile or broken
workbooks and documents, date cells — a finding or a clean refusal, never a 500, never stored."""

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook

from nscl.budget.io import read_budget_file
from nscl.budget.models import Appendix, BudgetLine
from nscl.budget.validation import check_document
from nscl.core.tests import crafted
from nscl.plans.tests.factories import PlanFactory

APPENDIX = """Phụ lục I
DỰ TOÁN KINH PHÍ GIAI ĐOẠN 2021 - 2022
Đơn vị tính: Triệu đồng
TT Nội dung Tổng kinh phí 2021 2022
1 Hội thảo {total} {y1} 50
Tổng cộng {total} {y1} 50
"""


def _text(total: str, y1: str) -> bytes:
    return APPENDIX.format(total=total, y1=y1).encode()


def test_an_amount_of_10_to_the_16_is_a_finding_with_the_limit():
    result = check_document(read_budget_file("x.txt", _text("10.000.000.000.000.000", "50")))
    bound = [f for f in result.findings if f.check == "number_out_of_range"]
    assert len(bound) == 2 and not result.fully_understood
    assert "tối đa 1.000.000.000 triệu đồng" in bound[0].message


def test_an_amount_of_10_to_the_16_is_never_imported(soc_trang, tmp_path):
    path = tmp_path / "lon.txt"
    path.write_bytes(_text("10.000.000.000.000.000", "50").replace(b"2021 - 2022", b"2021 - 2022"))
    before = (Appendix.objects.count(), BudgetLine.objects.count())
    with pytest.raises(CommandError, match="vượt giới hạn"):
        call_command("budget", "import", str(path), "--plan", str(soc_trang.pk),
                     stdout=StringIO())
    assert (Appendix.objects.count(), BudgetLine.objects.count()) == before


@pytest.mark.parametrize("name,content,message", [
    ("bom.xlsx", crafted.dimension_bomb("XFD"), "vượt giới hạn số cột"),
    ("cuoi.xlsx", crafted.billion_laughs(), "DTD"),
    ("dtd.xlsx", crafted.malformed_dtd(), "DTD"),
    ("hong.xlsx", crafted.corrupt_sheet(), "không phải là bảng tính Excel"),
    ("hong.docx", b"PK\x03\x04not a document", "không phải là văn bản Word"),
])
def test_hostile_files_are_clean_errors_on_the_page_and_the_api(client, users, name, content,
                                                                message):
    client.force_login(users["vanphong.cantho"])  # the check page is the program office's tool
    upload = BytesIO(content)
    upload.name = name
    page = client.post("/du-toan/kiem-tra/", {"file": upload})
    assert page.status_code == 200 and message in page.content.decode()
    upload.seek(0)
    api = client.post("/api/v1/budget/check/", {"file": upload})
    assert api.status_code == 400 and message in api.json()["file"][0]


def test_the_giant_declared_sheet_is_checked_quickly_as_holding_no_appendix(client, users):
    client.force_login(users["xem.cantho"])
    upload = BytesIO(crafted.dimension_bomb())
    upload.name = "bom.xlsx"
    body = client.post("/api/v1/budget/check/", {"file": upload}).json()
    assert body["fully_understood"] is False
    assert [f["check"] for f in body["findings"]] == ["no_appendix"]


def test_a_docx_with_a_dtd_is_refused():
    document = Document()
    document.add_paragraph("x")
    out = BytesIO()
    document.save(out)
    import zipfile
    source = zipfile.ZipFile(BytesIO(out.getvalue()))
    patched = BytesIO()
    with zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
            target.writestr(item, data)
    with pytest.raises(ValueError, match="DTD"):
        read_budget_file("dtd.docx", patched.getvalue())


def test_a_1e400_cell_is_a_bounded_number_not_infinity():
    rows = [[crafted.inline("A1", "Phụ lục I")],
            [crafted.inline("A2", "TT"), crafted.inline("B2", "Nội dung"),
             crafted.inline("C2", "Tổng kinh phí"), crafted.number("D2", "2021")],
            [crafted.inline("A3", "1"), crafted.inline("B3", "Hội thảo"),
             crafted.number("C3", "1E400"), crafted.number("D3", "1E400")],
            [crafted.inline("A4", "Tổng cộng"), crafted.number("C4", "5"),
             crafted.number("D4", "5")]]
    result = check_document(read_budget_file("vo-cuc.xlsx", crafted.cells(rows)))
    bound = [f for f in result.findings if f.check == "number_out_of_range"]
    assert len(bound) == 2 and all("vượt giới hạn" in f.message for f in bound)


def test_a_line_corrected_to_10_to_the_16_is_refused_with_the_limit(client, soc_trang, users):
    line = BudgetLine.objects.get(appendix__plan=soc_trang, appendix__code="Phụ lục I", code="6")
    client.force_login(users["vanphong.cantho"])
    response = client.post(f"/du-toan/dong/{line.pk}/sua/", {
        "content": line.content, "measure_unit": "Năm", "quantity": "5",
        "unit_price": "10", "total": "10.000.000.000.000.000",
        **{f"year_{y}": "10" for y in range(2021, 2026)}})
    assert response.status_code == 200
    assert "tối đa 1.000.000.000 triệu đồng" in response.content.decode()
    line.refresh_from_db()
    assert line.total == 40


def test_exporting_the_budget_of_a_plan_with_no_appendix_is_a_workbook_saying_so(client, users,
                                                                                 tuyen_quang,
                                                                                 tmp_path):
    """Issue 13: a plan with no appendix exported nothing to save — openpyxl refuses a workbook
    without a sheet — a 500. The workbook has one sheet that says there is no appendix yet;
    the command says so too."""
    plan = PlanFactory(province=tuyen_quang.province)
    assert not plan.appendices.exists()
    client.force_login(users["vanphong.tuyenquang"])
    response = client.get(f"/du-toan/ke-hoach/{plan.pk}/xuat.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    assert "chưa có phụ lục dự toán" in str(sheet["A1"].value)
    out = StringIO()
    call_command("budget", "export", "--plan", str(plan.pk), str(tmp_path / "du-toan.xlsx"),
                 stdout=out)
    assert "Đã xuất 0 phụ lục" in out.getvalue() and (tmp_path / "du-toan.xlsx").stat().st_size
