"""Property: a random appendix — random tree, depth, codes, year span, money unit, items or not,
funding sources as columns, per year or as sub-rows — written in a random layout (text, .xlsx,
.docx; either number notation; total before or after the years, at the top or the bottom; page
headers repeated; merged headers; numbers as text…) with one planted error of every kind gives
exactly the planted findings, and nothing else."""

from hypothesis import given, settings
from hypothesis import strategies as st

from nscl.budget.io import read_budget_file
from nscl.budget.validation import check_document
from nscl.core.numbers import INTL, VN
from nscl.core.tests.hypothesis_counts import counted

from .corpus.layouts import Entry, Part, make
from .corpus.writers import Layout

SCHEMES = [["number", "dotted"], ["roman", "number"], ["upper", "number", "lower"],
           ["number", "dotted", "dotted"], ["roman", "number", "dotted"], ["number", "-"],
           ["upper", "lower"], ["roman", "number", "+"], ["upper", "roman", "number"]]
SOURCES = ["trung_uong", "tinh", "huyen_xa", "xa_hoi_hoa", "doanh_nghiep", "khac"]


@st.composite
def entries(draw) -> Entry:
    fmt = draw(st.sampled_from(["txt", "xlsx", "docx"]))
    start = draw(st.integers(2020, 2028))
    years = list(range(start, start + draw(st.integers(2, 6))))
    source_mode = draw(st.sampled_from(["", "", "columns", "year_columns", "rows"]))
    sources = draw(st.lists(st.sampled_from(SOURCES), min_size=2, max_size=3, unique=True)) \
        if source_mode else []
    style = draw(st.sampled_from([VN, VN, INTL]))
    layout = Layout(
        fmt=fmt, style=style, intl_grouped=draw(st.booleans()),
        year_label=draw(st.sampled_from(["{y}", "Năm {y}", "Năm\n{y}"])),
        total_after_years=source_mode != "year_columns" and draw(st.booleans()),
        total_name=draw(st.sampled_from(["Tổng cộng", "Tổng số", "Cộng", "TỔNG"])),
        total_top=draw(st.booleans()),
        unit_statement=draw(st.sampled_from(["line", "dvt", "header"])),
        header_code=draw(st.sampled_from(["TT", "STT"])),
        page_break_after=draw(st.sampled_from([None, 4, 7])),
        wrap_content=fmt == "txt" and draw(st.booleans()),
        numbers_as_text=fmt == "xlsx" and draw(st.booleans()),
        merged_header=fmt != "txt" and draw(st.booleans()),
        group_formulas=fmt == "xlsx" and draw(st.booleans()))
    part = Part(scheme=draw(st.sampled_from(SCHEMES)), years=years,
                heading=draw(st.sampled_from(["Phụ lục I", "PHỤ LỤC II", "Phụ lục số 02",
                                              "Biểu số 01/KH", "Phụ lục 03"])),
                money_unit=draw(st.sampled_from(["đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"])),
                with_items=draw(st.booleans()), sources=sources, source_mode=source_mode,
                tops=draw(st.integers(3, 4)))
    return Entry("ngau-nhien", layout, [part]), draw(st.integers(0, 10**6))


@settings(max_examples=40, deadline=None)
@given(entries())
@counted("budget layouts (text, .xlsx, .docx)")
def test_a_random_appendix_in_a_random_layout_gives_exactly_its_planted_findings(drawn):
    entry, seed = drawn
    content, expected = make(entry, seed)
    result = check_document(read_budget_file(entry.filename, content))
    found = {(f.appendix, f.line, f.check, f.year) for f in result.findings}
    assert found == {tuple(e) for e in expected}
    assert result.fully_understood
