"""Seed 003's published appendices, read from the text extracted from its PDF."""

from decimal import Decimal

import pytest

from nscl.budget.io import read_budget_path
from nscl.budget.validation import ERROR, validate_document
from nscl.conftest import SOC_TRANG_PLAN, seed_path

D = Decimal
# Every arithmetic error of Phụ lục I: (line, check, year, expected, found)
PHU_LUC_I_ERRORS = {
    ("5", "years_sum", None, D(5385), D(5405)),
    ("5", "children_total", None, D(5385), D(5405)),
    ("5", "children_total_year", 2021, D(826), D(806)),
    ("5.4", "quantity_times_price", None, D(100), D(80)),
    ("5.4", "years_sum", None, D(100), D(80)),
    ("6", "quantity_times_price", None, D(50), D(40)),
    ("Tổng cộng", "grand_total_year", 2021, D(861), D(881)),
}


@pytest.fixture(scope="module")
def document():
    return read_budget_path(seed_path(SOC_TRANG_PLAN))


def _errors(findings, appendix):
    return {(f.line, f.check, f.year, f.expected, f.found)
            for f in findings if f.appendix == appendix and f.severity == ERROR}


def test_both_appendices_are_found_with_their_periods(document):
    assert [(a.code, a.years[0], a.years[-1], len(a.lines)) for a in document.appendices] == [
        ("Phụ lục I", 2021, 2025, 20), ("Phụ lục II", 2026, 2030, 20)]
    assert document.issues == []
    assert [a.stated_total for a in document.appendices] == [D(6370), D(8385)]
    assert document.plan_total == D(14755)


def test_rows_wrapped_over_lines_and_page_headers_are_read(document):
    lines = {line.code: line for line in document.appendices[0].lines}
    assert lines["5.1"].unit == "Lượt"
    assert (lines["5.1"].quantity, lines["5.1"].unit_price, lines["5.1"].total) == (
        D(75), D(18), D(1350))
    assert lines["3.2"].years == {y: D(20) for y in range(2021, 2026)}  # after the page break
    assert lines["4"].content.endswith("giai đoạn 2021 - 2025")  # not taken as numbers
    assert (lines["1.5"].quantity, lines["1.5"].unit_price) == (D(5), None)
    assert document.appendices[0].grand_total().years[2022] == D(1471)


def test_every_arithmetic_error_of_phu_luc_i_and_none_of_phu_luc_ii(document):
    findings = validate_document(document)
    assert _errors(findings, "Phụ lục I") == PHU_LUC_I_ERRORS
    assert _errors(findings, "Phụ lục II") == set()
    assert not [f for f in findings if f.check == "plan_budget"]


def test_group_headers_get_notices_and_a_stray_period_a_warning(document):
    findings = validate_document(document)
    other = {(f.appendix, f.line, f.check, f.severity) for f in findings if f.severity != ERROR}
    assert other == {
        ("Phụ lục I", "2", "group_summary", "notice"),
        ("Phụ lục I", "1.5", "missing_unit_price", "notice"),
        ("Phụ lục II", "2", "group_summary", "notice"),
        ("Phụ lục II", "4", "period_wording", "warning"),
    }


def test_messages_name_line_values_and_difference(document):
    finding = next(f for f in validate_document(document)
                   if f.line == "5.4" and f.check == "quantity_times_price")
    assert finding.difference == D(-20)
    assert finding.message == ("Dòng 5.4: Số lượng × Đơn giá = 5 × 20 là 100 nhưng bảng ghi 80 "
                               "(chênh lệch -20).")
