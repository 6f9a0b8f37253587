"""An administrative document in the layout of Decree 30/2020/NĐ-CP, Appendix I, written with
python-docx — the one writer of the consolidated report and of each unit's own report.

A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (Liberation
Serif, metric-compatible, where Times is absent); page numbers 13 pt centred in the top margin,
none on page 1. The header is a borderless two-column table: governing body (upper case 13),
issuing body (upper case 12 bold) with a short rule under it a third of its width, the number;
the national title (upper case 12 bold), the motto (13 bold) with a rule as long as it, place
and date (13 italic). Then "BÁO CÁO" and the subject (14 bold, a short rule below), the body
(14, justified, first-line indent 1,27 cm, 6 pt between paragraphs; parts in Roman numerals,
sections in Arabic), the closing "./.", and the closing block — "Nơi nhận:" (12 bold italic)
with one recipient a line (11) on the left, the signer's authority, title, space for the
signature and seal, and name on the right — kept whole on one page.

Tables fit their content (column widths from the longest word and the text of each column), the
header row repeats on every page and no row is split across pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from nscl.core.text import strip_controls

FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.5  # A4 210 mm − 30 − 15
FONT_FILES = [Path("/usr/share/fonts/truetype/liberation2"),
              Path("/usr/share/fonts/truetype/liberation")]
SIGNATURE_LINES = 6  # blank lines between the title and the name: the signature and the seal
CENTER, JUSTIFY, LEFT = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY,
                         WD_ALIGN_PARAGRAPH.LEFT)


def _month(day: dt.date) -> str:
    return f"{day.month:02d}" if day.month <= 2 else str(day.month)


def vn_date_line(place: str, day: dt.date) -> str:
    """`Quảng Ngãi, ngày 07 tháng 8 năm 2025`: leading zero for days < 10 and months 1–2."""
    return f"{place}, ngày {day.day:02d} tháng {_month(day)} năm {day.year}"


def doc_date(day: dt.date) -> str:
    """A date as a citation writes it: `31/7/2025`, `06/9/2023`, `14/02/2025`."""
    return f"{day.day:02d}/{_month(day)}/{day.year}"


@dataclass
class Header:
    governing_body: str  # "" for a body with none above it (a commune's People's Committee)
    issuing_body: str
    reference: str  # "301/BC-SKHCN"
    place: str
    date: dt.date


@dataclass
class DocTable:
    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)  # column indexes aligned right


@dataclass
class Block:
    """A heading, a paragraph or a table of the body, in order."""

    kind: str  # heading, paragraph, table, picture, note
    text: str = ""
    level: int = 0
    table: DocTable | None = None
    data: bytes = b""  # a picture (PNG)


@dataclass
class Letter:
    header: Header
    doc_type: str  # "BÁO CÁO"
    subject: str
    opening: str
    blocks: list[Block]
    closing: str  # the last sentence, ending "./."
    recipients: list[str]
    signer_authority: str
    signer_title: str
    signer_name: str
    # minutes (BIÊN BẢN) are signed by two: the secretary on the left (title, name) takes the
    # place of "Nơi nhận", the chair on the right
    left_signer: tuple[str, str] | None = None


# --- measuring text (for the short rules and the table columns) ----------------------------------

@lru_cache(maxsize=8)
def _font(bold: bool, size: float):
    from PIL import ImageFont

    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for folder in FONT_FILES:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), int(size * 20))
    return None


def text_width_cm(text: str, size: float, bold: bool = False) -> float:
    """The printed width of `text` in Times New Roman at `size` points."""
    font = _font(bold, size)
    if font is None:  # an estimate: half an em a character
        return len(text) * size * 0.5 / 72 * 2.54
    return font.getlength(text) / 20 / 72 * 2.54


# --- low-level writing ---------------------------------------------------------------------------

def _run(paragraph, text, size=14, bold=False, italic=False):
    run = paragraph.add_run(strip_controls(text))  # stored before inputs were cleaned
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _para(container, text="", size=14, bold=False, italic=False, align=None, after=0,
          before=0, indent=None, keep_next=False):
    paragraph = container.add_paragraph()
    if text:
        _run(paragraph, text, size, bold, italic)
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    if indent is not None:
        fmt.first_line_indent = indent
    if keep_next:
        fmt.keep_with_next = True
    return paragraph


def _first_para(cell, text, size, bold=False, italic=False, align=CENTER):
    paragraph = cell.paragraphs[0]
    _run(paragraph, text, size, bold, italic)
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _rule(container, width_cm: float, box_cm: float) -> None:
    """A short centred line `width_cm` long in a space `box_cm` wide: an empty 2 pt paragraph
    with a top border and indents (Word and LibreOffice draw borders between indents)."""
    paragraph = container.add_paragraph()
    side = max((box_cm - width_cm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Cm(side), Cm(side)
    fmt.space_before, fmt.space_after = Pt(1), Pt(2)
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    run = paragraph.add_run("")
    run.font.size = Pt(2)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _fixed_layout(table) -> None:
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _widths(table, widths_cm) -> None:
    """Fixed column widths (Word and LibreOffice both honour cell widths with autofit off)."""
    table.autofit = False
    _fixed_layout(table)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _row_flag(row, tag: str) -> None:
    """`w:cantSplit` (a row never split across pages) or `w:tblHeader` (repeated on each)."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{tag}")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _page_numbers(section) -> None:
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    run.font.name, run.font.size = FONT, Pt(13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


# --- the parts of the document -------------------------------------------------------------------

LEFT_CM, RIGHT_CM = 7.0, 9.5


def _header(doc, header: Header) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [LEFT_CM, RIGHT_CM])
    left, right = table.rows[0].cells
    issuing = header.issuing_body.upper()
    if header.governing_body:
        _first_para(left, header.governing_body.upper(), 13)
        _para(left, issuing, 12, bold=True, align=CENTER)
    else:
        _first_para(left, issuing, 12, bold=True)
    longest = max(text_width_cm(line, 12, True) for line in [issuing])
    _rule(left, min(longest, LEFT_CM) / 3, LEFT_CM)
    _para(left, f"Số: {header.reference}", 13, align=CENTER)
    _first_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    motto = "Độc lập - Tự do - Hạnh phúc"
    _para(right, motto, 13, bold=True, align=CENTER)
    _rule(right, text_width_cm(motto, 13, True), RIGHT_CM)
    _para(right, vn_date_line(header.place, header.date), 13, italic=True, align=CENTER,
          before=4)


def _title(doc, letter: Letter) -> None:
    _para(doc, "", 8)
    _para(doc, letter.doc_type, 14, bold=True, align=CENTER, keep_next=True)
    _para(doc, letter.subject, 14, bold=True, align=CENTER, keep_next=True)
    width = min(text_width_cm(letter.subject, 14, True), TEXT_WIDTH_CM)
    _rule(doc, max(width / 4, 2.5), TEXT_WIDTH_CM)
    _para(doc, "", 6)


def _styles(doc) -> dict:
    """Paragraph styles for the body, so a report of a hundred units' contributions writes its
    thousand paragraphs without formatting each run (python-docx is slow per element)."""
    made = {}
    for name, size, bold, italic, after, indent, keep in (
            ("NSCL Body", 14, False, False, 6, True, False),
            ("NSCL Heading", 14, True, False, 6, True, True),
            ("NSCL Subheading", 14, True, True, 6, True, True),
            ("NSCL Note", 12, False, True, 3, False, False)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.name, style.font.size = FONT, Pt(size)
        style.font.bold, style.font.italic = bold, italic
        fmt = style.paragraph_format
        fmt.alignment = JUSTIFY
        fmt.space_before, fmt.space_after = Pt(0), Pt(after)
        if indent:
            fmt.first_line_indent = Cm(1.27)
        fmt.keep_with_next = keep
        made[name] = style
    return made


def _styled(doc, text: str, style):
    """A paragraph of one run in `style`, written straight into the XML (python-docx's own
    `add_paragraph(text, style)` looks the style up through every style, each time)."""
    paragraph = doc.add_paragraph()
    paragraph._p.style = style.style_id
    run, node = OxmlElement("w:r"), OxmlElement("w:t")
    node.set(qn("xml:space"), "preserve")
    node.text = strip_controls(text)
    run.append(node)
    paragraph._p.append(run)
    return paragraph


def _body(doc, letter: Letter) -> None:
    styles = _styles(doc)
    body = styles["NSCL Body"]
    if letter.opening:
        _styled(doc, letter.opening, body)
    for block in letter.blocks:
        if block.kind == "heading":
            _styled(doc, block.text, styles["NSCL Subheading" if block.level == 2
                                            else "NSCL Heading"])
        elif block.kind == "paragraph":
            for line in block.text.splitlines():
                if line.strip():
                    _styled(doc, line.strip(), body)
        elif block.kind == "note":
            _styled(doc, block.text, styles["NSCL Note"])
        elif block.kind == "table" and block.table is not None:
            table(doc, block.table)
        elif block.kind == "picture":
            doc.add_picture(BytesIO(block.data), width=Cm(14))
            doc.paragraphs[-1].alignment = CENTER
    closing = _styled(doc, letter.closing, body)
    closing.paragraph_format.keep_with_next = True  # with the signer block


def column_widths(headers: list[str], rows: list[list[str]], total_cm: float = TEXT_WIDTH_CM,
                  size: float = 11) -> list[float]:
    """Widths that fit the content: every column at least its longest word (nothing is cut
    mid-word), each given its whole text on one line when the page allows, and otherwise the
    widest ones narrowed together (a common cap) so the short columns — numbers, units — keep
    their line and the long texts wrap."""
    n = len(headers)
    pad = 0.6  # the cell's own margins (0,19 cm a side) and a little air
    minimum, natural = [0.0] * n, [0.0] * n
    for index in range(n):
        texts = [headers[index]] + [r[index] for r in rows if index < len(r)]
        words = [w for t in texts for w in str(t).split()] or [""]
        minimum[index] = max(text_width_cm(w, size, True) for w in words) + pad
        natural[index] = max([text_width_cm(str(t), size) for t in texts[1:]] +
                             [text_width_cm(headers[index], size, True) / 3]) + pad
        natural[index] = max(natural[index], minimum[index])
    if sum(minimum) >= total_cm:
        return [total_cm * m / sum(minimum) for m in minimum]
    if sum(natural) <= total_cm:  # everything fits on one line: share the spare evenly
        spare = (total_cm - sum(natural)) / n
        return [w + spare for w in natural]
    low, high = 0.0, max(natural)
    for _step in range(40):  # the cap at which the columns fill the page exactly
        cap = (low + high) / 2
        used = sum(max(m, min(w, cap)) for m, w in zip(minimum, natural, strict=True))
        low, high = (cap, high) if used < total_cm else (low, cap)
    widths = [max(m, min(w, low)) for m, w in zip(minimum, natural, strict=True)]
    spare = total_cm - sum(widths)
    return [w + spare / n for w in widths]


def table(doc, data: DocTable) -> None:
    if data.title:
        _para(doc, data.title, 13, bold=True, italic=True, after=3, keep_next=True)
    rows = data.rows or [["—"] + [""] * (len(data.headers) - 1)]
    grid = doc.add_table(rows=1, cols=len(data.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = grid.rows[0]
    _row_flag(head, "tblHeader")
    _row_flag(head, "cantSplit")
    for cell, text in zip(head.cells, data.headers, strict=True):
        _first_para(cell, text, 11, bold=True)
    for row in rows:
        line = grid.add_row()
        _row_flag(line, "cantSplit")
        for n, (cell, text) in enumerate(zip(line.cells, row, strict=True)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if n in data.numeric else (
                CENTER if n == 0 else LEFT)
            _first_para(cell, str(text), 11, align=align)
    _widths(grid, column_widths(data.headers, rows))
    _para(doc, "", 6)


def _closing(doc, letter: Letter) -> None:
    block = doc.add_table(rows=1, cols=2)
    _no_borders(block)
    _widths(block, [7.0, 9.5])
    _row_flag(block.rows[0], "cantSplit")  # the signer block stays on one page
    left, right = block.rows[0].cells
    if letter.left_signer:
        title, name = letter.left_signer
        _first_para(left, title.upper(), 13, bold=True)
        for _blank in range(SIGNATURE_LINES):
            _para(left, "", 13)
        _para(left, name, 14, bold=True, align=CENTER)
    else:
        _first_para(left, "Nơi nhận:", 12, bold=True, italic=True, align=LEFT)
    lines = [line.strip(" -;.") for line in letter.recipients if line.strip(" -;.")]
    for n, line in enumerate(lines if not letter.left_signer else []):
        _para(left, f"- {line}{'.' if n == len(lines) - 1 else ';'}", 11, align=LEFT)
    first = True
    for text in (letter.signer_authority, letter.signer_title):
        if not text:
            continue
        if first:
            _first_para(right, text.upper(), 13, bold=True)
            first = False
        else:
            _para(right, text.upper(), 13, bold=True, align=CENTER)
    for _blank in range(SIGNATURE_LINES):
        _para(right, "", 13)
    _para(right, letter.signer_name, 14, bold=True, align=CENTER)


def write(letter: Letter) -> bytes:
    """The letter as a .docx."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(8)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    _page_numbers(section)
    _header(doc, letter.header)
    _title(doc, letter)
    _body(doc, letter)
    _closing(doc, letter)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
