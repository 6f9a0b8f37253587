"""The quantitative table of a contribution (activity, cost in đồng, period), checked like a
budget: a malformed, empty, negative or out-of-range amount names its cell, a table holding only
its total row is refused, and a total that does not add up says by how much.

Costs are read by the shared parser (`nscl.core.numbers`), the notation decided once for the whole
table from its unambiguous values; costs in đồng are whole numbers, so `228.400` can only be two
hundred twenty-eight thousand four hundred."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from nscl.core.numbers import MONEY, MalformedNumber, NumberReader, format_vn_number

MAX_COST_TEXT = 40  # SubmissionRow.cost_text
MAX_PERIOD = 60  # SubmissionRow.period


@dataclass
class RowInput:
    order: int
    activity: str
    cost_text: str
    period: str = ""
    is_total: bool = False


@dataclass(frozen=True)
class TableFinding:
    row: int | str
    column: str
    message: str


def likely_reading(text: str) -> Decimal | None:
    """The amount a malformed Vietnamese number most plausibly meant, for the total check only:
    every group after the first padded to three digits ("20.00.000" → 20.000.000)."""
    groups = text.strip().split(".")
    if not all(g.isdigit() for g in groups):
        return None
    return Decimal(groups[0] + "".join(g.ljust(3, "0")[:3] for g in groups[1:]))


def check_rows(rows: list[RowInput]) -> tuple[dict[int, Decimal | None], list[TableFinding]]:
    """Parse every cost; check the total row against the others. Returns costs by row order."""
    costs, findings, readings = {}, [], {}
    numbers = NumberReader([r.cost_text for r in rows], integral=True)
    for row in rows:
        label = _("Tổng") if row.is_total else row.order
        costs[row.order] = None
        if len(row.cost_text) > MAX_COST_TEXT:
            findings.append(TableFinding(label, "cost", _(
                "Dòng %(r)s, cột Kinh phí thực hiện: dài quá %(n)s ký tự.") % {
                "r": label, "n": MAX_COST_TEXT}))
        elif not row.cost_text.strip():
            findings.append(TableFinding(label, "cost", _(
                "Dòng %(r)s, cột Kinh phí thực hiện: chưa ghi kinh phí (ghi 0 nếu không có chi "
                "phí).") % {"r": label}))
        else:
            try:
                costs[row.order] = numbers.parse(row.cost_text, kind=MONEY)
            except MalformedNumber as exc:
                readings[row.order] = likely_reading(row.cost_text) \
                    if exc.reason == "malformed" else None
                findings.append(TableFinding(label, "cost", _(
                    "Dòng %(r)s, cột Kinh phí thực hiện: %(why)s%(hint)s.") % {
                    "r": label, "why": exc.message,
                    "hint": "" if exc.reason != "malformed" else _(
                        " (dấu chấm ngăn cách từng nhóm ba chữ số, ví dụ 20.000.000)")}))
        if not row.is_total and not row.activity.strip():
            findings.append(TableFinding(label, "activity", _("Dòng %(r)s: thiếu nội dung.")
                                         % {"r": label}))
        if len(row.period) > MAX_PERIOD:
            findings.append(TableFinding(label, "period", _(
                "Dòng %(r)s, cột Thời gian: dài quá %(n)s ký tự.") % {"r": label,
                                                                      "n": MAX_PERIOD}))
    items = [r for r in rows if not r.is_total]
    total = next((r for r in rows if r.is_total), None)
    if total is not None and not items:
        findings.append(TableFinding(_("Tổng"), "total", _(
            "Bảng chỉ có dòng Tổng: ghi các dòng hoạt động và kinh phí của từng dòng.")))
    elif total is not None and costs.get(total.order) is not None:
        findings += _check_total(rows, costs, readings, costs[total.order])
    return costs, findings


def _check_total(rows, costs, readings, stated: Decimal) -> list[TableFinding]:
    items = [r for r in rows if not r.is_total]
    bad = [r.order for r in items if costs[r.order] is None]
    if any(readings.get(o) is None for o in bad):
        return []
    summed = sum((costs[r.order] if costs[r.order] is not None else readings[r.order]
                  for r in items), Decimal(0))
    if summed == stated:
        return []
    assumption = ""
    if bad:
        assumption = _(" (nếu đọc %(cells)s)") % {"cells": ", ".join(
            f"“{next(r.cost_text for r in items if r.order == o)}” ở dòng {o} là "
            f"{format_vn_number(readings[o])}" for o in bad)}
    return [TableFinding(_("Tổng"), "total", _(
        "Dòng Tổng: cộng các dòng %(first)s–%(last)s được %(sum)s%(assumption)s nhưng ghi "
        "%(stated)s (chênh lệch %(diff)s).") % {
        "first": items[0].order, "last": items[-1].order, "sum": format_vn_number(summed),
        "assumption": assumption, "stated": format_vn_number(stated),
        "diff": format_vn_number(stated - summed)})]


def rows_from_text(text: str) -> list[RowInput]:
    """Rows typed or pasted one per line as `activity | cost | period` (a line starting with
    "Tổng" is the total)."""
    rows = []
    for n, line in enumerate(x for x in text.splitlines() if x.strip()):
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (3 - len(parts))
        is_total = bool(re.match(r"^\s*tổng\b", parts[0], re.IGNORECASE))
        rows.append(RowInput(order=n + 1, activity=parts[0], cost_text=parts[1],
                             period=parts[2], is_total=is_total))
    return rows
