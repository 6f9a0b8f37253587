"""The bounded .xlsx reader: cells actually present, limits stated, hostile XML refused, values
read as Excel shows them."""

import datetime as dt
import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from nscl.core.spreadsheets import Limits, SpreadsheetError, cell_text, read_workbook
from nscl.core.tests import crafted
from nscl.core.tests.hypothesis_counts import counted


def test_a_sheet_declaring_a_million_rows_is_read_from_its_one_cell():
    content = crafted.dimension_bomb()
    assert len(content) < 6000
    started = time.perf_counter()
    [sheet] = read_workbook(content)
    assert time.perf_counter() - started < 1  # bench/spreadsheets.py measures time and memory
    assert [(r.number, r.values()) for r in sheet.rows] == [(1048576, ["x"])]


def test_a_cell_beyond_the_column_limit_is_refused_with_the_limit():
    with pytest.raises(SpreadsheetError, match=r"vượt giới hạn số cột \(tối đa 200\)"):
        read_workbook(crafted.dimension_bomb("XFD"))


@pytest.mark.parametrize("limit,message", [
    ({"max_rows": 2}, "số dòng"), ({"max_cells": 3}, "số ô"), ({"max_bytes": 100},
                                                                 "kích thước tệp"),
    ({"max_uncompressed_bytes": 1000}, "dung lượng sau giải nén")])
def test_every_limit_is_named_in_its_message(limit, message):
    rows = [[crafted.inline(f"A{r}", "x"), crafted.inline(f"B{r}", "y")] for r in range(1, 4)]
    with pytest.raises(SpreadsheetError, match=message):
        read_workbook(crafted.cells(rows), limits=Limits.from_settings(**limit))


@pytest.mark.parametrize("content", [crafted.billion_laughs(), crafted.malformed_dtd()])
def test_dtds_and_entities_are_refused_before_parsing(content):
    with pytest.raises(SpreadsheetError, match="DTD"):
        read_workbook(content)


def test_a_corrupt_worksheet_inside_a_valid_zip_is_a_clean_error():
    with pytest.raises(SpreadsheetError, match="không phải là bảng tính Excel"):
        read_workbook(crafted.corrupt_sheet())
    with pytest.raises(SpreadsheetError):
        read_workbook(b"PK\x03\x04garbage")


def test_values_as_excel_shows_them():
    content = crafted.cells([[
        crafted.number("A1", "1E400"), crafted.number("B1", "45366", style=1),
        crafted.number("C1", "0.5", style=2), crafted.number("D1", "7.0000000000000007E-2"),
        '<c r="E1"><f>SUM(A1:B1)</f></c>', '<c r="F1"><f>1+1</f><v>2</v></c>',
        '<c r="G1" t="e"><v>#REF!</v></c>', crafted.inline("H1", "Năm 2021")]])
    cells = read_workbook(content)[0].rows[0].cells
    assert cells[1].value == Decimal("1E+400") and cells[1].value.is_finite()
    assert cells[2].value == dt.datetime(2024, 3, 15)
    assert cells[3].value == dt.time(12, 0)
    assert cells[4].value == Decimal("0.07")
    assert cells[5].formula_without_value and cells[5].formula == "=SUM(A1:B1)"
    assert cells[6].value == 2 and not cells[6].formula_without_value
    assert cells[7].error and cells[8].value == "Năm 2021"


def test_hidden_rows_and_merges_are_reported_and_a_giant_merge_costs_nothing():
    body = (f'<row r="1">{crafted.inline("A1", "TT")}{crafted.inline("B1", "Nội dung")}</row>'
            f'<row r="2" hidden="1">{crafted.inline("A2", "1")}{crafted.inline("B2", "Hội thảo")}'
            f'</row>')
    content = crafted.xlsx(crafted.sheet_xml(
        body, tail='<mergeCells count="1"><mergeCell ref="A3:B1048576"/></mergeCells>'))
    started = time.perf_counter()
    [sheet] = read_workbook(content)
    assert time.perf_counter() - started < 1
    assert [r.hidden for r in sheet.rows] == [False, True]
    assert sheet.merges == [(3, 1, 1048576, 2)]


def test_hidden_sheets_are_read_and_marked():
    from io import BytesIO
    book = Workbook()
    book.active.append(["x"])
    hidden = book.create_sheet("Ẩn")
    hidden.sheet_state = "hidden"
    hidden.append(["y"])
    out = BytesIO()
    book.save(out)
    first, second = read_workbook(out.getvalue())
    assert first.visible and second.name == "Ẩn" and not second.visible


def test_cell_text():
    assert cell_text(Decimal("2021")) == "2021" and cell_text(12.0) == "12"
    assert cell_text(dt.date(2024, 3, 5)) == "05/03/2024"
    assert cell_text(Decimal("1E+400")).startswith("1")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.integers(-10**12, 10**12),
                                   st.text(alphabet="abcđêơ 0123456789.,", max_size=12)),
                         min_size=1, max_size=6), min_size=1, max_size=20))
@counted("spreadsheets")
def test_any_sheet_written_by_openpyxl_reads_back(rows):
    from io import BytesIO
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    [sheet] = read_workbook(out.getvalue())
    expected = [[Decimal(v) if isinstance(v, int) else (v or None) for v in row] for row in rows]
    got = {r.number: r.values(len(rows[r.number - 1])) for r in sheet.rows}
    for number, row in enumerate(expected, start=1):
        if any(v not in (None, "") for v in row):
            assert got[number] == [v if v != "" else None for v in row]
