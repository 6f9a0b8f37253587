"""Turning the cells of one table row into a `LineData`, shared by every reader.

A bad number is never guessed: it becomes a `ParseIssue` that names the cell, and the value
is left empty so the rest of the appendix can still be checked.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from nscl.core.numbers import MalformedNumber, parse_vn_number
from nscl.core.text import search_key

from ..sheet import LineData, ParseIssue

APPENDIX_RE = re.compile(r"^\s*Phụ\s+lục\s+([IVXLC]+|\d+)\b\s*$", re.IGNORECASE)
PERIOD_RE = re.compile(r"giai\s+đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
MONEY_UNIT_RE = re.compile(r"Đơn\s+vị\s+tính\s*:\s*(.+?)\s*$", re.IGNORECASE)
GRAND_TOTAL_RE = re.compile(r"^\s*(Tổng\s+cộng|Tổng)\b", re.IGNORECASE)
CODE_RE = re.compile(r"^\d+(?:\.\d+)*$")


def column_label(column: str, year: int | None = None) -> str:
    labels = {"quantity": _("Số lượng"), "unit_price": _("Đơn giá"),
              "total": _("Tổng kinh phí")}
    return _("năm %(year)s") % {"year": year} if column == "year" else labels[column]


class RowBuilder:
    """Collects the issues of one appendix while its rows are turned into lines."""

    def __init__(self, appendix_code: str):
        self.appendix_code = appendix_code
        self.issues: list[ParseIssue] = []

    def number(self, raw, *, line: str, column: str, location: str,
               year: int | None = None) -> Decimal | None:
        try:
            return parse_vn_number(raw)
        except MalformedNumber:
            label = column_label(column, year)
            self.issues.append(ParseIssue(
                appendix=self.appendix_code, line=line, location=location, column=label,
                message=_("%(appendix)s, dòng %(line)s, cột %(column)s (%(location)s): “%(raw)s” "
                          "không phải là số hợp lệ (dấu chấm ngăn cách hàng nghìn, dấu phẩy "
                          "thập phân, ví dụ 1.350 hoặc 20.000.000). Sửa ô này rồi nhập lại.")
                % {"appendix": self.appendix_code, "line": line, "column": label,
                   "location": location, "raw": raw}))
            return None

    def line(self, *, code: str, content: str, unit: str, quantity, unit_price, total,
             years: dict[int, object], locations: dict[str, str], is_grand_total: bool = False,
             location: str = "") -> LineData:
        label = "Tổng cộng" if is_grand_total else code
        loc = locations.get

        def num(raw, column, year=None):
            key = f"year:{year}" if year else column
            return self.number(raw, line=label, column=column, location=loc(key, location),
                               year=year)

        return LineData(
            code=code, content=" ".join(content.split()), unit=unit.strip(),
            quantity=num(quantity, "quantity"), unit_price=num(unit_price, "unit_price"),
            total=num(total, "total"),
            years={y: num(v, "year", y) for y, v in years.items()},
            is_grand_total=is_grand_total, location=location)


def is_grand_total_text(text: str) -> bool:
    return bool(GRAND_TOTAL_RE.match(text or ""))


def header_key(text: str) -> str:
    return search_key(str(text or ""))
