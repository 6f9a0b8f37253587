"""Reading appendices from text extracted from a PDF, in the layout of the seeds.

The extracted text wraps a row's content over several lines, repeats the table header (and a
page number) on every page, groups thousands with dots and leaves signature blocks after the
table. A row starts with its code (`1`, `1.3`, `5.2`) on a new line; its numbers are the tail of
the row: [unit] [quantity] [unit price] total year₁ … yearₙ.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from nscl.core.numbers import MalformedNumber, looks_numeric, parse_vn_number

from ..sheet import AppendixData, BudgetDocument, LineData, ParseIssue
from .rows import APPENDIX_RE, MONEY_UNIT_RE, PERIOD_RE, RowBuilder, is_grand_total_text

HEADER_START_RE = re.compile(r"^\s*S?TT\s+Nội\s+dung", re.IGNORECASE)
YEARS_LINE_RE = re.compile(r"^\s*\d{4}(?:\s+\d{4})+\s*$")
ROW_START_RE = re.compile(r"^\s*(\d+(?:\.\d+)*)(?:\s+(.*?))?\s*$")
PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")
MEASURE_UNITS = {"cuộc", "năm", "lượt", "người", "khóa", "khoá", "lớp", "đợt", "tháng", "bộ",
                 "gói", "kỳ", "lần", "cái", "chiếc", "tin", "bài", "số", "phóng sự"}
PHASE_BUDGET_RE = re.compile(
    r"Giai\s+đoạn\s+(\d{4})\s*[-–]\s*(\d{4})\s*:\s*([\d.,]+)\s*triệu\s+đồng\s*"
    r"\(\s*chi\s+tiết\s+theo\s+(Phụ\s+lục\s+[IVXLC\d]+)\s*\)", re.IGNORECASE)
PLAN_TOTAL_RE = re.compile(r"ngân\s+sách\s+tỉnh\s+là\s*:\s*([\d.,]+)\s*triệu\s+đồng",
                           re.IGNORECASE)


def read_text(text: str, source: str = "") -> BudgetDocument:
    lines = text.splitlines()
    document = BudgetDocument(source=source)
    starts = [i for i, raw in enumerate(lines) if APPENDIX_RE.match(raw)]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        appendix, issues = _read_appendix(lines, start, end)
        if appendix is not None:
            document.appendices.append(appendix)
            document.issues += issues
    _attach_stated_budgets(document, text)
    return document


def _read_appendix(lines: list[str], start: int, end: int):
    code = "Phụ lục " + APPENDIX_RE.match(lines[start]).group(1)
    title, money_unit, years, body_start = "", "triệu đồng", [], None
    for i in range(start + 1, end):
        raw = lines[i].strip()
        if not title and "DỰ TOÁN" in raw.upper():
            title = raw
        elif match := MONEY_UNIT_RE.match(raw):
            money_unit = match.group(1).lower()
        elif YEARS_LINE_RE.match(raw):
            years = [int(y) for y in raw.split()]
            body_start = i + 1
            break
    if body_start is None:
        return None, []
    period = PERIOD_RE.search(title)
    if period and not years:
        years = list(range(int(period.group(1)), int(period.group(2)) + 1))
    builder = RowBuilder(code)
    rows = _group_rows(_body_lines(lines, body_start, end))
    parsed = [_parse_row(builder, row, years) for row in rows]
    appendix = AppendixData(code=code, title=title, years=years, lines=parsed,
                            money_unit=money_unit, location=_("dòng %(n)s") % {"n": start + 1})
    return appendix, builder.issues


def _body_lines(lines: list[str], begin: int, end: int) -> list[tuple[int, str]]:
    """The table's lines without repeated page headers and page numbers, up to `Tổng cộng`."""
    kept: list[tuple[int, str]] = []
    i = begin
    while i < end:
        raw = lines[i].strip()
        if HEADER_START_RE.match(raw):
            while kept and PAGE_NUMBER_RE.match(kept[-1][1]):
                kept.pop()
            while i < end and not YEARS_LINE_RE.match(lines[i]):
                i += 1
        elif raw:
            kept.append((i + 1, raw))
            if is_grand_total_text(raw):
                break
        i += 1
    return kept


def _is_next_code(previous: list[list[int]], candidate: list[int]) -> bool:
    """A new row's code must follow the last one: a first child, or the next sibling of the
    last code or of one of its ancestors. This tells "2021 - 2025" wrapped onto a new line from
    a row code."""
    if not previous:
        return candidate == [1]
    last = previous[-1]
    if candidate == [*last, 1]:
        return True
    return any(candidate == [*last[:depth - 1], last[depth - 1] + 1]
               for depth in range(1, len(last) + 1))


def _group_rows(body: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """Join wrapped lines into rows: (file line number, code, text after the code)."""
    rows: list[list] = []
    codes: list[list[int]] = []
    for number, raw in body:
        if is_grand_total_text(raw):
            rows.append([number, "", raw])
            continue
        match = ROW_START_RE.match(raw)
        if match:
            candidate = [int(p) for p in match.group(1).split(".")]
            if _is_next_code(codes, candidate):
                codes.append(candidate)
                rows.append([number, match.group(1), match.group(2) or ""])
                continue
        if rows:
            rows[-1][2] += " " + raw
    return [tuple(r) for r in rows]


def _split_tail(text: str, n_years: int) -> tuple[str, str, list[str]]:
    """Separate a row into content, unit and its numeric tail."""
    tokens = text.split()
    tail: list[str] = []
    while tokens and looks_numeric(tokens[-1]):
        tail.insert(0, tokens.pop())
    unit = ""
    if tokens and tokens[-1].casefold() in MEASURE_UNITS and tail:
        unit = tokens.pop()
    if unit and len(tail) > n_years + 3:
        tokens.append(unit)  # too many numbers for the columns: the word was content after all
        unit = ""
    limit = n_years + (3 if unit else 1)
    if len(tail) > limit:
        # Numbers beyond what the columns hold end the content ("giai đoạn 2021 - 2025").
        tokens += tail[:-limit]
        tail = tail[-limit:]
    return " ".join(tokens), unit, tail


def _parse_row(builder: RowBuilder, row: tuple[int, str, str], years: list[int]) -> LineData:
    number, code, text = row
    grand = code == ""
    if grand:
        text = re.sub(r"^\s*Tổng\s+cộng", "", text, flags=re.IGNORECASE)
    content, unit, tail = _split_tail(text, len(years))
    location = _("dòng %(n)s") % {"n": number}
    quantity = unit_price = total = None
    year_values: dict[int, object] = {}
    n = len(years)
    if tail and len(tail) < n + 1:
        builder.issues.append(ParseIssue(
            appendix=builder.appendix_code, line=code or "Tổng cộng", location=location,
            message=_("%(appendix)s, dòng %(line)s (%(location)s): chỉ đọc được %(k)s số, cần tổng "
                      "kinh phí và %(n)s cột năm.") % {
                "appendix": builder.appendix_code, "line": code or "Tổng cộng",
                "location": location, "k": len(tail), "n": n}))
    elif tail:
        head, total, year_raw = tail[:-(n + 1)], tail[-(n + 1)], tail[-n:]
        if len(head) == 2:
            quantity, unit_price = head
        elif len(head) == 1:
            quantity = head[0]
        year_values = dict(zip(years, year_raw, strict=True))
    return builder.line(code=code, content=content if not grand else "Tổng cộng", unit=unit,
                        quantity=quantity, unit_price=unit_price, total=total, years=year_values,
                        locations={}, is_grand_total=grand, location=location)


def _attach_stated_budgets(document: BudgetDocument, text: str) -> None:
    """Take the phase budgets and the overall budget the plan's own text states."""
    flat = " ".join(text.split())
    by_code = {a.code.casefold(): a for a in document.appendices}
    for match in PHASE_BUDGET_RE.finditer(flat):
        appendix = by_code.get(" ".join(match.group(4).split()).casefold())
        if appendix is not None:
            appendix.stated_total = _safe_number(match.group(3))
    if match := PLAN_TOTAL_RE.search(flat):
        document.plan_total = _safe_number(match.group(1))


def _safe_number(raw: str) -> Decimal | None:
    try:
        return parse_vn_number(raw)
    except MalformedNumber:
        return None
