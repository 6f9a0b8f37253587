"""Reading appendices from text extracted from a PDF.

The extracted text has lost the table's columns: a row is its code, its content (wrapped over
several lines), then its numbers; the header's words (also wrapped) say which numbers come in which
order; page headers and page numbers repeat. So:

1. a table starts at a header (“TT Nội dung …”, “STT Nội dung …”), and its words, read in order,
   give the columns: [unit] [quantity] [unit price] then the amount columns (total, years such as
   “2021” or “Năm 2021”, funding sources, year × source groups) in the printed order;
2. a row starts with a code that can follow the previous one (first child, next sibling, a new
   group) — this is what tells “2021 - 2025” wrapped onto a new line from a row — or with any code
   when the line carries a full row of numbers itself (a shuffled or duplicated row is then read,
   and reported, instead of being swallowed by the row above);
3. a row's numbers are the last run of numbers in it, matched to the columns from the right; the
   quantity and unit price, when the header has them, are there only after a unit word; numbers
   that cannot be placed are reported, except a period or a year ending the content.

The rows then go through the same `AppendixBuilder` as the spreadsheets.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from nscl.core.numbers import MalformedNumber, looks_numeric, parse_number

from ..sheet import NOTICE, STORED_UNIT, WARNING, BudgetDocument, ParseIssue
from .assemble import TOTAL, AppendixBuilder, Col, RawRow
from .grid import no_appendix_issue
from .vocabulary import (
    YEAR_RE,
    appendix_heading,
    is_total_text,
    key,
    money_factor,
    money_unit,
    parse_code,
    period_in,
    source_of,
    unit_line,
)

HEADER_START_RE = re.compile(r"^\s*(S\s*T\s*T|TT|Số\s+TT|Số\s+thứ\s+tự)\b", re.IGNORECASE)
PAGE_NUMBER_RE = re.compile(r"^\s*(-\s*)?\d{1,3}(\s*-)?\s*$")
COLUMN_NUMBERS_RE = re.compile(r"^\s*(\(?\s*[0-9]{1,2}\s*\)?(\s*[=x*×+\-/:]\s*\(?[0-9]{1,2}\)?)*"
                               r"\s+){2,}\(?\s*[0-9]{1,2}\s*\)?\s*$")
SIGNATURE_RE = re.compile(r"^\s*(Nơi\s+nhận|TM\.|KT\.|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|PHÓ\s+CHỦ\s+TỊCH)",
                          re.IGNORECASE)
MEASURE_UNITS = {"cuộc", "năm", "lượt", "người", "khóa", "khoá", "lớp", "đợt", "tháng", "bộ", "gói",
                 "kỳ", "lần", "cái", "chiếc", "tin", "bài", "số", "buổi", "ngày", "trang", "cuốn",
                 "bản", "hồ sơ", "phóng sự", "doanh nghiệp", "dn", "htx", "hội nghị", "hội thảo",
                 "sản phẩm", "mô hình", "nhiệm vụ", "đề tài", "dự án", "chương trình", "cơ sở",
                 "tài liệu", "ấn phẩm", "chuyên gia", "đơn vị", "hệ thống", "tiêu chuẩn", "mục",
                 "gói thầu", "lượt người", "người/lớp", "tổ chức", "phòng", "tem", "mã"}
PHASE_BUDGET_RE = re.compile(
    r"Giai\s+đoạn\s+(\d{4})\s*[-–]\s*(\d{4})\s*:\s*([\d.,]+)\s*triệu\s+đồng\s*"
    r"\(\s*chi\s+tiết\s+theo\s+(Phụ\s+lục\s+[IVXLC\d]+)\s*\)", re.IGNORECASE)
PLAN_TOTAL_RE = re.compile(r"ngân\s+sách\s+tỉnh\s+là\s*:\s*([\d.,]+)\s*triệu\s+đồng",
                           re.IGNORECASE)

# Header words, longest first; each gives (role, detail).
_HEADER_WORDS = [
    (r"so\s*thu\s*tu|so\s*tt|stt|tt", ("code", None)),
    (r"noi\s*dung(\s*(cong\s*viec|chi|nhiem\s*vu|hoat\s*dong))?|ten\s*nhiem\s*vu|hang\s*muc"
     r"|danh\s*muc", ("content", None)),
    (r"don\s*vi\s*(thuc\s*hien|chu\s*tri|phoi\s*hop)|co\s*quan(\s*chu\s*tri)?|ghi\s*chu"
     r"|thoi\s*gian(\s*thuc\s*hien)?|san\s*pham", ("note", None)),
    (r"don\s*vi\s*tinh|dvt|don\s*vi", ("unit", None)),
    (r"so\s*luong|khoi\s*luong", ("quantity", None)),
    (r"don\s*gia|dinh\s*muc|muc\s*chi", ("unit_price", None)),
    (r"ngan\s*sach\s*(trung\s*uong|tw)|nstw|ns\s*tw", ("source", "trung_uong")),
    (r"ngan\s*sach\s*(cap\s*)?(huyen|xa)(\s*,?\s*(cap\s*)?xa)?|ns\s*(huyen|xa)",
     ("source", "huyen_xa")),
    (r"ngan\s*sach\s*(cap\s*)?(tinh|dia\s*phuong)|ns\s*(tinh|dia\s*phuong|dp)|nsdp",
     ("source", "tinh")),
    (r"(nguon\s*)?xa\s*hoi\s*hoa|xhh", ("source", "xa_hoi_hoa")),
    (r"(doanh\s*nghiep|dn)\s*doi\s*ung|doi\s*ung", ("source", "doanh_nghiep")),
    (r"nguon\s*khac|von\s*khac", ("source", "khac")),
    (r"du\s*toan\s*kinh\s*phi|kinh\s*phi\s*(thuc\s*hien|du\s*kien|theo\s*nam|phan\s*bo)"
     r"|phan\s*ky|chia\s*ra|trong\s*do|chi\s*tiet(\s*theo\s*nam)?|nguon\s*kinh\s*phi"
     r"|du\s*toan|phan\s*theo\s*nguon", ("group", None)),
    (r"tong\s*(kinh\s*phi|cong|so|du\s*toan)|thanh\s*tien|tong", ("amount", None)),
    (r"kinh\s*phi", ("amount?", None)),
    (r"(nam\s*)?((19|20)\d{2})", ("year", None)),
]
_HEADER_RE = re.compile("|".join(f"(?P<w{i}>\\b(?:{p})\\b)" for i, (p, _r) in
                                 enumerate(_HEADER_WORDS)))


@dataclass
class _Spec:
    """The columns of a text table: which numeric columns, in printed order."""

    amounts: list[Col] = field(default_factory=list)
    has_unit: bool = False
    has_quantity: bool = False
    has_price: bool = False
    has_note: bool = False
    money_unit: str | None = None

    @property
    def optional(self) -> list[Col]:
        return ([("quantity", None, None)] if self.has_quantity else []) + \
            ([("unit_price", None, None)] if self.has_price else [])


def header_spec(text: str) -> _Spec:
    """The columns a table's header text names, in order."""
    spec = _Spec()
    for inner in re.findall(r"\(([^)]*)\)", text):
        spec.money_unit = spec.money_unit or money_unit(inner)
    folded = key(re.sub(r"\([^)]*\)", " ", text))
    words: list[tuple[str, object]] = []
    for match in _HEADER_RE.finditer(folded):
        name = next(g for g, v in match.groupdict().items() if v)
        role, detail = _HEADER_WORDS[int(name[1:])][1]
        if role == "year":
            detail = int(YEAR_RE.search(match.group(0)).group(1))
        words.append((role, detail))
    spec.has_unit = any(r == "unit" for r, _d in words)
    spec.has_quantity = any(r == "quantity" for r, _d in words)
    spec.has_price = any(r == "unit_price" for r, _d in words)
    spec.has_note = any(r == "note" for r, _d in words)
    spec.amounts = _amount_columns([(r, d) for r, d in words
                                    if r in {"amount", "amount?", "group", "year", "source"}])
    return spec


def _amount_columns(words: list[tuple[str, object]]) -> list[Col]:
    """Amount columns from the ordered amount words of a header."""
    columns: list[Col] = []
    i = 0
    while i < len(words):
        role, detail = words[i]
        nxt = words[i + 1][0] if i + 1 < len(words) else None
        if role == "group" or (role == "amount?" and nxt in {"amount", "amount?", "year"}) \
                or (role == "amount" and nxt in {"amount", "amount?"}):
            i += 1  # a label over the columns that follow
            continue
        if role in {"amount", "amount?"}:
            columns.append(TOTAL)
        elif role == "source":
            columns.append(("amount", None, detail))
        elif role == "year":
            block = [d for r, d in words[i:] if r == "year"]
            run = 0
            while i + run < len(words) and words[i + run][0] == "year":
                run += 1
            subs = [w for w in words[i + run:] if w[0] in {"amount", "amount?", "source"}]
            if subs and len(subs) % run == 0 and run > 0:
                m = len(subs) // run
                pattern = subs[:m]
                if subs == pattern * run and m > 1:
                    for year in block[:run]:
                        for sub_role, sub in pattern:
                            columns.append(("amount", year, sub if sub_role == "source" else None))
                    return columns
            columns += [("amount", y, None) for y in block[:run]]
            i += run
            continue
        i += 1
    return columns


@dataclass
class _TextRow:
    number: int
    code: str
    text: str


class TextReader:
    """Finds every appendix in a text; `style` is the number notation of the file."""

    def __init__(self, text: str, source: str, style: str):
        self.lines = text.splitlines()
        self.source, self.style = source, style
        self.document = BudgetDocument(source=source, number_style=style)
        self.tables = 0
        self.row_label = _("dòng %(n)s")

    def read(self) -> BudgetDocument:
        i, context = 0, {"code": "", "title": "", "unit": None, "unit_written": "",
                         "unit_line": "", "texts": []}
        while i < len(self.lines):
            raw = self.lines[i].strip()
            if HEADER_START_RE.match(raw) and self._header_end(i) is not None:
                i = self._table(i, context)
                context = {"code": "", "title": "", "unit": None, "unit_written": "",
                           "unit_line": "", "texts": []}
                continue
            if raw:
                self._context(raw, context)
            i += 1
        _attach_stated_budgets(self.document, "\n".join(self.lines))
        return self.document

    def _context(self, raw: str, context: dict) -> None:
        if heading := appendix_heading(raw):
            context.update(code=heading, title="", texts=[])
        elif (found := unit_line(raw)) is not None:
            context.update(unit=found[0], unit_written=found[1], unit_line=raw)
        elif context["code"] and not context["title"] and not raw.startswith("("):
            context["title"] = raw
        else:
            context["texts"] = [*context["texts"][-5:], raw]

    # -- the header ----------------------------------------------------------------------
    def _header_end(self, start: int) -> int | None:
        """Index of the first line after the header beginning at `start` (None: not a header)."""
        text = ""
        for i in range(start, min(start + 25, len(self.lines))):
            raw = self.lines[i].strip()
            if i > start and raw and self._data_start(raw):
                return i if "noi dung" in key(text) or "hang muc" in key(text) else None
            text += " " + raw
        return None

    def _data_start(self, raw: str) -> bool:
        if COLUMN_NUMBERS_RE.match(raw):
            return True
        if is_total_text(_leading_words(raw)):
            return _leading_words(raw) != raw.strip()  # a total row has numbers
        first = raw.split()[0]
        code = parse_code(first)
        if code is None or YEAR_RE.fullmatch(first):
            return False
        rest = raw[len(first):].strip()
        return bool(rest) or code.style == "number"

    # -- one table -----------------------------------------------------------------------
    def _table(self, start: int, context: dict) -> int:
        end = self._header_end(start)
        header_text = " ".join(self.lines[i].strip() for i in range(start, end))
        spec = header_spec(header_text)
        self.tables += 1
        code = context["code"] or _("Bảng %(n)s") % {"n": self.tables}
        taken = {a.code for a in self.document.appendices}
        n = 2
        while code in taken:
            code, n = f"{context['code'] or code} ({n})", n + 1
        unit, unit_issue = self._money_unit(context, spec, code, start)
        builder = AppendixBuilder(code, style=self.style, money_unit=unit or STORED_UNIT,
                                  money_factor=money_factor(unit or STORED_UNIT),
                                  location=_("dòng %(n)s") % {"n": start + 1})
        if unit_issue:
            builder.issues.append(unit_issue)
        rows, i = self._rows(end, spec)
        for row in rows:
            builder.feed(self._raw(row, spec, builder))
        title = context["title"] or next((t for t in reversed(context["texts"])
                                          if re.search(r"(?i)dự toán|kinh phí", t)), "")
        years = sorted({c[1] for c in spec.amounts if c[1]})
        appendix = builder.finish(title=title, years=years, title_period=period_in(title))
        self.document.appendices.append(appendix)
        self.document.issues += builder.issues
        self.document.written_numbers += builder.written
        self.document.amount_slots += builder.slots
        return i

    def _money_unit(self, context: dict, spec: _Spec, code: str, start: int):
        where = _("dòng %(n)s") % {"n": start + 1}
        stated, header = context["unit"], spec.money_unit
        if context["unit_line"] and stated is None:
            return None, ParseIssue(code, "", where, _(
                "%(a)s: đơn vị tính “%(u)s” không phải đồng, nghìn đồng, triệu đồng hay tỷ đồng; "
                "chưa quy đổi được số tiền.") % {"a": code, "u": context["unit_written"]},
                check="money_unit", severity=WARNING)
        if stated and header and stated != header:
            return stated, ParseIssue(code, "", where, _(
                "%(a)s: dòng “Đơn vị tính” ghi %(s)s nhưng tiêu đề cột ghi %(h)s; đã dùng %(s)s.")
                % {"a": code, "s": stated, "h": header}, check="money_unit", severity=WARNING)
        if stated or header:
            return stated or header, None
        return None, ParseIssue(code, "", where, _(
            "%(a)s: không thấy đơn vị tính (dòng “Đơn vị tính: …” hoặc trong tiêu đề cột); đã coi "
            "là triệu đồng.") % {"a": code}, check="money_unit", severity=NOTICE, understood=True)

    def _rows(self, begin: int, spec: _Spec) -> tuple[list[_TextRow], int]:
        """Join the table's lines into rows, skipping repeated page headers, up to its end."""
        rows: list[_TextRow] = []
        last_number: list[int] | None = None
        after_group = True
        closed = False
        i = begin
        while i < len(self.lines):
            raw = self.lines[i].strip()
            if not raw:
                i += 1
                continue
            if appendix_heading(raw) or SIGNATURE_RE.match(raw):
                break
            if HEADER_START_RE.match(raw) and ("noi dung" in key(raw)
                                               or self._header_end(i) is not None):
                end = self._header_end(i)
                if end is None or header_spec(" ".join(self.lines[j] for j in range(i, end))
                                              ).amounts != spec.amounts:
                    break  # another table, or a header with no rows after it
                while rows and PAGE_NUMBER_RE.match(rows[-1].text) and not rows[-1].code:
                    rows.pop()
                i = end
                continue
            if COLUMN_NUMBERS_RE.match(raw) and not rows:
                i += 1
                continue
            if PAGE_NUMBER_RE.match(raw) and self._header_follows(i + 1):
                i += 1  # a page number before the header repeated on the next page
                continue
            if closed and not (raw.casefold().startswith(("ghi chú", "(*)", "*", "chú thích",
                                                          "lưu ý", "nguồn:"))
                               or source_of(_leading_words(raw.lstrip("-+ ")))):
                break
            if is_total_text(_leading_words(raw)) and self._numbers_follow(i, raw):
                rows.append(_TextRow(i + 1, "", raw))
                closed = any(r.code for r in rows)
                i += 1
                continue
            first = raw.split()[0]
            code = parse_code(first)
            if code is not None and not YEAR_RE.fullmatch(first):
                accept = False
                complete = bool(rows) and bool(rows[-1].code or rows[-1].text) \
                    and self._own_tail(rows[-1].text, spec)
                if code.style == "number":
                    parts = list(code.parts)
                    accept = (_follows(last_number, parts) or (after_group and parts == [1])
                              or (max(parts) <= 99
                                  and (self._own_tail(raw, spec) or complete)))
                    if accept:
                        last_number, after_group = parts, False
                elif code.style.startswith("bullet"):
                    accept = self._own_tail(raw, spec) or bool(source_of(raw)) or complete
                elif code.style == "lower" or first.endswith((".", ")")) or \
                        self._own_tail(raw, spec) or raw[len(first):].strip()[:1].isupper():
                    accept = True
                    after_group = code.style in {"roman", "upper"} or after_group
                if accept:
                    if code.style in {"roman", "upper"}:
                        after_group, last_number = True, None
                    rows.append(_TextRow(i + 1, first, raw[len(first):].strip()))
                    i += 1
                    continue
            if rows:
                rows[-1].text = f"{rows[-1].text} {raw}"
            else:
                rows.append(_TextRow(i + 1, "", raw))
            i += 1
        return rows, i

    def _numbers_follow(self, i: int, raw: str) -> bool:
        """A total row has numbers, on its line or wrapped onto the next one."""
        if _leading_words(raw) != raw.strip():
            return True
        j = i + 1
        while j < len(self.lines) and not self.lines[j].strip():
            j += 1
        return j < len(self.lines) and all(looks_numeric(t) for t in self.lines[j].split())

    def _header_follows(self, i: int) -> bool:
        while i < len(self.lines) and not self.lines[i].strip():
            i += 1
        return i < len(self.lines) and bool(HEADER_START_RE.match(self.lines[i].strip()))

    def _own_tail(self, raw: str, spec: _Spec) -> bool:
        tokens = raw.split()
        count = 0
        while tokens and looks_numeric(tokens[-1]):
            tokens.pop()
            count += 1
        return count >= max(len(spec.amounts), 1)

    def _raw(self, row: _TextRow, spec: _Spec, builder: AppendixBuilder) -> RawRow:
        location = self.row_label % {"n": row.number}
        text = row.text
        content_after = ""
        tokens = text.split()
        # the last run of numbers; words after it are a note or wrapped content
        end = len(tokens)
        while end > 0 and not looks_numeric(tokens[end - 1]):
            end -= 1
        startn = end
        while startn > 0 and looks_numeric(tokens[startn - 1]):
            startn -= 1
        run, head, trailing = tokens[startn:end], tokens[:startn], tokens[end:]
        if trailing and not spec.has_note:
            content_after = " ".join(trailing)
        unit = ""
        for width in (2, 1):
            word = " ".join(head[-width:]).casefold() if len(head) >= width else ""
            if word in MEASURE_UNITS and run and not (
                    row.code in {"", "-", "+", "*", "•"} and source_of(" ".join(head))):
                unit = " ".join(head[-width:])
                head = head[:-width]
                break
        raw = RawRow(code=row.code, content=" ".join([*head, content_after]).strip(), unit=unit,
                     location=location)
        n_amounts = len(spec.amounts)
        optional = spec.optional if (unit or not spec.has_unit) else []
        if not run:
            return raw
        if len(run) < n_amounts:
            label = row.code or "Tổng cộng"
            builder.issue(_("%(a)s, dòng %(line)s (%(location)s): chỉ đọc được %(k)s số, cần %(n)s "
                            "(%(cols)s); dòng này chưa được đọc đủ.") % {
                "a": builder.code, "line": label, "location": location, "k": len(run),
                "n": n_amounts, "cols": ", ".join(_col_name(c) for c in spec.amounts)},
                line=label, location=location, check="partial_row", severity=WARNING)
            return raw
        extra = len(run) - n_amounts - len(optional)
        if extra > 0:
            spill, run = run[:extra], run[extra:]
            if _content_numbers(head, spill):
                raw.content = " ".join([*head, *spill, content_after]).strip()
            else:
                label = row.code or "Tổng cộng"
                builder.issue(_("%(a)s, dòng %(line)s (%(location)s): thừa %(k)s số (%(nums)s) so "
                                "với các cột của bảng; chưa đọc được các số này.") % {
                    "a": builder.code, "line": label, "location": location, "k": extra,
                    "nums": " ".join(spill)}, line=label, location=location,
                    check="unplaced_row", severity=WARNING)
        k = len(run) - n_amounts
        columns = optional[:k] + spec.amounts
        for col, value in zip(columns, run, strict=True):
            raw.amounts[col] = value
        return raw


def _follows(previous: list[int] | None, candidate: list[int]) -> bool:
    """A number code can follow the last one: its first child, or the next sibling of it or of
    one of its ancestors."""
    if previous is None:
        return candidate == [1]
    if candidate == [*previous, 1]:
        return True
    return any(candidate == [*previous[:depth - 1], previous[depth - 1] + 1]
               for depth in range(1, len(previous) + 1))


def _leading_words(raw: str) -> str:
    """The words of a line before its numbers (“Tổng cộng 6.370 881” → “Tổng cộng”)."""
    tokens = raw.split()
    while tokens and looks_numeric(tokens[-1]):
        tokens.pop()
    return " ".join(tokens)


def _content_numbers(head: list[str], spill: list[str]) -> bool:
    """Numbers that end the content: a period or year (“giai đoạn 2021 - 2025”)."""
    if all(YEAR_RE.fullmatch(s) for s in spill):
        return True
    tail = " ".join(head[-3:]).casefold()
    return bool(re.search(r"(giai đoạn|năm|từ|đến|-|–)$", tail))


def _col_name(col: Col) -> str:
    from .assemble import column_label
    return column_label(col)


def read_text(text: str, source: str = "", style: str = "vn") -> BudgetDocument:
    document = TextReader(text, source, style).read()
    if not document.appendices:
        document.issues.append(no_appendix_issue(source))
    return document


def numeric_tokens(text: str) -> list[str]:
    return [t for t in text.split() if looks_numeric(t)]


def _attach_stated_budgets(document: BudgetDocument, text: str) -> None:
    """Take the phase budgets and the overall budget the plan's own text states."""
    flat = " ".join(text.split())
    by_code = {a.code.casefold(): a for a in document.appendices}
    for match in PHASE_BUDGET_RE.finditer(flat):
        appendix = by_code.get(" ".join(match.group(4).split()).casefold())
        if appendix is not None:
            appendix.stated_total = _safe_number(match.group(3), document.number_style)
    if match := PLAN_TOTAL_RE.search(flat):
        document.plan_total = _safe_number(match.group(1), document.number_style)


def _safe_number(raw: str, style: str) -> Decimal | None:
    try:
        return parse_number(raw, style=style)
    except MalformedNumber:
        return None
