"""Writing .xlsx: every exporter appends its rows through `append_row`, the one place that
decides how a value becomes a cell.

- Text someone typed never becomes a live formula in the office's copy (formula injection):
  text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written as a text
  cell, marked "quote prefix" so that Excel and LibreOffice show it as typed and do not turn
  it into a formula when the cell is edited (openpyxl would store `=HYPERLINK(…)` as a formula).
- Control characters, which the format cannot carry (openpyxl refuses them, failing the whole
  export), are dropped (`core.text.strip_controls`): text stored before the input edge stripped
  them still exports.

Numbers, dates and empty cells are written as they are.
"""

from openpyxl.cell import WriteOnlyCell

from .text import strip_controls

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_value(sheet, value):
    """What to append for `value`: the value itself, or a text cell when it could be taken
    for a formula."""
    if not isinstance(value, str):
        return value
    text = strip_controls(value)
    if not text.startswith(FORMULA_STARTS):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # text, whatever openpyxl guessed from the leading "="
    cell.quotePrefix = True
    return cell


def append_row(sheet, values) -> None:
    """Append one row to `sheet` (a normal or a write-only worksheet), each value made safe."""
    sheet.append([cell_value(sheet, value) for value in values])
