"""Hand-made .xlsx files for tests and benchmarks: a minimal valid package around any sheet XML,
so a test can declare a giant dimension, plant a DTD, break a worksheet or store `1E400`."""

import zipfile
from io import BytesIO
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"



def _template() -> dict[str, bytes]:
    """The parts of a workbook saved by openpyxl whose style 1 is a date and style 2 a time."""
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"] = dt.date(2025, 1, 1)
    sheet["A1"].number_format = "DD/MM/YYYY"
    sheet["B1"] = dt.time(8, 30)
    sheet["B1"].number_format = "HH:MM"
    out = BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sheet_xml(rows_xml: str, *, dimension: str = "", head: str = "", tail: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{head}'
            f'<worksheet xmlns="{NS}">{dim}<sheetData>{rows_xml}</sheetData>{tail}</worksheet>')


def xlsx(sheet: str, strings: list[str] = ()) -> bytes:
    """The template workbook with `sheet` as its only worksheet (cells use inline strings, or the
    shared `strings` by index)."""
    parts = _template()
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    shared = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                     f'<sst xmlns="{NS}" count="{len(strings)}">{shared}</sst>'
                                     ).encode()
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def number(ref: str, value: str, style: int = 0) -> str:
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def dimension_bomb(column: str = "A") -> bytes:
    """Declares A1:XFD1048576 and holds one cell in the last row (issue 13: a 4,8 KB file)."""
    return xlsx(sheet_xml(f'<row r="1048576">{inline(f"{column}1048576", "x")}</row>',
                          dimension="A1:XFD1048576"))


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10))
    head = f"<!DOCTYPE worksheet [{entities}]>"
    return xlsx(sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                          head=head))


def malformed_dtd() -> bytes:
    return xlsx(sheet_xml('<row r="1">' + inline("A1", "x") + "</row>",
                          head='<!DOCTYPE worksheet [<!ENTITY a "unterminated>]>'))


def corrupt_sheet() -> bytes:
    """A valid zip and workbook whose worksheet XML is cut in the middle of a cell."""
    return xlsx('<?xml version="1.0"?><worksheet xmlns="' + NS + '"><sheetData><row r="1">'
                '<c r="A1" t="inlineStr"><is><t>Năm</t></is></c><c r="B1"><v>12')


def cells(rows: list[list[str]], **kwargs) -> bytes:
    """A sheet from rows of already-built cell XML."""
    body = "".join(f'<row r="{n}">{"".join(r)}</row>' for n, r in enumerate(rows, start=1))
    return xlsx(sheet_xml(body, **kwargs))


def huge_png(width: int = 12_000, height: int = 12_000) -> bytes:
    """A valid 1-bit greyscale PNG of width × height white-free pixels that compresses to a few
    kilobytes (12.000 × 12.000: about 17 KB) — decoded, it would take gigabytes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    squeeze = zlib.compressobj(9)
    body = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body)
            + chunk(b"IEND", b""))
