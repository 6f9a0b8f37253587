"""Matching a file's column headers to fields, whatever their case, diacritics or language.

“Số lao động”, “SO LAO DONG”, “so_lao_dong” and “Workers” all name the same field; a unit in
brackets (“GRDP (tỷ đồng)”) or a trailing colon does not change the name.
"""

import re
from collections.abc import Iterable

from .text import search_key

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PUNCTUATION = re.compile(r"[^0-9a-z&% ]+")


def header_key(text) -> str:
    """`Kim ngạch xuất khẩu (triệu đồng):` → `kim ngach xuat khau`."""
    folded = search_key(_BRACKETS.sub(" ", str(text or "")))
    return " ".join(_PUNCTUATION.sub(" ", folded.replace("_", " ")).split())


def match_columns(header: Iterable, aliases: dict[str, Iterable[str]]) -> dict[str, int]:
    """The index of each field's column in `header`, by exact name first, then by a header that
    starts with one of the field's names. A column serves one field; unknown columns are left."""
    keys = [header_key(h) for h in header]
    wanted = {field: [header_key(n) for n in names] for field, names in aliases.items()}
    found: dict[str, int] = {}
    for exact in (True, False):
        for field, names in wanted.items():
            if field in found:
                continue
            for index, key in enumerate(keys):
                if not key or index in found.values():
                    continue
                if any(key == n if exact else key.startswith(n + " ") for n in names):
                    found[field] = index
                    break
    return found
