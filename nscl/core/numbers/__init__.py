"""The one number parser of every importer, and the formatting of numbers.

- `reading`: Vietnamese (`1.234.567,5`) and international (`1,234,567.5`, `1234567.5`) notation,
  decided per file or column from unambiguous values (`NumberReader`), ASCII digits only;
- `bounds`: one bound per kind of quantity (money in đồng, counts, quantities, shares, GRDP);
- `formatting`: `6.370`, `95,79%`, never raising.

Budget appendices, the beneficiary registry, attendance sheets, unit submissions, productivity
series and EPCIS quantities all read numbers through `parse_number` / `NumberReader`.
"""

from .bounds import COUNT, GRDP, LABOUR, MONEY, QUANTITY, SHARE, Kind, check_bounds
from .errors import MalformedNumber, NumberOutOfRange
from .formatting import format_number, format_vn_number, format_vn_percent
from .notation import INTL, STYLE_LABELS, VN
from .reading import (
    Decision,
    NumberReader,
    decide,
    looks_numeric,
    parse_number,
    parse_vn_number,
    readings,
)

__all__ = [
    "COUNT", "GRDP", "INTL", "LABOUR", "MONEY", "QUANTITY", "SHARE", "STYLE_LABELS", "VN",
    "Decision", "Kind", "MalformedNumber", "NumberOutOfRange", "NumberReader", "check_bounds",
    "decide", "format_number", "format_vn_number", "format_vn_percent", "looks_numeric",
    "parse_number", "parse_vn_number", "readings",
]
