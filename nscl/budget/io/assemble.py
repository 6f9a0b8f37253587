"""Turning the rows of one table into an appendix's tree of lines, shared by every reader.

A reader (text from a PDF, Excel, Word) finds the table and its columns and hands each row over
as a `RawRow`: the printed code, the content, the unit and the raw amount cells keyed by column.
This builder decides what each row is —

- a line, placed in the tree by its code: codes of one style are siblings (I, II…; A, B…; 1, 2…;
  a), b)…; “-”, “+” bullets), a new style opens a deeper level, a dotted code sits under the code
  it extends (1.2 under 1); so “1” under “I” and “1” under “II” are different lines (“I.1”, “II.1”);
- a funding-source sub-row (“- Ngân sách tỉnh”) of the line above it;
- the grand-total row, at the top or the bottom;
- a wrapped continuation of the content above, or a note after the table —

and reports everything it could not place: a row with amounts but no code, a code out of order
(a shuffled table), a duplicate code, a cell that is not a number, a formula with no stored value.
A bad number is never guessed: its cell stays empty and the issue names it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from nscl.core.numbers import MONEY, QUANTITY, STYLE_LABELS, MalformedNumber, parse_number

from ..sheet import (
    ERROR,
    NOTICE,
    SOURCE_LABELS,
    WARNING,
    AppendixData,
    LineData,
    ParseIssue,
)
from .vocabulary import (
    Code,
    is_sources_marker,
    is_total_text,
    parse_code,
    source_of,
)

Col = tuple[str, int | None, str | None]  # (quantity | unit_price | amount, year, source)
TOTAL: Col = ("amount", None, None)
_NOTE_START = ("ghi chú", "chú thích", "lưu ý", "nguồn:", "(*)", "*", "ghi chu", "chu thich")


def set_amount(line: LineData, col: Col, value) -> None:
    field_name, year, source = col
    if source:
        line.sources.setdefault(source, {})[year] = value
    elif field_name in {"quantity", "unit_price"}:
        setattr(line, field_name, value)
    elif year is None:
        line.total = value
    else:
        line.years[year] = value


def get_amount(line: LineData, col: Col):
    field_name, year, source = col
    if source:
        return line.sources.get(source, {}).get(year)
    if field_name in {"quantity", "unit_price"}:
        return getattr(line, field_name)
    return line.total if year is None else line.years.get(year)


def column_label(col: Col) -> str:
    field_name, year, source = col
    if field_name == "quantity":
        return _("Số lượng")
    if field_name == "unit_price":
        return _("Đơn giá")
    if source and year:
        return _("%(s)s năm %(y)s") % {"s": SOURCE_LABELS[source], "y": year}
    if source:
        return SOURCE_LABELS[source]
    if year:
        return _("năm %(year)s") % {"year": year}
    return _("Tổng kinh phí")


@dataclass
class RawRow:
    code: str
    content: str
    unit: str = ""
    amounts: dict[Col, object] = field(default_factory=dict)
    columns: dict[Col, int] = field(default_factory=dict)  # where each amount sits in the row
    locate: object = None  # column index → location, for messages only (built when needed)
    location: str = ""
    merged_code: bool = False  # the code cell continues a vertical merge from the row above
    hidden: bool = False
    formulas: dict[Col, str] = field(default_factory=dict)  # formula cells with no stored value
    broken: dict[Col, str] = field(default_factory=dict)  # Excel error values (#REF!…)

    def where(self, col: Col) -> str:
        if self.locate is not None and col in self.columns:
            return self.locate(self.columns[col])
        return self.location

    def has_amounts(self) -> bool:
        return any(v not in (None, "") for v in self.amounts.values()) or bool(self.formulas) \
            or bool(self.broken)


@dataclass
class _Open:
    level: str
    line: LineData
    code: Code


class AppendixBuilder:
    """Collects the lines and issues of one appendix while its rows arrive in order."""

    def __init__(self, code: str, *, style: str, money_unit: str, money_factor: int,
                 location: str = ""):
        self.code, self.style, self.location = code, style, location
        self.money_unit, self.money_factor = money_unit, money_factor
        self.lines: list[LineData] = []
        self.issues: list[ParseIssue] = []
        self.notes: list[str] = []
        self.sources: set[str] = set()
        self.stack: list[_Open] = []
        self.labels: dict[str, str] = {}  # label → location of the first line with it
        self.bullets: dict[tuple[str | None, str], int] = {}
        self.last_ordinal: dict[tuple[str | None, str], tuple[int, str]] = {}
        self.last: LineData | None = None
        self.grand: LineData | None = None
        self.closed = False  # a grand total below the lines ends the table
        self.written: list[str] = []  # amounts as written, to decide the file's notation
        self.slots: list[tuple[LineData, Col, str]] = []  # where each written amount went

    # -- issues --------------------------------------------------------------------------
    def issue(self, message: str, *, line: str = "", location: str = "", column: str = "",
              check: str, severity: str = ERROR, understood: bool = False) -> None:
        self.issues.append(ParseIssue(self.code, line, location, message, column=column,
                                      check=check, severity=severity, understood=understood))

    # -- numbers -------------------------------------------------------------------------
    def number(self, raw, col: Col, *, line: str, location) -> Decimal | None:
        """`location` is the text, or the row whose `where` names the cell (only on an issue)."""
        if raw is None or raw == "":
            return None
        if isinstance(raw, str):
            self.written.append(raw)
        money = col[0] != "quantity"
        try:
            return parse_number(raw, style=self.style, kind=MONEY if money else QUANTITY,
                                scale=self.money_factor if money else 1,
                                unit=self.money_unit if money else "")
        except MalformedNumber as exc:
            if isinstance(location, RawRow):
                location = location.where(col)
            label = column_label(col)
            hint = "" if exc.reason == "out_of_range" else _(
                " (cách viết %(style)s, ví dụ %(example)s)") % {
                "style": STYLE_LABELS[self.style],
                "example": "1.350 hoặc 20.000.000" if self.style == "vn" else "1,350 hoặc 1350.5"}
            self.issue(_("%(appendix)s, dòng %(line)s, cột %(column)s (%(location)s): "
                         "%(why)s%(hint)s. Sửa ô này rồi nhập lại.") % {
                "appendix": self.code, "line": line, "column": label, "location": location,
                "why": exc.message, "hint": hint},
                line=line, location=location, column=label,
                check="number_out_of_range" if exc.reason == "out_of_range" else "malformed_number")
            return None

    def _values(self, row: RawRow, label: str) -> dict[Col, Decimal | None]:
        values = {}
        for col, formula in row.formulas.items():
            where = row.where(col)
            self.issue(_("%(appendix)s, dòng %(line)s, cột %(column)s (%(location)s): ô có công "
                         "thức “%(f)s” nhưng tệp không lưu giá trị của nó (chưa được tính lại); "
                         "mở tệp bằng Excel, lưu lại rồi kiểm tra lại.") % {
                "appendix": self.code, "line": label, "column": column_label(col),
                "location": where, "f": formula}, line=label, location=where,
                column=column_label(col), check="formula_without_value")
        for col, error in row.broken.items():
            where = row.where(col)
            self.issue(_("%(appendix)s, dòng %(line)s, cột %(column)s (%(location)s): ô báo lỗi "
                         "“%(e)s” của Excel, không có số.") % {
                "appendix": self.code, "line": label, "column": column_label(col),
                "location": where, "e": error}, line=label, location=where,
                column=column_label(col), check="malformed_number")
        for col, raw in row.amounts.items():
            if col in row.formulas or col in row.broken:
                continue
            values[col] = self.number(raw, col, line=label, location=row)
        return values

    # -- rows ----------------------------------------------------------------------------
    def feed(self, row: RawRow) -> None:
        code_text, content = row.code.strip(), " ".join(row.content.split())
        if is_total_text(code_text) or (not code_text and is_total_text(content)):
            self._grand(row)
            return
        parsed = parse_code(code_text) if code_text else None
        if (not code_text or (parsed and parsed.style.startswith("bullet"))) \
                and source_of(content) and (self.last is not None) and not self._after_total():
            self._source_row(row, source_of(content))
            return
        if self.closed and row.has_amounts():
            self._unplaced(row, _("sau dòng tổng cộng"))
            return
        if parsed is None:
            if row.has_amounts():
                reason = (_("mã dòng “%(c)s” không nhận ra") % {"c": code_text} if code_text else
                          _("ô mã dòng gộp với dòng trên") if row.merged_code else
                          _("không có mã dòng"))
                self._unplaced(row, reason)
            elif content or code_text:
                self._text(" ".join(t for t in (code_text, content) if t))
            return
        self._line(row, parsed, content)

    def _after_total(self) -> bool:
        return self.closed and self.last is not self.grand

    def _text(self, text: str) -> None:
        if is_sources_marker(text):
            return
        if self.closed or self.last is None or text.casefold().startswith(_NOTE_START):
            self.notes.append(text)
        else:
            self.last.content = f"{self.last.content} {text}".strip()

    def _unplaced(self, row: RawRow, reason: str) -> None:
        text = " ".join(t for t in (row.code, row.content) if t.strip())[:80]
        self.issue(_("%(appendix)s, %(location)s: có số liệu nhưng %(reason)s, không phải dòng "
                     "nguồn kinh phí hay dòng tổng cộng (“%(text)s”); dòng này chưa được đọc.") % {
            "appendix": self.code, "location": row.location, "reason": reason, "text": text},
            location=row.location, check="unplaced_row", severity=WARNING)

    def _grand(self, row: RawRow) -> None:
        if self.grand is not None:
            self._unplaced(row, _("là dòng tổng cộng thứ hai"))
            return
        values = self._values(row, "Tổng cộng")
        line = self._make(row, values, code="", content="Tổng cộng", grand=True)
        self.grand = line
        self.lines.append(line)
        self.last = line
        if any(not x.is_grand_total for x in self.lines):
            self.closed = True
        self._hidden(row, line)

    def _source_row(self, row: RawRow, source: str) -> None:
        target = self.last
        values = self._values(row, target.label)
        if source in target.sources:
            self.issue(_("%(appendix)s, dòng %(line)s: nguồn “%(s)s” ghi hai lần (%(location)s).")
                       % {"appendix": self.code, "line": target.label, "s": SOURCE_LABELS[source],
                          "location": row.location}, line=target.label, location=row.location,
                       check="unplaced_row", severity=WARNING)
            return
        self.sources.add(source)
        split = {None: values.get(TOTAL)}
        split |= {col[1]: v for col, v in values.items()
                  if col[0] == "amount" and col[1] is not None and col[2] is None}
        target.sources[source] = split
        self._slots(target, row, {c: v for c, v in values.items() if c[2] is None}, source)

    def _hidden(self, row: RawRow, line: LineData) -> None:
        if row.hidden:
            self.issue(_("%(appendix)s, dòng %(line)s (%(location)s) bị ẩn trong bảng tính; đã đọc "
                         "như các dòng khác.") % {"appendix": self.code, "line": line.label,
                                                   "location": row.location},
                       line=line.label, location=row.location, check="hidden_row",
                       severity=NOTICE, understood=True)

    # -- the tree ------------------------------------------------------------------------
    def _reinterpret(self, code: Code) -> Code:
        """A lone I, V, X, L is a Roman numeral unless it continues a run of capital letters."""
        if code.style != "roman" or len(code.letter) != 1:
            return code
        uppers = [o for o in self.stack if o.level == "upper"]
        letter_ordinal = ord(code.letter) - 64
        if uppers and uppers[-1].code.ordinal == letter_ordinal - 1:
            return Code(code.shown, "upper", (letter_ordinal,), code.letter)
        return code

    def _place(self, code: Code, row: RawRow) -> tuple[_Open | None, str | None]:
        """Pop the stack to where `code` belongs; returns (parent, problem)."""
        if code.style == "number" and code.depth > 0:
            prefix = code.parts[:-1]
            for i in range(len(self.stack) - 1, -1, -1):
                entry = self.stack[i]
                if entry.code.style == "number" and entry.code.parts == prefix:
                    del self.stack[i + 1:]
                    return entry, None
            while self.stack and self.stack[-1].code.style == "number" \
                    and self.stack[-1].code.depth >= code.depth - 1:
                self.stack.pop()
            return (self.stack[-1] if self.stack else None), ".".join(map(str, prefix))
        levels = [o.level for o in self.stack]
        if code.level_key in levels:
            del self.stack[levels.index(code.level_key):]
        return (self.stack[-1] if self.stack else None), None

    def _label(self, parent: _Open | None, code: Code) -> str:
        parent_label = parent.line.code if parent else None
        if code.style.startswith("bullet"):
            key = (parent_label, code.style)
            self.bullets[key] = self.bullets.get(key, 0) + 1
            suffix = f"{code.shown}{self.bullets[key]}"
        elif code.style == "number" and parent and parent.code.style == "number" \
                and parent.code.parts == code.parts[:-1]:
            suffix = str(code.parts[-1])
        elif code.style == "number":
            suffix = ".".join(map(str, code.parts))
        else:
            suffix = code.suffix
        return f"{parent_label}.{suffix}" if parent_label else suffix

    def _line(self, row: RawRow, code: Code, content: str) -> None:
        if self.grand is not None and self.closed:
            self._unplaced(row, _("nằm sau dòng tổng cộng"))
            return
        code = self._reinterpret(code)
        parent, missing_parent = self._place(code, row)
        label = self._label(parent, code)
        if missing_parent:
            self.issue(_("%(appendix)s, dòng %(line)s (%(location)s) không có dòng %(parent)s "
                         "phía trên: thứ tự các dòng bị đảo hoặc thiếu dòng nhóm, chưa ghép được "
                         "dòng này vào nhóm của nó.") % {
                "appendix": self.code, "line": code.shown.rstrip("."), "location": row.location,
                "parent": missing_parent},
                       line=label, location=row.location, check="code_order", severity=WARNING)
        self._check_sequence(parent, code, label, row)
        if label in self.labels:
            first = self.labels[label]
            n = 2
            while f"{label} ({n})" in self.labels:
                n += 1
            unique = f"{label} ({n})"
            self.issue(_("%(appendix)s: mã dòng %(line)s xuất hiện nhiều lần (%(first)s và "
                         "%(location)s); hai dòng được đọc riêng, dòng sau mang nhãn “%(label)s”.")
                       % {"appendix": self.code, "line": label, "first": first,
                          "location": row.location, "label": unique},
                       line=label, location=row.location, check="duplicate_code", understood=True)
            label = unique
        self.labels[label] = row.location
        values = self._values(row, label)
        line = self._make(row, values, code=label, content=content, grand=False,
                          shown=code.shown, parent=parent.line.code if parent else None)
        self.lines.append(line)
        self.stack.append(_Open(code.level_key, line, code))
        self.last = line
        self._hidden(row, line)

    def _check_sequence(self, parent: _Open | None, code: Code, label: str, row: RawRow) -> None:
        if code.ordinal is None or code.ordinal == 0:
            return
        key = (parent.line.code if parent else None, code.level_key)
        previous = self.last_ordinal.get(key)
        self.last_ordinal[key] = (max(code.ordinal, previous[0]) if previous else code.ordinal,
                                  label if not previous or code.ordinal > previous[0]
                                  else previous[1])
        if previous is None or code.ordinal == previous[0]:
            return  # first sibling, or a duplicate (reported by label)
        if code.ordinal < previous[0]:
            self.issue(_("%(appendix)s, dòng %(line)s (%(location)s) đứng sau dòng %(prev)s: thứ "
                         "tự mã dòng bị đảo, bảng có thể đã bị xáo trộn.") % {
                "appendix": self.code, "line": label, "location": row.location,
                "prev": previous[1]}, line=label, location=row.location, check="code_order",
                severity=WARNING)
        elif code.ordinal > previous[0] + 1:
            self.issue(_("%(appendix)s: sau dòng %(prev)s là dòng %(line)s, thiếu mã ở giữa.") % {
                "appendix": self.code, "prev": previous[1], "line": label},
                line=label, location=row.location, check="code_gap", severity=NOTICE,
                understood=True)

    def _make(self, row: RawRow, values: dict[Col, Decimal | None], *, code: str, content: str,
              grand: bool, shown: str = "", parent: str | None = None) -> LineData:
        years = {col[1]: v for col, v in values.items()
                 if col[0] == "amount" and col[1] is not None and col[2] is None}
        sources: dict[str, dict[int | None, Decimal | None]] = {}
        for (field_name, year, source), value in values.items():
            if field_name == "amount" and source:
                sources.setdefault(source, {})[year] = value
                self.sources.add(source)
        line = LineData(code=code, content=content, unit=row.unit.strip(),
                        quantity=values.get(("quantity", None, None)),
                        unit_price=values.get(("unit_price", None, None)),
                        total=values.get(TOTAL), years=years, is_grand_total=grand,
                        location=row.location, shown_code=shown, parent=parent, sources=sources)
        self._slots(line, row, values, None)
        return line

    def _slots(self, line: LineData, row: RawRow, values: dict, source: str | None) -> None:
        """Remember where each written amount went, to read it again in the other notation."""
        for col, raw in row.amounts.items():
            if isinstance(raw, str) and values.get(col) is not None and not raw.isdigit():
                self.slots.append((line, col if source is None else ("amount", col[1], source),
                                   raw))

    # -- the end -------------------------------------------------------------------------
    def finish(self, *, title: str, years: list[int], title_period, notes=()) -> AppendixData:
        if self.grand is None and self.lines:
            self.issue(_("%(appendix)s: không thấy dòng tổng cộng; bảng có thể bị cắt hoặc "
                         "thiếu dòng cuối, chưa kiểm tra được tổng của phụ lục.")
                       % {"appendix": self.code},
                       location=self.location, check="no_grand_total", severity=WARNING)
        order = list(SOURCE_LABELS)
        return AppendixData(code=self.code, title=title, years=sorted(years), lines=self.lines,
                            money_unit=self.money_unit, location=self.location,
                            sources=sorted(self.sources, key=order.index),
                            notes=[*notes, *self.notes], title_period=title_period)
