"""Reading .xlsx (and checking .docx) files within stated limits, for every importer.

openpyxl's row iterator trusts the sheet's declared size: a 4,8 KB file that declares
`A1:XFD1048576` and holds one cell in its last row makes it yield a million rows padded to 16.384
columns. So the sheets are parsed here, streaming, from the cells actually present:

- the file size, the total uncompressed size of the zip and the number of its parts are bounded
  before anything is parsed; any XML part that declares a DTD or entities is refused, and the XML
  is parsed with defusedxml (no entity expansion) — a billion-laughs or malformed-DTD sheet is a
  clean error;
- rows, columns and cells are counted as they are read and refused past the limits of the
  `NSCL_SPREADSHEET_LIMITS` setting, the limit named in the message;
- a numeric cell becomes a `Decimal` of its stored text (`<v>1E400</v>` is a huge finite number
  that the number bounds then refuse, never Infinity); a date- or time-formatted cell becomes a
  `datetime`/`time`/`timedelta`; a formula keeps its stored value and says when it has none;
  hidden rows and sheets and merged ranges are reported, not lost.

Every failure is a `SpreadsheetError` whose message is Vietnamese and names the sheet.
"""

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation, localcontext
from io import BytesIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel

from .numbers import format_vn_number

DEFAULT_LIMITS = {
    "max_bytes": 5 * 1024 * 1024,
    "max_uncompressed_bytes": 60 * 1024 * 1024,
    "max_parts": 2000,
    "max_rows": 100_000,
    "max_columns": 200,
    "max_cells": 1_000_000,
}
_HEAD = 4096  # a DTD must come before the root element: the head of each part is enough


class SpreadsheetError(ValueError):
    """A file that cannot be read, or is larger than the limits; the message is for the user."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_uncompressed_bytes: int
    max_parts: int
    max_rows: int
    max_columns: int
    max_cells: int

    @classmethod
    def from_settings(cls, **overrides) -> "Limits":
        values = dict(DEFAULT_LIMITS)
        values.update(getattr(settings, "NSCL_SPREADSHEET_LIMITS", {}) or {})
        values.update(overrides)
        return cls(**{k: int(values[k]) for k in DEFAULT_LIMITS})


@dataclass(slots=True)
class Cell:
    """A cell as stored: its value, and for a formula its text and whether a value was stored."""

    value: object = None
    formula: str = ""
    error: bool = False  # an Excel error value such as #REF!

    @property
    def formula_without_value(self) -> bool:
        return bool(self.formula) and self.value is None


@dataclass(slots=True)
class SheetRow:
    number: int  # the row number in the sheet, 1-based
    cells: dict[int, Cell]  # by column, 1-based; only the cells present
    hidden: bool = False

    @property
    def width(self) -> int:
        return max(self.cells, default=0)

    def values(self, width: int | None = None) -> list:
        width = self.width if width is None else width
        return [self.cells[c].value if c in self.cells else None for c in range(1, width + 1)]


@dataclass
class Sheet:
    name: str
    visible: bool = True
    rows: list[SheetRow] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2

    @property
    def width(self) -> int:
        return max((r.width for r in self.rows), default=0)


def cell_name(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def cell_text(value) -> str:
    """A cell shown as text: numbers without a spurious `.0`, dates dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal | int | float):
        try:
            number = Decimal(str(value)) if not isinstance(value, Decimal) else value
            if number == number.to_integral_value() and abs(number) < Decimal("1e21"):
                return str(int(number))
            return f"{number:f}"
        except (InvalidOperation, ValueError, OverflowError):
            return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != dt.time() else \
            value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _limit(what: str, limit: int, label: str) -> SpreadsheetError:
    return SpreadsheetError(_(
        "Tệp “%(name)s” vượt giới hạn %(what)s (tối đa %(limit)s). Hãy bỏ bớt hoặc chia thành "
        "nhiều tệp.") % {"name": label, "what": what, "limit": format_vn_number(limit)})


def open_office_zip(content: bytes, *, label: str, kind: str, limits: Limits) -> zipfile.ZipFile:
    """The zip of an .xlsx or .docx, checked for size, number of parts and DTDs before parsing."""
    if len(content) > limits.max_bytes:
        raise _limit(_("kích thước tệp"), limits.max_bytes, label)
    not_readable = SpreadsheetError(_("Tệp “%(name)s” không phải là %(kind)s đọc được.")
                                    % {"name": label, "kind": kind})
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise not_readable from exc
    if len(infos) > limits.max_parts:
        raise _limit(_("số phần trong tệp nén"), limits.max_parts, label)
    if sum(i.file_size for i in infos) > limits.max_uncompressed_bytes:
        raise _limit(_("dung lượng sau giải nén (byte)"), limits.max_uncompressed_bytes, label)
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as part:
                head = part.read(_HEAD).lower()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise SpreadsheetError(_("Tệp “%(name)s” bị hỏng: không đọc được phần %(part)s.")
                                   % {"name": label, "part": info.filename}) from exc
        if b"<!doctype" in head or b"<!entity" in head:
            raise SpreadsheetError(_(
                "Tệp “%(name)s” chứa khai báo DTD hoặc thực thể XML (phần %(part)s); tệp Excel, "
                "Word bình thường không có, nên tệp không được đọc.")
                % {"name": label, "part": info.filename})
    return archive


def read_workbook(content: bytes, *, label: str = "", limits: Limits | None = None,
                  first_sheet_only: bool = False) -> list[Sheet]:
    """Every sheet of an .xlsx file, bounded; SpreadsheetError for any file that cannot be read."""
    from openpyxl import load_workbook

    limits = limits or Limits.from_settings()
    label = label or _("bảng tính")
    archive = open_office_zip(content, label=label, kind=_("bảng tính Excel (.xlsx)"),
                              limits=limits)
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise SpreadsheetError(_("Tệp “%(name)s” không phải là bảng tính Excel (.xlsx) đọc được, "
                                 "hoặc đã bị hỏng.") % {"name": label}) from exc
    sheets, budget = [], _Budget(limits, label)
    try:
        for worksheet in workbook.worksheets:
            sheet = Sheet(name=worksheet.title,
                          visible=getattr(worksheet, "sheet_state", "visible") == "visible")
            path = getattr(worksheet, "_worksheet_path", None)
            if path is None:  # a chart sheet has no cells
                continue
            _parse_sheet(archive, path, sheet, workbook, budget)
            sheets.append(sheet)
            if first_sheet_only:
                break
    finally:
        workbook.close()
    return sheets


class _Budget:
    """Counts what has been read against the limits."""

    def __init__(self, limits: Limits, label: str):
        self.limits, self.label, self.rows, self.cells = limits, label, 0, 0

    def row(self) -> None:
        self.rows += 1
        if self.rows > self.limits.max_rows:
            raise _limit(_("số dòng"), self.limits.max_rows, self.label)

    def cell(self, column: int) -> None:
        self.cells += 1
        if column > self.limits.max_columns:
            raise _limit(_("số cột"), self.limits.max_columns, self.label)
        if self.cells > self.limits.max_cells:
            raise _limit(_("số ô"), self.limits.max_cells, self.label)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse_sheet(archive, path: str, sheet: Sheet, workbook, budget: _Budget) -> None:
    broken = SpreadsheetError(_("Trang tính “%(sheet)s” của tệp “%(name)s” bị hỏng, không đọc "
                                "được.") % {"sheet": sheet.name, "name": budget.label})
    try:
        source = archive.open(path.lstrip("/"))
    except KeyError as exc:
        raise broken from exc
    context = _Context(workbook)
    try:
        with source:
            for _event, element in iterparse(source, forbid_dtd=True, forbid_entities=True,
                                             forbid_external=True):
                tag = _local(element.tag)
                if tag == "row":
                    row = _row(element, context, budget)
                    element.clear()
                    if row.cells:
                        budget.row()
                        sheet.rows.append(row)
                elif tag == "mergeCell":
                    merge = _merge(element.get("ref", ""))
                    if merge:
                        sheet.merges.append(merge)
                elif tag == "sheetData":
                    element.clear()
    except SpreadsheetError:
        raise
    except (ParseError, DefusedXmlException, zipfile.BadZipFile, OSError, EOFError,
            ValueError, KeyError, IndexError) as exc:
        raise broken from exc


class _Context:
    def __init__(self, workbook):
        self.strings = workbook.shared_strings
        self.dates = getattr(workbook, "_date_formats", set()) or set()
        self.durations = getattr(workbook, "_timedelta_formats", set()) or set()
        self.epoch = workbook.epoch
        self.row = 0


def _row(element, context: _Context, budget: _Budget) -> SheetRow:
    number = int(element.get("r") or context.row + 1)
    context.row = number
    row = SheetRow(number=number, cells={},
                   hidden=element.get("hidden") in {"1", "true"})
    column = 0
    for c in element:
        if _local(c.tag) != "c":
            continue
        ref = c.get("r")
        if ref:
            letters, _number = coordinate_from_string(ref)
            column = column_index_from_string(letters)
        else:
            column += 1
        budget.cell(column)
        cell = _cell(c, context)
        if cell.value is not None or cell.formula:
            row.cells[column] = cell
    return row


def _cell(element, context: _Context) -> Cell:
    kind = element.get("t", "n")
    style = int(element.get("s", 0) or 0)
    raw, formula, inline = None, "", None
    for child in element:
        tag = _local(child.tag)
        if tag == "v":
            raw = child.text
        elif tag == "f":
            formula = "=" + (child.text or "")
        elif tag == "is":
            inline = "".join(t.text or "" for t in child.iter() if _local(t.tag) == "t")
    if kind == "inlineStr":
        return Cell(inline, formula)
    if raw is None:
        return Cell(None, formula)
    if kind == "s":
        return Cell(context.strings[int(raw)], formula)
    if kind == "b":
        return Cell(raw.strip() in {"1", "true"}, formula)
    if kind == "e":
        return Cell(raw, formula, error=True)
    if kind in {"str", "d"}:
        return Cell(raw, formula)
    try:
        number = _as_shown(Decimal(raw.strip()))
    except InvalidOperation:
        return Cell(raw, formula)
    if style in context.dates and number.is_finite():
        try:
            return Cell(from_excel(float(number), context.epoch,
                                   timedelta=style in context.durations), formula)
        except (OverflowError, ValueError):
            return Cell(raw, formula, error=True)
    return Cell(number, formula)


def _as_shown(number: Decimal) -> Decimal:
    """A stored double as Excel shows it, to 15 significant digits: `7.0000000000000007E-2` is
    0,07 — the float noise of a typed 0,07 must not break a sum."""
    if not number.is_finite() or len(number.as_tuple().digits) <= 15:
        return number
    with localcontext() as context:
        context.prec = 15
        return (+number).normalize()


def _merge(ref: str) -> tuple[int, int, int, int] | None:
    try:
        first, _sep, last = ref.partition(":")
        c1, r1 = coordinate_from_string(first)
        c2, r2 = coordinate_from_string(last or first)
        return r1, column_index_from_string(c1), r2, column_index_from_string(c2)
    except ValueError:
        return None
