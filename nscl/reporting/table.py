"""The quantitative table of a contribution (activity, cost in đồng, period), checked like a
budget: a malformed amount names its cell, and a total that does not add up says by how much."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from nscl.core.numbers import MalformedNumber, format_vn_number, parse_vn_number


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
    for row in rows:
        label = _("Tổng") if row.is_total else row.order
        try:
            costs[row.order] = parse_vn_number(row.cost_text)
        except MalformedNumber:
            costs[row.order] = None
            readings[row.order] = likely_reading(row.cost_text)
            findings.append(TableFinding(label, "cost", _(
                "Dòng %(r)s, cột Kinh phí thực hiện: “%(v)s” không phải là số hợp lệ (dấu chấm "
                "ngăn cách từng nhóm ba chữ số, ví dụ 20.000.000).") % {"r": label,
                                                                        "v": row.cost_text}))
        if not row.is_total and not row.activity.strip():
            findings.append(TableFinding(label, "activity", _("Dòng %(r)s: thiếu nội dung.")
                                         % {"r": label}))
    total = next((r for r in rows if r.is_total), None)
    if total is not None and costs.get(total.order) is not None:
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
