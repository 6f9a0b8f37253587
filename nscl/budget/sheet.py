"""An appendix as plain data: what every importer produces and the validator reads.

Keeping the appendix as dataclasses (not models) lets one validator check a file before anything
is written, and check the stored appendix after an edit, with the same code.

A line's `code` is its label, unique in the appendix: the path of printed codes from the top
(“II.1” is the line printed “1” under group “II”; “5.2” stays “5.2” when it sits under “5”). The
printed code is `shown_code`. Its parent is explicit, because printed codes do not always say it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

GRAND_TOTAL_CODE = "Tổng cộng"
_DERIVED = "\x00derived"

# Funding sources, in the order tables usually print them; labels as shown on pages.
SOURCE_LABELS = {
    "trung_uong": "Ngân sách trung ương",
    "tinh": "Ngân sách tỉnh",
    "huyen_xa": "Ngân sách huyện, xã",
    "xa_hoi_hoa": "Xã hội hóa",
    "doanh_nghiep": "Doanh nghiệp đối ứng",
    "khac": "Nguồn khác",
}
# Money units, normalised: how many đồng one unit is.
MONEY_UNITS = {"đồng": 1, "nghìn đồng": 10**3, "triệu đồng": 10**6, "tỷ đồng": 10**9}
STORED_UNIT = "triệu đồng"  # what the database keeps, whatever the file published

ERROR, WARNING, NOTICE = "error", "warning", "notice"


@dataclass
class LineData:
    """One row of the appendix; the grand-total row has no code."""

    code: str
    content: str
    unit: str = ""
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    total: Decimal | None = None
    years: dict[int, Decimal | None] = field(default_factory=dict)
    is_grand_total: bool = False
    location: str = ""
    shown_code: str = ""
    parent: str | None = _DERIVED
    # source → {None: its part of the total, year: its part of that year}
    sources: dict[str, dict[int | None, Decimal | None]] = field(default_factory=dict)

    def __post_init__(self):
        if self.parent == _DERIVED:
            self.parent = (None if self.is_grand_total or "." not in self.code
                           else self.code.rsplit(".", 1)[0])
        if not self.shown_code and not self.is_grand_total:
            self.shown_code = self.code.rsplit(".", 1)[-1] if self.parent else self.code

    @property
    def label(self) -> str:
        return GRAND_TOTAL_CODE if self.is_grand_total else self.code

    @property
    def parent_code(self) -> str | None:
        return None if self.is_grand_total else self.parent


@dataclass
class AppendixData:
    """A budget appendix (Phụ lục) with its period, money unit and lines in published order."""

    code: str
    title: str
    years: list[int]
    lines: list[LineData]
    money_unit: str = STORED_UNIT
    stated_total: Decimal | None = None  # the phase budget the plan's text states for it
    location: str = ""
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    title_period: tuple[int, int] | None = None

    @property
    def period(self) -> tuple[int, int] | None:
        if self.years:
            return (self.years[0], self.years[-1])
        return self.title_period

    @property
    def money_factor(self) -> int:
        """Đồng per published unit (10⁶ for triệu đồng)."""
        return MONEY_UNITS.get(self.money_unit, MONEY_UNITS[STORED_UNIT])

    def _index(self) -> dict[str | None, list[LineData]]:
        cached = getattr(self, "_children_cache", None)
        if cached is not None and cached[0] == len(self.lines):
            return cached[1]
        index: dict[str | None, list[LineData]] = {}
        for line in self.lines:
            if not line.is_grand_total:
                index.setdefault(line.parent_code, []).append(line)
        self._children_cache = (len(self.lines), index)
        return index

    def children_of(self, line: LineData) -> list[LineData]:
        if line.is_grand_total:
            return []
        return self._index().get(line.code, [])

    def top_level(self) -> list[LineData]:
        return self._index().get(None, [])

    def grand_total(self) -> LineData | None:
        return next((c for c in self.lines if c.is_grand_total), None)

    def line_count(self) -> int:
        """Rows read as lines, the grand-total row included."""
        return len(self.lines)


@dataclass
class ParseIssue:
    """Something in the file that was not read as it stands: a malformed number, a row or column
    that could not be placed, a formula with no stored value… `understood` is False when the
    issue means part of the file was not understood (then no “all fine” can be said)."""

    appendix: str
    line: str
    location: str
    message: str
    column: str = ""
    check: str = "malformed_number"
    severity: str = ERROR
    understood: bool = False


@dataclass
class BudgetDocument:
    """Everything read from one file: its appendices, the plan's overall budget if stated."""

    appendices: list[AppendixData] = field(default_factory=list)
    plan_total: Decimal | None = None
    issues: list[ParseIssue] = field(default_factory=list)
    source: str = ""
    number_style: str = "vn"
    written_numbers: list[str] = field(default_factory=list, repr=False)
    amount_slots: list = field(default_factory=list, repr=False)  # (line, column, as written)

    @property
    def fully_understood(self) -> bool:
        """True only when an appendix was found and nothing in the file was left unread."""
        return bool(self.appendices) and all(i.understood for i in self.issues)
