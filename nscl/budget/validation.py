"""The arithmetic validator of budget appendices.

It checks everything that must add up in a published "dự toán kinh phí" table and reports each
finding with the line, the check, the expected and found values and the difference:

- on an item line, quantity × unit price against the total;
- on every line, the year amounts against the total;
- children against their parent, for the total and for every year;
- funding sources against the line's total, for the total and for every year;
- the grand-total row against the top-level lines, for the total and for every year;
- each appendix against the budget the plan states for its phase, and the phases against the
  plan's overall budget;
- wording that names another period than the appendix's (a 2026–2030 line "giai đoạn 2021 - 2025").

A group header whose quantity and unit price only summarise its children gets a notice, not an
error. "Found" is always the value printed in the table; "expected" is what its parts add up to.

Everything the readers could not read or place (`ParseIssue`) comes first, as findings too. The
result (`check_document`) also says how much was read and how many sums were checked, and whether
the file was fully understood: a file read only in part never gets a clean bill. Each check walks
the lines once, with the tree indexed beforehand, so the work grows with the number of lines.
"""

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from nscl.core.numbers import format_vn_number

from .sheet import ERROR, NOTICE, SOURCE_LABELS, WARNING, AppendixData, BudgetDocument, LineData

SEVERITY_ORDER = {ERROR: 0, WARNING: 1, NOTICE: 2}
_PERIOD = re.compile(r"giai\s+đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)


CHECK_LABELS = {
    "malformed_number": _l("số không hợp lệ"),
    "quantity_times_price": _l("số lượng × đơn giá"),
    "missing_unit_price": _l("thiếu đơn giá"),
    "group_summary": _l("dòng nhóm"),
    "years_sum": _l("cộng các năm"),
    "children_total": _l("cộng dòng con"),
    "children_total_year": _l("cộng dòng con theo năm"),
    "grand_total": _l("dòng tổng cộng"),
    "grand_total_year": _l("dòng tổng cộng theo năm"),
    "phase_budget": _l("kinh phí giai đoạn"),
    "plan_budget": _l("tổng kinh phí kế hoạch"),
    "period_wording": _l("giai đoạn ghi trong nội dung"),
    "sources_total": _l("cộng các nguồn kinh phí"),
    "sources_total_year": _l("cộng các nguồn kinh phí theo năm"),
    "number_out_of_range": _l("số vượt giới hạn"),
    "formula_without_value": _l("công thức không có giá trị"),
    "unplaced_row": _l("dòng chưa đọc được"),
    "unplaced_column": _l("cột chưa đọc được"),
    "partial_row": _l("dòng đọc thiếu số"),
    "code_order": _l("thứ tự mã dòng"),
    "code_gap": _l("thiếu mã dòng"),
    "duplicate_code": _l("mã dòng trùng"),
    "no_grand_total": _l("thiếu dòng tổng cộng"),
    "hidden_row": _l("dòng bị ẩn"),
    "money_unit": _l("đơn vị tính"),
    "number_format": _l("cách viết số"),
    "no_appendix": _l("không có phụ lục"),
}


@dataclass(frozen=True)
class Finding:
    appendix: str
    line: str
    check: str
    severity: str
    message: str
    expected: Decimal | None = None
    found: Decimal | None = None
    year: int | None = None
    location: str = ""

    @property
    def check_label(self) -> str:
        return str(CHECK_LABELS.get(self.check, self.check))

    @property
    def difference(self) -> Decimal | None:
        if self.expected is None or self.found is None:
            return None
        return self.found - self.expected

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("expected", "found"):
            data[key] = None if data[key] is None else str(data[key])
        diff = self.difference
        data["difference"] = None if diff is None else str(diff)
        return data


def _n(value: Decimal | None) -> str:
    return format_vn_number(value) if value is not None else "—"


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def _finding(appendix: AppendixData, line: LineData, check: str, severity: str, message: str,
             expected=None, found=None, year=None) -> Finding:
    return Finding(appendix=appendix.code, line=line.label, check=check, severity=severity,
                   message=message, expected=expected, found=found, year=year)


def _where(line: LineData, year: int | None = None) -> str:
    where = _("Dòng %(line)s") % {"line": line.label}
    return where + (_(", năm %(year)s") % {"year": year} if year else "")


def _mismatch(appendix, line, check, severity, what: str, expected, found, year=None) -> Finding:
    message = _("%(where)s: %(what)s là %(expected)s nhưng bảng ghi %(found)s "
                "(chênh lệch %(diff)s).") % {
        "where": _where(line, year), "what": what, "expected": _n(expected),
        "found": _n(found), "diff": _n(found - expected)}
    return _finding(appendix, line, check, severity, message, expected, found, year)


class _Checker:
    """The checks of one appendix, counting every comparison made."""

    def __init__(self, appendix: AppendixData):
        self.appendix = appendix
        self.checks = 0
        self.findings: list[Finding] = []

    def _compare(self, line, check, what, expected, found, year=None, severity=ERROR) -> bool:
        """One comparison; `what` (text, or a function making it) is only written on a
        mismatch."""
        self.checks += 1
        if expected == found:
            return True
        self.findings.append(_mismatch(self.appendix, line, check, severity,
                                       what() if callable(what) else what, expected, found, year))
        return False

    def line_product(self, line: LineData) -> None:
        """Quantity × unit price against the total: an error on items, a notice on groups."""
        appendix = self.appendix
        if line.is_grand_total or line.total is None:
            return
        if line.quantity is None or line.unit_price is None:
            if line.quantity is not None and not appendix.children_of(line):
                self.findings.append(_finding(
                    appendix, line, "missing_unit_price", NOTICE,
                    _("%(where)s: có số lượng %(q)s nhưng không có đơn giá, không kiểm tra được số "
                      "lượng × đơn giá.") % {"where": _where(line), "q": _n(line.quantity)}))
            return
        product = line.quantity * line.unit_price
        if appendix.children_of(line):
            if product != line.total:
                self.findings.append(_finding(
                    appendix, line, "group_summary", NOTICE,
                    _("%(where)s là dòng nhóm: số lượng và đơn giá (%(q)s × %(p)s = %(prod)s) chỉ "
                      "tóm tắt các dòng con, không so với tổng %(total)s.")
                    % {"where": _where(line), "q": _n(line.quantity), "p": _n(line.unit_price),
                       "prod": _n(product), "total": _n(line.total)}, product, line.total))
            return
        def what():
            return _("Số lượng × Đơn giá = %(q)s × %(p)s") % {"q": _n(line.quantity),
                                                               "p": _n(line.unit_price)}
        self._compare(line, "quantity_times_price", what, product, line.total)

    def years_sum(self, line: LineData) -> None:
        if line.total is None or not line.years:
            return
        years = [y for y in line.years if line.years[y] is not None]
        if not years:
            return
        self._compare(line, "years_sum", lambda: _("Tổng các năm %(y0)s–%(y1)s") % {
            "y0": min(line.years), "y1": max(line.years)}, _sum(line.years.values()), line.total)

    def parts(self, line: LineData, parts: list[LineData], check: str, what: str) -> None:
        if not parts:
            return
        if line.total is not None:
            self._compare(line, check, what, _sum(p.total for p in parts), line.total)
        for year in self.appendix.years:
            found = line.years.get(year)
            if found is not None:
                self._compare(line, f"{check}_year", what,
                              _sum(p.years.get(year) for p in parts), found, year)

    def children(self, line: LineData) -> None:
        children = self.appendix.children_of(line)
        if children:
            self.parts(line, children, "children_total", lambda: _(
                "Tổng các dòng con (%(codes)s)") % {"codes": ", ".join(c.code for c in children)})

    def grand_total(self) -> None:
        grand = self.appendix.grand_total()
        if grand is None:
            return
        top = self.appendix.top_level()
        self.parts(grand, top, "grand_total", lambda: _("Tổng các mục %(codes)s") % {
            "codes": ", ".join(c.code for c in top)})

    def sources(self, line: LineData) -> None:
        """The funding sources of a line add up to its total, and to each year."""
        if not line.sources:
            return
        def what():
            return _("Tổng các nguồn (%(names)s)") % {
                "names": ", ".join(SOURCE_LABELS[s] for s in line.sources)}

        if line.total is not None and any(v.get(None) is not None for v in line.sources.values()):
            self._compare(line, "sources_total", what,
                          _sum(v.get(None) for v in line.sources.values()), line.total)
        for year in self.appendix.years:
            found = line.years.get(year)
            if found is None or all(v.get(year) is None for v in line.sources.values()):
                continue
            self._compare(line, "sources_total_year", what,
                          _sum(v.get(year) for v in line.sources.values()), found, year)

    def period_wording(self, line: LineData) -> None:
        appendix = self.appendix
        if appendix.period is None:
            return
        for match in _PERIOD.finditer(line.content):
            named = (int(match.group(1)), int(match.group(2)))
            if named != appendix.period:
                self.findings.append(_finding(
                    appendix, line, "period_wording", WARNING,
                    _("%(where)s nêu “giai đoạn %(a)s - %(b)s” trong khi phụ lục dành cho giai "
                      "đoạn %(c)s - %(d)s: kiểm tra lại nội dung dòng.") % {
                        "where": _where(line), "a": named[0], "b": named[1],
                        "c": appendix.period[0], "d": appendix.period[1]}))

    def stated_total(self) -> None:
        grand = self.appendix.grand_total()
        if self.appendix.stated_total is None or grand is None or grand.total is None:
            return
        self._compare(grand, "phase_budget", _("Kinh phí giai đoạn ghi trong kế hoạch"),
                      self.appendix.stated_total, grand.total)

    def run(self) -> list[Finding]:
        for line in self.appendix.lines:
            self.line_product(line)
            self.years_sum(line)
            if not line.is_grand_total:
                self.children(line)
            self.sources(line)
            self.period_wording(line)
        self.grand_total()
        self.stated_total()
        return self.findings


def validate_appendix(appendix: AppendixData) -> list[Finding]:
    return _Checker(appendix).run()


def check_plan_total(document: BudgetDocument) -> list[Finding]:
    """The phases' stated budgets against the plan's overall budget."""
    stated = [a.stated_total for a in document.appendices if a.stated_total is not None]
    if document.plan_total is None or not stated:
        return []
    expected = _sum(stated)
    if expected == document.plan_total:
        return []
    return [Finding(appendix="", line=_("Kế hoạch"), check="plan_budget", severity=ERROR,
                    message=_("Tổng kinh phí các giai đoạn là %(e)s triệu đồng nhưng kế hoạch ghi "
                              "%(f)s (chênh lệch %(d)s).") % {
                        "e": _n(expected), "f": _n(document.plan_total),
                        "d": _n(document.plan_total - expected)},
                    expected=expected, found=document.plan_total)]


def _issue_findings(document: BudgetDocument) -> list[Finding]:
    return [Finding(appendix=i.appendix, line=i.line, check=i.check, severity=i.severity,
                    message=i.message, location=i.location) for i in document.issues]


def validate_document(document: BudgetDocument) -> list[Finding]:
    """Every finding of a read file: what could not be read first, then each appendix, then the
    plan."""
    return check_document(document).findings


@dataclass
class AppendixSummary:
    code: str
    lines: int
    years: int
    sources: int
    checks: int
    money_unit: str


@dataclass
class CheckResult:
    """The findings, what was read and checked, and whether the whole file was understood."""

    findings: list[Finding]
    appendices: list[AppendixSummary] = field(default_factory=list)
    fully_understood: bool = False

    @property
    def checks(self) -> int:
        return sum(a.checks for a in self.appendices)

    @property
    def lines(self) -> int:
        return sum(a.lines for a in self.appendices)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def clean(self) -> bool:
        """The only state in which “no findings” may be said."""
        return self.fully_understood and not self.findings

    def summary(self) -> str:
        """“đã đọc 23 dòng, 5 năm, 2 nguồn; kiểm tra 96 phép tính”."""
        years = max((a.years for a in self.appendices), default=0)
        sources = max((a.sources for a in self.appendices), default=0)
        return _("đã đọc %(n)s phụ lục, %(lines)s dòng, %(years)s năm, %(sources)s nguồn; kiểm "
                 "tra %(checks)s phép tính") % {"n": len(self.appendices), "lines": self.lines,
                                                "years": years, "sources": sources,
                                                "checks": self.checks}

    def as_dict(self) -> dict:
        return {"fully_understood": self.fully_understood, "summary": self.summary(),
                "checks": self.checks, "lines": self.lines,
                "appendices": [asdict(a) for a in self.appendices],
                "findings": [f.as_dict() for f in self.findings]}


def check_document(document: BudgetDocument) -> CheckResult:
    findings = _issue_findings(document)
    summaries = []
    for appendix in document.appendices:
        checker = _Checker(appendix)
        findings += checker.run()
        summaries.append(AppendixSummary(
            code=appendix.code, lines=appendix.line_count(), years=len(appendix.years),
            sources=len(appendix.sources), checks=checker.checks, money_unit=appendix.money_unit))
    findings += check_plan_total(document)
    return CheckResult(findings=findings, appendices=summaries,
                       fully_understood=document.fully_understood)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
