"""The corpus: appendices in the layouts provinces publish, each with planted errors.

Every entry is made from a fixed seed, so `python -m nscl.budget.tests.corpus.build` writes the
same files again; `files/` holds them with their expected findings (`expected.json`). The layouts
vary everything issue 12 lists: the heading (Phụ lục I, PHỤ LỤC II, Phụ lục số 02, Phụ lục 01,
Biểu 1, Biểu số 01/KH, none), the row codes (I/A/1/1.1/a)/-/+ at any depth), unit, quantity and
price columns or not, years as 2021 / Năm 2021 / Năm↵2021, the total before or after the years,
funding sources as columns, per year, or as sub-rows, the money unit (đồng to tỷ đồng) stated in a
line, as ĐVT or in a column header, the total row's name and place, notes, page headers repeated,
two appendices in one file, both number notations, and the spreadsheet habits (merged cells,
formulas with and without stored values, hidden rows, numbers as text, a date in an amount cell,
several sheets).
"""

import random
from dataclasses import dataclass, field

from nscl.budget.io.vocabulary import appendix_heading
from nscl.core.numbers import INTL, VN

from .model import Appendix, _leaves, build, plant
from .writers import Layout, write_docx, write_text, write_xlsx

ALL_KINDS = ["quantity_times_price", "years_sum", "children_total_year", "sources_total",
             "grand_total", "duplicate_code"]


@dataclass
class Part:
    scheme: list[str]
    years: list[int]
    heading: str | None = "Phụ lục I"
    title: str = "DỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH"
    money_unit: str = "triệu đồng"
    with_items: bool = True
    sources: list[str] = field(default_factory=list)
    source_mode: str = ""
    tops: int = 3
    children: tuple[int, int] = (2, 3)


@dataclass
class Entry:
    name: str
    layout: Layout
    parts: list[Part]
    kinds: list[str] = field(default_factory=lambda: list(ALL_KINDS))

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.layout.fmt}"


SRC2 = ["trung_uong", "tinh"]
SRC3 = ["tinh", "xa_hoi_hoa", "doanh_nghiep"]

ENTRIES = [
    Entry("01_text_dotted_seedlike", Layout(fmt="txt", page_break_after=9, wrap_content=True),
          [Part(["number", "dotted"], [2021, 2022, 2023, 2024, 2025],
                title="DỰ TOÁN KINH PHÍ TRIỂN KHAI KẾ HOẠCH GIAI ĐOẠN 2021 - 2025")]),
    Entry("02_text_roman_years_after_total_cong",
          Layout(fmt="txt", year_label="Năm {y}", total_after_years=True, total_name="Cộng",
                 unit_statement="dvt", header_code="STT"),
          [Part(["roman", "number"], [2023, 2024, 2025], heading="PHỤ LỤC II",
                money_unit="nghìn đồng", with_items=False, tops=3)]),
    Entry("03_text_letters_total_top_dong",
          Layout(fmt="txt", total_name="TỔNG", total_top=True,
                 notes=["Ghi chú: kinh phí hỗ trợ doanh nghiệp theo Nghị quyết của HĐND tỉnh.",
                        "(*) Số liệu dự kiến, điều chỉnh hằng năm."]),
          [Part(["upper", "number", "lower"], [2026, 2027, 2028], heading="Phụ lục số 02",
                money_unit="đồng")]),
    Entry("04_text_sources_columns_bieu",
          Layout(fmt="txt", total_name="Tổng số", column_numbers=True),
          [Part(["number", "dotted"], [2024, 2025], heading="Biểu số 01/KH",
                sources=SRC2, source_mode="columns", with_items=False)]),
    Entry("05_text_international_ty_dong",
          Layout(fmt="txt", style=INTL, year_label="Năm {y}", total_name="Tổng số"),
          [Part(["number", "dotted"], [2022, 2023, 2024], heading="Phụ lục 01",
                money_unit="tỷ đồng")]),
    Entry("06_text_two_appendices_bullets",
          Layout(fmt="txt", body_text=True),
          [Part(["number", "dotted", "-"], [2021, 2022, 2023], heading="Phụ lục I",
                with_items=False),
           Part(["roman", "number", "+"], [2026, 2027], heading="Phụ lục II", with_items=False,
                title="DỰ TOÁN KINH PHÍ GIAI ĐOẠN 2026 - 2027")]),
    Entry("07_text_sources_rows_deep",
          Layout(fmt="txt", unit_statement="header"),
          [Part(["number", "dotted", "dotted"], [2025, 2026, 2027, 2028], heading="Biểu 1",
                sources=SRC2, source_mode="rows", with_items=False)]),
    Entry("08_xlsx_merged_header_formulas",
          Layout(fmt="xlsx", merged_header=True, group_formulas=True, column_numbers=True),
          [Part(["number", "dotted"], [2021, 2022, 2023, 2024, 2025])]),
    Entry("09_xlsx_sources_per_year",
          Layout(fmt="xlsx", year_label="Năm {y}"),
          [Part(["roman", "number"], [2024, 2025, 2026], heading="PHỤ LỤC II",
                sources=SRC2, source_mode="year_columns", with_items=False)]),
    Entry("10_xlsx_habits_text_numbers_hidden_formula_date",
          Layout(fmt="xlsx", numbers_as_text=True, hidden_line="pick", formula_missing="pick",
                 date_price="pick", page_break_after=7),
          [Part(["number", "dotted"], [2022, 2023, 2024], heading="Phụ lục 01",
                money_unit="đồng")]),
    Entry("11_xlsx_two_sheets_sources_rows_total_top",
          Layout(fmt="xlsx", total_top=True, total_name="Tổng cộng", merged_codes=True,
                 extra_sheet=True),
          [Part(["upper", "number"], [2023, 2024], heading="Phụ lục I", sources=SRC3,
                source_mode="rows", with_items=False),
           Part(["number", "dotted"], [2025, 2026, 2027], heading="Phụ lục II")]),
    Entry("12_xlsx_international_text_unit_in_header",
          Layout(fmt="xlsx", style=INTL, intl_grouped=False, numbers_as_text=True,
                 unit_statement="header", total_after_years=True),
          [Part(["number", "dotted"], [2021, 2022, 2023], heading=None,
                title="Bảng dự toán kinh phí các nhiệm vụ năm 2021 - 2023")]),
    Entry("13_docx_body_table_no_heading",
          Layout(fmt="docx", body_text=True, header_code="STT", unit_statement="header"),
          [Part(["number", "-"], [2024, 2025, 2026], heading=None,
                title="Dự toán kinh phí thực hiện", with_items=False)]),
    Entry("14_docx_roman_sources_rows_repeated_header",
          Layout(fmt="docx", page_break_after=6, merged_codes=True,
                 notes=["Ghi chú: nguồn xã hội hóa do doanh nghiệp đóng góp."]),
          [Part(["roman", "number"], [2021, 2022, 2023], heading="PHỤ LỤC I",
                sources=SRC3, source_mode="rows", with_items=False)]),
    Entry("15_docx_years_wrapped_total_after_letters",
          Layout(fmt="docx", year_label="Năm\n{y}", total_after_years=True, merged_header=True),
          [Part(["upper", "lower"], [2026, 2027, 2028, 2029], heading="Phụ lục số 03")]),
    Entry("16_docx_two_appendices_columns_sources",
          Layout(fmt="docx", merged_header=True),
          [Part(["number", "dotted"], [2021, 2022], heading="Phụ lục 01", sources=SRC2,
                source_mode="columns", with_items=False),
           Part(["number", "dotted", "-"], [2023, 2024, 2025], heading="Phụ lục 02")]),
    Entry("17_xlsx_one_sheet_two_tables_tydong",
          Layout(fmt="xlsx", one_sheet=True, year_label="Năm\n{y}", merged_header=True),
          [Part(["roman", "number", "dotted"], [2021, 2022], heading="Phụ lục I",
                money_unit="tỷ đồng"),
           Part(["number", "dotted"], [2023, 2024, 2025], heading="Phụ lục II",
                money_unit="tỷ đồng", with_items=False)]),
    Entry("18_text_no_unit_statement",
          Layout(fmt="txt", unit_statement="none", year_label="Năm {y}"),
          [Part(["number", "dotted"], [2021, 2022, 2023], heading="Phụ lục III",
                with_items=False)]),
]


NOT_UNDERSTOOD = {"malformed_number", "number_out_of_range", "formula_without_value",
                  "unplaced_row", "unplaced_column", "partial_row", "code_order",
                  "no_grand_total", "no_appendix"}


def make(entry: Entry, seed: int | None = None) -> tuple[bytes, list[list]]:
    """The file and its expected findings: [appendix, line, check, year] each."""
    rng = random.Random(seed if seed is not None else entry.name)
    appendices: list[Appendix] = []
    expected: set = set()
    layout = Layout(**entry.layout.__dict__)
    for part in entry.parts:
        appendix = build(rng, scheme=part.scheme, years=part.years, with_items=part.with_items,
                         sources=part.sources, source_mode=part.source_mode,
                         heading=part.heading, title=part.title, money_unit=part.money_unit,
                         tops=part.tops, children=part.children)
        if part.heading is None:
            appendix.heading = None
        kinds = [k for k in entry.kinds if (k != "quantity_times_price" or part.with_items)
                 and (k != "sources_total" or part.sources)]
        used = plant(rng, appendix, kinds)
        code = appendix_heading(part.heading) if part.heading else _default_code(entry, appendices)
        _habits(rng, appendix, layout, used, part, code, expected)
        if layout.unit_statement == "none":
            expected.add((code, "", "money_unit", None))
        expected |= {(code, line, check, year) for _c, line, check, year in appendix.expected}
        appendices.append(appendix)
    writer = {"txt": write_text, "xlsx": write_xlsx, "docx": write_docx}[layout.fmt]
    content = writer(appendices, layout)
    return content, sorted([list(k) for k in expected], key=str)


def _default_code(entry: Entry, earlier: list) -> str:
    if entry.layout.fmt == "xlsx":
        return f"PL{len(earlier) + 1}"
    return f"Bảng {len(earlier) + 1}"


def _habits(rng, appendix: Appendix, layout: Layout, used: set[str], part: Part, code: str,
            expected: set) -> None:
    free = [x for x in _leaves(appendix) if x.label not in used and x.parent is not None]
    rng.shuffle(free)
    if layout.hidden_line == "pick":
        line = free.pop()
        layout.hidden_line = line.label
        expected.add((code, line.label, "hidden_row", None))
    if layout.formula_missing == "pick":
        line = free.pop()
        layout.formula_missing = line.label
        expected.add((code, line.label, "formula_without_value", None))
        expected.add((code, line.parent.label, "children_total", None))
    if layout.date_price == "pick" and part.with_items:
        line = next(x for x in free if x.qty is not None)
        free.remove(line)
        layout.date_price = line.label
        expected.add((code, line.label, "malformed_number", None))
        expected.add((code, line.label, "missing_unit_price", None))


__all__ = ["ENTRIES", "Entry", "Part", "make", "VN"]
