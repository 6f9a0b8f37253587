"""A file the readers do not fully understand is never reported as clean: truncated, shuffled and
foreign tables, in every format, from the check page, the API and the CLI."""

import random
import re
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import Workbook, load_workbook

from nscl.budget.io import read_budget_file
from nscl.budget.validation import check_document
from nscl.conftest import seed_path

from .corpus.build import FILES

TEXT = "01_text_dotted_seedlike.txt"
XLSX = "08_xlsx_merged_header_formulas.xlsx"
DOCX = "14_docx_roman_sources_rows_repeated_header.docx"


def _result(name: str, content: bytes):
    return check_document(read_budget_file(name, content))


def _checks(result) -> set[str]:
    return {f.check for f in result.findings}


# -- truncated -------------------------------------------------------------------------------
def test_a_text_cut_before_its_total_is_not_understood():
    lines = (FILES / TEXT).read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if line.startswith("3.2"))
    result = _result("cat.txt", "\n".join(lines[:cut]).encode())
    assert not result.fully_understood and not result.clean
    assert "no_grand_total" in _checks(result)


def test_a_text_cut_inside_a_row_names_the_row():
    lines = (FILES / TEXT).read_text(encoding="utf-8").splitlines()
    total = next(i for i, line in enumerate(lines) if line.startswith("Tổng cộng"))
    lines[total] = " ".join(lines[total].split()[:4])  # the total row lost its last numbers
    result = _result("cat.txt", "\n".join(lines).encode())
    partial = [f for f in result.findings if f.check == "partial_row"]
    assert not result.fully_understood and partial
    assert "Tổng cộng" in partial[0].message and "chỉ đọc được" in partial[0].message


def test_a_workbook_cut_before_its_total_is_not_understood():
    book = load_workbook(FILES / XLSX)
    sheet = book.active
    sheet.delete_rows(sheet.max_row - 2, 3)
    out = BytesIO()
    book.save(out)
    result = _result("cat.xlsx", out.getvalue())
    assert not result.fully_understood and "no_grand_total" in _checks(result)


def test_a_word_table_cut_before_its_total_is_not_understood():
    document = Document(FILES / DOCX)
    table = document.tables[0]
    for row in list(table.rows)[-4:]:
        row._tr.getparent().remove(row._tr)
    out = BytesIO()
    document.save(out)
    result = _result("cat.docx", out.getvalue())
    assert not result.fully_understood and "no_grand_total" in _checks(result)


# -- shuffled --------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_rows_are_reported_as_out_of_order(seed):
    lines = (FILES / TEXT).read_text(encoding="utf-8").splitlines()
    header_end = next(i for i, line in enumerate(lines) if line.startswith("2021 2022"))
    rows = [i for i, line in enumerate(lines) if i > header_end and line[:1].isdigit()
            and not line.startswith("2021") and line.split()[0] not in {"2"}][:8]
    block = [lines[i] for i in rows]
    shuffled = block[:]
    random.Random(seed).shuffle(shuffled)
    if shuffled == block:
        shuffled.reverse()
    for i, line in zip(rows, shuffled, strict=True):
        lines[i] = line
    result = _result("xao.txt", "\n".join(lines).encode())
    assert not result.fully_understood and not result.clean
    assert _checks(result) & {"code_order", "partial_row", "unplaced_row"}


def test_a_workbook_with_shuffled_rows_is_not_understood():
    book = load_workbook(FILES / XLSX)
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    first = next(i for i, row in enumerate(values) if row[0] == "1")
    body = values[first:first + 8]
    body = body[4:] + body[:4]
    fresh = Workbook()
    for row in values[:first] + body + values[first + 8:]:
        fresh.active.append(row)
    out = BytesIO()
    fresh.save(out)
    result = _result("xao.xlsx", out.getvalue())
    assert not result.fully_understood and "code_order" in _checks(result)


# -- foreign ---------------------------------------------------------------------------------
def test_a_list_of_enterprises_is_no_appendix():
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Tên doanh nghiệp", "Mã số thuế", "Địa chỉ", "Số lao động"])
    sheet.append([1, "Công ty TNHH Chè Hà Giang", "5100123456", "Hà Giang", 120])
    sheet.append([2, "HTX Cam Sành Hàm Yên", "5000987654", "Tuyên Quang", 35])
    out = BytesIO()
    book.save(out)
    result = _result("doanh-nghiep.xlsx", out.getvalue())
    assert not result.fully_understood and _checks(result) == {"no_appendix"}


def test_a_table_of_indicators_by_year_is_not_understood():
    document = Document()
    document.add_paragraph("Bảng 1. Kết quả thực hiện các chỉ tiêu")
    table = document.add_table(rows=0, cols=5)
    for values in (["TT", "Nội dung chỉ tiêu", "Đơn vị tính", "Năm 2023", "Năm 2024"],
                   ["1", "Doanh nghiệp được hỗ trợ", "doanh nghiệp", "12", "15"],
                   ["2", "Tỷ lệ sản phẩm OCOP có nhãn hiệu", "%", "45,5", "60"]):
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    out = BytesIO()
    document.save(out)
    result = _result("chi-tieu.docx", out.getvalue())
    assert not result.fully_understood and not result.clean


def test_a_plan_whose_text_holds_no_appendix_is_not_reported_clean():
    seed = "004_013472439a92b195.txt"  # Tuyên Quang's plan: its budget is prose, not a table
    result = _result(seed, seed_path(seed).read_bytes())
    assert not result.clean and not result.fully_understood
    assert _checks(result) == {"no_appendix"}


def test_a_report_table_of_costs_and_periods_is_not_taken_for_an_appendix():
    text = "\n".join([
        "II. KẾT QUẢ ĐỊNH LƯỢNG", "TT Nội dung Kinh phí thực hiện (đồng) Thời gian",
        "1 Hỗ trợ tem truy xuất nguồn gốc 20.00.000 2021", "2 Hội nghị tập huấn 228.400.000 2022",
        "Tổng cộng 313.000.000"])
    result = _result("bao-cao.txt", text.encode())
    assert not result.clean and not result.fully_understood


def test_the_page_api_and_cli_never_say_all_fine_about_a_cut_file(client, users, tmp_path):
    lines = (FILES / TEXT).read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if line.startswith("3.2"))
    content = "\n".join(lines[:cut]).encode()
    # no arithmetic error remains in the part that was read: only the cut is reported
    path = tmp_path / "cat.txt"
    path.write_bytes(content)
    client.force_login(users["vanphong.cantho"])
    with path.open("rb") as upload:
        page = client.post("/du-toan/kiem-tra/", {"file": upload}).content.decode()
    assert "Không có phát hiện nào" not in page and 'id="not-understood"' in page
    with path.open("rb") as upload:
        body = client.post("/api/v1/budget/check/", {"file": upload}).json()
    assert body["fully_understood"] is False
    out = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("budget", "check", str(path), stdout=out)
    assert exited.value.code == 1 and "CHƯA ĐỌC HIỂU HẾT TỆP" in out.getvalue()


def test_a_clean_file_fully_read_is_the_only_all_fine(client, users, tmp_path):
    from decimal import Decimal

    from nscl.budget.io.xlsx import write_xlsx
    from nscl.budget.sheet import AppendixData, LineData

    d = Decimal
    line = LineData(code="1", content="Hội thảo", unit="Cuộc", quantity=d(2), unit_price=d(30),
                    total=d(60), years={2026: d(30), 2027: d(30)})
    grand = LineData(code="", content="Tổng cộng", total=d(60), years={2026: d(30), 2027: d(30)},
                     is_grand_total=True)
    path = tmp_path / "sach.xlsx"
    path.write_bytes(write_xlsx([AppendixData("Phụ lục I", "DỰ TOÁN", [2026, 2027],
                                              [line, grand])]))
    client.force_login(users["vanphong.cantho"])
    with path.open("rb") as upload:
        page = client.post("/du-toan/kiem-tra/", {"file": upload}).content.decode()
    assert 'id="all-clear"' in page and 'id="not-understood"' not in page
    assert re.search(r"2 năm, 0 nguồn; kiểm tra \d+ phép tính", page)


def test_a_workbook_with_english_headers_is_read():
    book = Workbook()
    sheet = book.active
    for row in (["Appendix 1: budget estimate"], ["Unit: million VND"],
                ["No.", "Content", "Unit", "Quantity", "Unit price", "Total", "Year 2025",
                 "Year 2026"],
                ["1", "Workshop", "Event", 2, 30, 60, 30, 30],
                ["2", "Training", "Course", 1, 50, 50, 0, 40],
                ["Grand total", None, None, None, None, 110, 30, 70]):
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    result = _result("english.xlsx", out.getvalue())
    assert result.fully_understood and result.appendices[0].money_unit == "triệu đồng"
    assert {(f.line, f.check, f.year) for f in result.findings} == {
        ("2", "years_sum", None), ("Tổng cộng", "years_sum", None)}
