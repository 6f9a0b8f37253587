"""How an administrative document names a unit on a given day (Decree 30/2020, Appendix I).

A province dissolved on 1/7/2025 still issued its own documents before that day: a report of
Sóc Trăng dated 26/12/2024 is headed "UBND TỈNH SÓC TRĂNG" and placed "Sóc Trăng", one dated
after the reform "UBND THÀNH PHỐ CẦN THƠ" and "Cần Thơ" (a centrally-run city is a "thành
phố", never a "tỉnh").
"""

import datetime as dt
import re

from .models import Unit

_PREFIX = re.compile(r"^(tỉnh|thành phố|thủ đô)\s+", re.IGNORECASE)
_SUFFIX = re.compile(r"\s+(tỉnh|thành phố)\s+\S.*$", re.IGNORECASE)


def unit_on(unit: Unit, day: dt.date) -> Unit:
    """The unit that stood for `unit` on `day`: itself while valid, else its successor (the
    chain followed as far as needed)."""
    seen = set()
    while unit.valid_until is not None and day > unit.valid_until and unit.successor_id \
            and unit.pk not in seen:
        seen.add(unit.pk)
        unit = unit.successor
    return unit


def place_name(province: Unit) -> str:
    """"Tỉnh Sóc Trăng" → "Sóc Trăng"; "Thành phố Cần Thơ" → "Cần Thơ" (the địa danh)."""
    return _PREFIX.sub("", province.name).strip()


def people_committee(province: Unit) -> str:
    """The governing body of a provincial department: "UBND TỈNH SÓC TRĂNG",
    "UBND THÀNH PHỐ CẦN THƠ"."""
    match = _PREFIX.match(province.name)
    level = match.group(1) if match else ("thành phố" if "thành phố" in
                                          province.division_type else "tỉnh")
    return f"UBND {level} {place_name(province)}".upper()


def body_name(unit: Unit) -> str:
    """The issuing body as a header writes it, without its province: "Sở Khoa học và Công nghệ
    tỉnh Sóc Trăng" → "Sở Khoa học và Công nghệ"."""
    return _SUFFIX.sub("", unit.name).strip()
