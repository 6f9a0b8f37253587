"""The arithmetic validator of budget appendices.

It checks everything that must add up in a published "dự toán kinh phí" table and reports each
finding with the line, the check, the expected and found values and the difference:

- on an item line, quantity × unit price against the total;
- on every line, the year amounts against the total;
- children against their parent, for the total and for every year;
- the grand-total row against the top-level lines, for the total and for every year;
- each appendix against the budget the plan states for its phase, and the phases against the
  plan's overall budget;
- wording that names another period than the appendix's (a 2026–2030 line "giai đoạn 2021 - 2025").

A group header whose quantity and unit price only summarise its children gets a notice, not an
error. "Found" is always the value printed in the table; "expected" is what its parts add up to.
"""

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from nscl.core.numbers import format_vn_number

from .sheet import AppendixData, BudgetDocument, LineData

ERROR, WARNING, NOTICE = "error", "warning", "notice"
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


def check_line_product(appendix: AppendixData, line: LineData) -> list[Finding]:
    """Quantity × unit price against the total: an error on items, a notice on group headers."""
    if line.is_grand_total or line.total is None:
        return []
    if line.quantity is None or line.unit_price is None:
        if line.quantity is not None and not appendix.children_of(line):
            return [_finding(appendix, line, "missing_unit_price", NOTICE,
                             _("%(where)s: có số lượng %(q)s nhưng không có đơn giá, không kiểm "
                               "tra được số lượng × đơn giá.") % {"where": _where(line),
                                                                 "q": _n(line.quantity)})]
        return []
    product = line.quantity * line.unit_price
    if product == line.total:
        return []
    what = _("Số lượng × Đơn giá = %(q)s × %(p)s") % {"q": _n(line.quantity),
                                                       "p": _n(line.unit_price)}
    if appendix.children_of(line):
        return [_finding(appendix, line, "group_summary", NOTICE,
                         _("%(where)s là dòng nhóm: số lượng và đơn giá (%(q)s × %(p)s = "
                           "%(prod)s) chỉ tóm tắt các dòng con, không so với tổng %(total)s.")
                         % {"where": _where(line), "q": _n(line.quantity),
                            "p": _n(line.unit_price), "prod": _n(product),
                            "total": _n(line.total)}, product, line.total)]
    return [_mismatch(appendix, line, "quantity_times_price", ERROR, what, product, line.total)]


def check_years_sum(appendix: AppendixData, line: LineData) -> list[Finding]:
    if line.total is None or not line.years:
        return []
    year_sum = _sum(line.years.values())
    if year_sum == line.total:
        return []
    return [_mismatch(appendix, line, "years_sum", ERROR,
                      _("Tổng các năm %(y0)s–%(y1)s") % {"y0": min(line.years),
                                                          "y1": max(line.years)},
                      year_sum, line.total)]


def _check_parts(appendix, line, parts: list[LineData], check: str, what: str) -> list[Finding]:
    if not parts:
        return []
    findings = []
    if line.total is not None:
        expected = _sum(p.total for p in parts)
        if expected != line.total:
            findings.append(_mismatch(appendix, line, check, ERROR, what, expected, line.total))
    for year in appendix.years:
        found = line.years.get(year)
        if found is None:
            continue
        expected = _sum(p.years.get(year) for p in parts)
        if expected != found:
            findings.append(_mismatch(appendix, line, f"{check}_year", ERROR, what, expected,
                                      found, year))
    return findings


def check_children(appendix: AppendixData, line: LineData) -> list[Finding]:
    children = appendix.children_of(line)
    codes = ", ".join(c.code for c in children)
    return _check_parts(appendix, line, children, "children_total",
                        _("Tổng các dòng con (%(codes)s)") % {"codes": codes})


def check_grand_total(appendix: AppendixData) -> list[Finding]:
    grand = appendix.grand_total()
    if grand is None:
        return []
    top = appendix.top_level()
    codes = ", ".join(c.code for c in top)
    return _check_parts(appendix, grand, top, "grand_total",
                        _("Tổng các mục %(codes)s") % {"codes": codes})


def check_period_wording(appendix: AppendixData, line: LineData) -> list[Finding]:
    if appendix.period is None:
        return []
    findings = []
    for match in _PERIOD.finditer(line.content):
        named = (int(match.group(1)), int(match.group(2)))
        if named != appendix.period:
            findings.append(_finding(
                appendix, line, "period_wording", WARNING,
                _("%(where)s nêu “giai đoạn %(a)s - %(b)s” trong khi phụ lục dành cho giai đoạn "
                  "%(c)s - %(d)s: kiểm tra lại nội dung dòng.") % {
                    "where": _where(line), "a": named[0], "b": named[1],
                    "c": appendix.period[0], "d": appendix.period[1]}))
    return findings


def check_stated_total(appendix: AppendixData) -> list[Finding]:
    grand = appendix.grand_total()
    if appendix.stated_total is None or grand is None or grand.total is None:
        return []
    if grand.total == appendix.stated_total:
        return []
    return [_mismatch(appendix, grand, "phase_budget", ERROR,
                      _("Kinh phí giai đoạn ghi trong kế hoạch"), appendix.stated_total,
                      grand.total)]


def validate_appendix(appendix: AppendixData) -> list[Finding]:
    findings: list[Finding] = []
    for line in appendix.lines:
        findings += check_line_product(appendix, line)
        findings += check_years_sum(appendix, line)
        if not line.is_grand_total:
            findings += check_children(appendix, line)
        findings += check_period_wording(appendix, line)
    findings += check_grand_total(appendix)
    findings += check_stated_total(appendix)
    return findings


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


def validate_document(document: BudgetDocument) -> list[Finding]:
    """Every finding of a read file: unreadable cells first, then each appendix, then the plan."""
    findings = [Finding(appendix=i.appendix, line=i.line, check="malformed_number",
                        severity=ERROR, message=i.message) for i in document.issues]
    for appendix in document.appendices:
        findings += validate_appendix(appendix)
    findings += check_plan_total(document)
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
