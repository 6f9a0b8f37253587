"""The same findings from an .xlsx and a .docx of the seed's appendices; bad cells are named."""

from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from nscl.budget.io import UnsupportedFile, read_budget_file, read_budget_path
from nscl.budget.io.docx import write_docx
from nscl.budget.io.xlsx import write_xlsx
from nscl.budget.validation import validate_document
from nscl.conftest import SOC_TRANG_PLAN, seed_path


def _key(findings):
    return sorted((f.appendix, f.line, f.check, f.year, f.expected, f.found, f.severity)
                  for f in findings)


@pytest.fixture(scope="module")
def from_text():
    return read_budget_path(seed_path(SOC_TRANG_PLAN))


@pytest.mark.parametrize("suffix,writer", [(".xlsx", write_xlsx), (".docx", write_docx)])
def test_xlsx_and_docx_give_the_same_findings(from_text, suffix, writer):
    content = writer(from_text.appendices)
    document = read_budget_file(f"phu-luc{suffix}", content)
    assert [a.code for a in document.appendices] == ["Phụ lục I", "Phụ lục II"]
    # the text also carries the plan's stated budgets, which a table alone does not
    expected = [f for f in validate_document(from_text) if f.check != "phase_budget"]
    assert _key(validate_document(document)) == _key(expected)


def test_a_malformed_amount_in_excel_names_its_cell(from_text):
    workbook = load_workbook(BytesIO(write_xlsx(from_text.appendices)))
    sheet = workbook["Phụ lục I"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "5.4")
    sheet.cell(row, 6).value = "20.00.000"
    out = BytesIO()
    workbook.save(out)
    document = read_budget_file("loi.xlsx", out.getvalue())
    [issue] = document.issues
    assert issue.line == "5.4" and issue.column == "Tổng kinh phí"
    assert f"ô F{row}" in issue.message and "20.00.000" in issue.message
    assert "malformed_number" in {f.check for f in validate_document(document)}


def test_a_malformed_amount_in_word_names_its_cell(from_text):
    word = Document(BytesIO(write_docx(from_text.appendices)))
    table = word.tables[1]
    row = next(r for r in table.rows if r.cells[0].text == "5.3")
    row.cells[7].text = "1.9.0"
    out = BytesIO()
    word.save(out)
    document = read_budget_file("loi.docx", out.getvalue())
    [issue] = document.issues
    assert (issue.appendix, issue.line, issue.column) == ("Phụ lục II", "5.3", "năm 2027")
    assert "bảng 2" in issue.message and "cột 8" in issue.message


def test_other_files_are_refused_with_a_message():
    with pytest.raises(UnsupportedFile, match="chỉ nhận .xlsx, .docx hoặc .txt"):
        read_budget_file("bang.pdf", b"%PDF")
    with pytest.raises(ValueError, match="không phải là bảng tính Excel"):
        read_budget_file("hong.xlsx", b"not a zip")
