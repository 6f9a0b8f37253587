"""An appendix as plain data: what every importer produces and the validator reads.

Keeping the appendix as dataclasses (not models) lets one validator check a file before anything
is written, and check the stored appendix after an edit, with the same code.
"""

from dataclasses import dataclass, field
from decimal import Decimal

GRAND_TOTAL_CODE = "Tổng cộng"


@dataclass
class LineData:
    """One row of the appendix. `code` is "1", "1.1", "5.2"…; the grand total row has none."""

    code: str
    content: str
    unit: str = ""
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    total: Decimal | None = None
    years: dict[int, Decimal | None] = field(default_factory=dict)
    is_grand_total: bool = False
    location: str = ""

    @property
    def label(self) -> str:
        return GRAND_TOTAL_CODE if self.is_grand_total else self.code

    @property
    def parent_code(self) -> str | None:
        if self.is_grand_total or "." not in self.code:
            return None
        return self.code.rsplit(".", 1)[0]


@dataclass
class AppendixData:
    """A budget appendix (Phụ lục) with its period, money unit and lines in published order."""

    code: str
    title: str
    years: list[int]
    lines: list[LineData]
    money_unit: str = "triệu đồng"
    stated_total: Decimal | None = None  # the phase budget the plan's text states for it
    location: str = ""

    @property
    def period(self) -> tuple[int, int] | None:
        return (self.years[0], self.years[-1]) if self.years else None

    def children_of(self, line: LineData) -> list[LineData]:
        return [c for c in self.lines if not c.is_grand_total and c.parent_code == line.code]

    def top_level(self) -> list[LineData]:
        return [c for c in self.lines if not c.is_grand_total and c.parent_code is None]

    def grand_total(self) -> LineData | None:
        return next((c for c in self.lines if c.is_grand_total), None)


@dataclass
class ParseIssue:
    """Something in the file that could not be read as it stands (a malformed number …)."""

    appendix: str
    line: str
    location: str
    message: str
    column: str = ""


@dataclass
class BudgetDocument:
    """Everything read from one file: its appendices, the plan's overall budget if stated."""

    appendices: list[AppendixData] = field(default_factory=list)
    plan_total: Decimal | None = None
    issues: list[ParseIssue] = field(default_factory=list)
    source: str = ""
