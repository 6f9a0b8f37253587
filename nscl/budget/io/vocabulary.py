"""The words of budget appendices as provinces print them, recognised without diacritics or case.

Appendix headings (“Phụ lục I”, “PHỤ LỤC số 02”, “Biểu số 01/KH”), money units (“Đơn vị tính:
Triệu đồng”, “ĐVT: 1.000 đồng”), total rows (“Tổng cộng”, “Tổng số”, “Cộng”, “TỔNG”), funding
sources (“NSTW”, “Ngân sách tỉnh”, “Xã hội hóa”…), the names of the columns, and row codes of every
kind (I, A, 1, 1.1, a), “-”, “+”).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from nscl.core.text import search_key

from ..sheet import MONEY_UNITS


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    return search_key(text).replace("\u00a0", " ")


def key(text) -> str:
    """Folded text: no diacritics, lower case, single spaces."""
    return _key(str(text or ""))


# -- appendix headings ----------------------------------------------------------------------
_APPENDIX = re.compile(
    r"^\s*(phu\s*luc|bieu|mau)(\s+so)?\s*[:.]?\s*([ivxlc]+|\d{1,3}[a-z]?)(\s*/\s*[a-z0-9-]+)?"
    r"\s*[.:]?\s*$")
_APPENDIX_WORD = {"phu luc": "Phụ lục", "bieu": "Biểu", "mau": "Mẫu"}


def appendix_heading(text: str) -> str | None:
    """`PHỤ LỤC I` → `Phụ lục I`; `Biểu số 01/KH` → `Biểu số 01/KH`; anything else → None."""
    raw = " ".join(str(text or "").split())
    if not raw or raw[0] not in "PpBbMm" or len(raw) > 40:
        return None
    match = _APPENDIX.match(key(raw))
    if not match:
        return None
    word = _APPENDIX_WORD[" ".join(match.group(1).split())]
    number = match.group(3)
    number = number.upper() if re.fullmatch(r"[ivxlc]+", number) else number
    suffix = re.search(r"/\s*([A-Za-z0-9Đđ-]+)\s*[.:]?\s*$", raw)
    return (f"{word}{' số' if match.group(2) else ''} {number}"
            + (f"/{suffix.group(1)}" if match.group(4) and suffix else ""))


PERIOD_RE = re.compile(r"(?:giai\s+doan|nam|tu\s+nam)?\s*((?:19|20)\d{2})\s*(?:-|–|den)\s*"
                       r"((?:19|20)\d{2})")


def period_in(text: str) -> tuple[int, int] | None:
    match = PERIOD_RE.search(key(text).replace("–", "-"))
    if not match:
        return None
    first, last = int(match.group(1)), int(match.group(2))
    return (first, last) if first <= last <= first + 30 else None


# -- money units -----------------------------------------------------------------------------
_UNIT_LINE = re.compile(r"^\s*\(?\s*(don\s*vi\s*tinh\s*[:.]?|don\s*vi\s*:|dvt\s*[:.]?"
                        r"|d\.v\.t\s*[:.]?|unit\s*:)\s*(.+?)\s*\)?\s*$")
_UNITS = [
    (re.compile(r"^(ty|ti|billion)\s*(dong|vnd|d)?$"), "tỷ đồng"),
    (re.compile(r"^(trieu|tr\.?|trd|million)\s*(dong|vnd|d)?$|^trd$|^tr\.?d$"), "triệu đồng"),
    (re.compile(r"^(nghin|ngan|thousand)\s*(dong|vnd|d)?$|^1\.?000\s*(dong|d|vnd)$"),
     "nghìn đồng"),
    (re.compile(r"^(dong|vnd|d|vnđ)$"), "đồng"),
]


def money_unit(text: str) -> str | None:
    """`Triệu đồng` → `triệu đồng`; `1.000 đồng` → `nghìn đồng`; `USD` → None."""
    folded = key(text).strip(" .;:()")
    folded = re.sub(r"\s+", " ", folded)
    for pattern, unit in _UNITS:
        if pattern.match(folded):
            return unit
    return None


def unit_line(text: str) -> tuple[str | None, str] | None:
    """A line stating the money unit: (normalised unit or None when unknown, the unit as written).
    None when the line states no unit at all."""
    raw = " ".join(str(text or "").split())
    match = _UNIT_LINE.match(key(raw))
    if not match:
        return None
    written = re.split(r":", raw, maxsplit=1)[-1].strip(" .;()") if ":" in raw else \
        re.sub(r"^\(?\s*(?i:đơn\s*vị\s*tính|đơn\s*vị|đvt)\s*", "", raw).strip(" .;()")
    return money_unit(match.group(2)), written


def unit_in_header(text: str) -> str | None:
    """`Tổng kinh phí (triệu đồng)` → `triệu đồng`."""
    for inner in re.findall(r"\(([^)]*)\)", str(text or "")):
        found = money_unit(inner)
        if found:
            return found
    return None


# -- total rows ------------------------------------------------------------------------------
_TOTAL = re.compile(r"^(tong\s*cong|tong\s*so|tong\s*kinh\s*phi|tong|cong|grand\s*total|total)"
                    r"(\s*(kinh\s*phi|toan\s*bo|chung|ca\s*giai\s*doan|cac\s*muc))?"
                    r"(\s*(giai\s*doan\s*)?\d{4}\s*-\s*\d{4})?(\s*\([^)]*\))?[\s:.]*$")


def is_total_text(text: str) -> bool:
    text = (text or "").lstrip()
    if not text or text[0] not in "TtCcGg" or len(text) > 60:
        return False
    return bool(_TOTAL.match(key(text)))


# -- funding sources -------------------------------------------------------------------------
_NS = r"(ngan\s*sach\s*|ns\s*|von\s*|nguon\s*(von\s*)?|kinh\s*phi\s*)?"
_SOURCES = [
    ("trung_uong", re.compile(rf"^{_NS}(trung\s*uong|tw)$|^nstw$")),
    ("tinh", re.compile(rf"^{_NS}(cap\s*)?(tinh|dia\s*phuong|dp)$|^nsdp$|^nst$")),
    ("huyen_xa", re.compile(rf"^{_NS}(cap\s*)?(huyen|xa|huyen\s*,?\s*(va\s*|/\s*)?(cap\s*)?xa)$"
                            r"|^nsh$|^nsx$")),
    ("xa_hoi_hoa", re.compile(r"^(nguon\s*|von\s*|huy\s*dong\s*)?(xa\s*hoi\s*hoa|xhh)$")),
    ("doanh_nghiep", re.compile(r"^(von\s*|nguon\s*|kinh\s*phi\s*)?(cua\s*)?(doanh\s*nghiep|dn)"
                                r"(\s*doi\s*ung)?$|^(von\s*)?doi\s*ung(\s*(cua\s*)?(doanh\s*nghiep"
                                r"|dn))?$")),
    ("khac", re.compile(r"^(cac\s*)?(nguon|von|kinh\s*phi)(\s*von)?(\s*huy\s*dong)?(\s*hop"
                        r"\s*phap)?\s*khac$|^khac$")),
]


def source_of(text: str) -> str | None:
    """The funding source a header or sub-row names — the whole of it, not a word in a longer
    content: `NSTW` → `trung_uong`; `- Ngân sách tỉnh` → `tinh`; `Trong đó: Xã hội hóa` →
    `xa_hoi_hoa`; `Hỗ trợ doanh nghiệp` → None."""
    text = str(text or "")
    if len(text) > 80:
        return None
    folded = key(re.sub(r"\([^)]*\)", " ", text))
    folded = re.sub(r"^(trong\s*do\s*:?|chia\s*ra\s*:?|[-+*•]\s*)\s*", "", folded)
    folded = " ".join(folded.replace(",", " , ").split()).replace(" , ", ", ").strip(" :.;-")
    if not folded or len(folded) > 40:
        return None
    for name, pattern in _SOURCES:
        if pattern.match(folded):
            return name
    return None


def is_sources_marker(text: str) -> bool:
    """A row that only announces the split: “Trong đó:”, “Chia ra:”, “Nguồn kinh phí:”."""
    return key(text).strip(" :.") in {"trong do", "chia ra", "nguon kinh phi", "theo nguon",
                                      "phan theo nguon"}


# -- column headers --------------------------------------------------------------------------
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class HeaderWord:
    role: str  # code, content, unit, quantity, unit_price, amount, note, group, year, source


_ROLE_PATTERNS = [
    ("code", re.compile(r"^(s\s*)?tt$|^so\s*tt$|^stt$|^so\s*thu\s*tu$|^ma(\s*so)?$|^muc$"
                        r"|^no\.?$|^item\s*no\.?$|^code$")),
    ("content", re.compile(r"^(noi\s*dung|ten\s*(nhiem\s*vu|hoat\s*dong|cong\s*viec|muc)|hang\s*muc"
                           r"|danh\s*muc|content|description|activity|activities)(\s+\S+){0,3}$")),
    ("unit", re.compile(r"^(don\s*vi\s*tinh|dvt|don\s*vi|unit)$")),
    ("quantity", re.compile(r"^(so\s*luong|khoi\s*luong|sl|quantity|qty)")),
    ("unit_price", re.compile(r"^(don\s*gia|dinh\s*muc|muc\s*chi|unit\s*(price|cost))")),
    ("note", re.compile(r"^(ghi\s*chu|don\s*vi\s*(thuc\s*hien|chu\s*tri)|co\s*quan|thoi\s*gian"
                        r"|san\s*pham|ket\s*qua|can\s*cu|nguon\s*von\s*$|notes?$|remarks?$)")),
    ("group", re.compile(r"^(du\s*toan(\s*kinh\s*phi)?|kinh\s*phi\s*(thuc\s*hien|du\s*kien"
                         r"|theo\s*nam"
                         r"|phan\s*bo)|phan\s*ky|chia\s*ra|trong\s*do|chi\s*tiet|phan\s*theo"
                         r"|nguon\s*kinh\s*phi|co\s*cau\s*nguon|nhu\s*cau\s*kinh\s*phi|lo\s*trinh)")),
    ("amount", re.compile(r"^(tong\s*(cong|so|kinh\s*phi|du\s*toan|nhu\s*cau)?|thanh\s*tien"
                          r"|total(\s*(cost|amount|budget))?$|amount$|budget$|kinh\s*phi"
                          r"|cong|so\s*tien|gia\s*tri|tong\s*giai\s*doan)")),
]


def header_role(text: str) -> str | None:
    """What one header cell names: a column role, `year`, `source`, `group` or None."""
    folded = key(re.sub(r"\([^)]*\)", " ", str(text or "")))
    folded = folded.strip(" :.*")
    if not folded:
        return None
    if YEAR_RE.search(folded) and not period_in(folded) and len(folded) <= 20:
        return "year"
    if period_in(folded) and re.match(r"^(ca\s*)?giai\s*doan", folded):
        return "amount"
    if source_of(folded):
        return "source"
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(folded):
            return role
    return None


def year_of(text: str) -> int | None:
    folded = key(text)
    match = YEAR_RE.search(folded)
    return int(match.group(1)) if match and not period_in(folded) else None


# -- row codes -------------------------------------------------------------------------------
_ROMAN = re.compile(r"^(?=[IVXLC])(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_LOWER = "abcdđefghiklmnopqrstuvxy"
_BULLETS = {"-": "dash", "–": "dash", "—": "dash", "+": "plus", "*": "star", "•": "dot",
            "·": "dot", "o": "circle"}


@dataclass(frozen=True)
class Code:
    """A printed row code: its style family, depth in a dotted family, ordinal and shown text."""

    shown: str
    style: str  # roman, upper, lower, number, bullet:<kind>
    parts: tuple[int, ...] = ()  # numbers of a dotted code, or the ordinal of a single code
    letter: str = ""

    @property
    def ordinal(self) -> int | None:
        return self.parts[-1] if self.parts else None

    @property
    def depth(self) -> int:
        return max(len(self.parts) - 1, 0) if self.style == "number" else 0

    @property
    def level_key(self) -> str:
        return f"number:{self.depth}" if self.style == "number" else self.style

    @property
    def suffix(self) -> str:
        """What the code adds to its parent's label."""
        if self.style == "number":
            return str(self.parts[-1])
        return self.letter or self.shown


def roman_value(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < nxt else value
    return total


def parse_code(text) -> Code | None:
    """`II` `B.` `1` `1.2.3` `a)` `-` `+` → a Code; a word or a year → None."""
    raw = " ".join(str(text or "").split())
    if not raw or len(raw) > 12:
        return None
    if raw in _BULLETS:
        return Code(raw, f"bullet:{_BULLETS[raw]}")
    bare = raw.rstrip(".)").strip()
    if raw.startswith("("):
        bare = bare.lstrip("(")
    if re.fullmatch(r"\d{1,3}(\.\d{1,3})*", bare):
        pieces = bare.split(".")
        if any(p.startswith("0") for p in pieces):
            return None  # “20.00.000” is a malformed amount, “1.0” no code
        parts = tuple(int(p) for p in pieces)
        return Code(raw, "number", parts)
    if _ROMAN.match(bare) and bare:
        return Code(raw, "roman", (roman_value(bare),), bare)
    if re.fullmatch(r"[A-ZĐ]", bare):
        return Code(raw, "upper", (ord(bare) - 64 if bare != "Đ" else 4,), bare)
    if re.fullmatch(r"[a-zđ]", bare) and raw != bare:  # a lone lower-case letter needs “)” or “.”
        return Code(raw, "lower", (_LOWER.index(bare) + 1 if bare in _LOWER else 0,), bare)
    return None


def money_factor(unit: str) -> int:
    return MONEY_UNITS[unit]
