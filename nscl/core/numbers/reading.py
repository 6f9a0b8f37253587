"""Reading a number the way it was written, in one of two notations, never by guessing silently.

Vietnamese notation groups thousands with a dot and marks decimals with a comma (`1.234.567,5`);
international notation does the opposite (`1,234,567.5`, or plain `1234567.5` as statistics
software writes it). Most values say which notation they use (`1.234.567`, `0,5`, `927547.5625`);
some do not (`1.234` is 1234 in one and 1,234 in the other). So the notation is decided once per
file or column from the values that are unambiguous (`decide`), and a file whose only clues are
ambiguous is read in Vietnamese notation with a note saying so (`NumberReader.notes`).

Only ASCII digits are digits: `²` or Arabic-Indic digits are not numbers here.
"""

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .bounds import Kind, check_bounds
from .errors import MalformedNumber
from .notation import INTL, STYLE_LABELS, VN

_PATTERNS = {
    VN: (re.compile(r"^[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?$"),
         re.compile(r"^[0-9]+(?:,[0-9]+)?$")),
    INTL: (re.compile(r"^[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?$"),
           re.compile(r"^[0-9]+(?:\.[0-9]+)?$")),
}
_DECIMAL_MARK = {VN: ",", INTL: "."}
_GROUP_MARK = {VN: ".", INTL: ","}
_SPACES = "\u00a0\u202f\u2009 \t"
_CURRENCY = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\s*$", re.IGNORECASE)  # i18n: pattern
_NUMERIC_TOKEN = re.compile(r"^-?[0-9.,]*[0-9][0-9.,]*$")


def looks_numeric(text: str) -> bool:
    """True for a token made only of ASCII digits, dots and commas (well formed or not)."""
    return bool(_NUMERIC_TOKEN.match(str(text).strip()))


def _clean(text: str) -> tuple[str, str]:
    raw = text.strip(_SPACES).replace("\u2212", "-")
    sign = ""
    if raw.startswith("-"):
        sign, raw = "-", raw[1:].strip(_SPACES)
    return sign, raw


def readings(text: str) -> dict[str, Decimal]:
    """Every notation `text` is valid in, with the value it means there."""
    sign, raw = _clean(text)
    found = {}
    for style, patterns in _PATTERNS.items():
        if any(p.match(raw) for p in patterns):
            plain = raw.replace(_GROUP_MARK[style], "").replace(_DECIMAL_MARK[style], ".")
            found[style] = Decimal(sign + plain)
    return found


def _finite_decimal(value, original) -> Decimal:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise MalformedNumber(original, "not_finite")
        return Decimal(repr(value))
    if not value.is_finite():
        raise MalformedNumber(original, "not_finite")
    return value


def parse_number(value, *, style: str = VN, kind: Kind | None = None, scale: Decimal | int = 1,
                 unit: str = "", money: bool = False) -> Decimal | None:
    """One value as a Decimal: None for an empty cell, MalformedNumber (or NumberOutOfRange)
    otherwise.

    Numbers that arrive as numbers (a spreadsheet cell) are taken as they are — through their
    shortest decimal text, so 0.1 stays 0.1 — but must be finite; a date or time is refused by
    name. `kind` bounds the value (its unit, named `unit`, is `scale` base units: 10⁶ đồng for
    triệu đồng); `money` also accepts a trailing “đ” or “đồng”.
    """
    number = _parse(value, style, money or (kind is not None and kind.money))
    if number is not None and kind is not None:
        check_bounds(number, kind, value, scale, unit)
    return number


def _parse(value, style: str, money: bool) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise MalformedNumber(str(value))
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return _date_refused(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float | Decimal):
        return _finite_decimal(value, value)
    text = str(value)
    if money and not text[-1:].isdigit():
        text = _CURRENCY.sub("", text)
    sign, raw = _clean(text)
    if raw in {"", "-", "–"} and not sign:
        return None
    if raw.isdigit() and raw.isascii():
        return Decimal(sign + raw)
    grouped, plain = _PATTERNS[style]
    if not (grouped.match(raw) or plain.match(raw)):
        raise MalformedNumber(text.strip())
    return Decimal(sign + raw.replace(_GROUP_MARK[style], "").replace(_DECIMAL_MARK[style], "."))


def _date_refused(value):
    shown = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
    raise MalformedNumber(shown, "date")


def parse_vn_number(text) -> Decimal | None:
    """Vietnamese notation (`6.370`, `95,79`), the default of every Vietnamese document."""
    return parse_number(text, style=VN)


@dataclass
class Decision:
    """The notation chosen for a file or column, and why."""

    style: str = VN
    decided: bool = False  # False: no unambiguous value, Vietnamese by default
    votes: dict[str, int] = field(default_factory=lambda: {VN: 0, INTL: 0})
    ambiguous: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # values only the other notation reads
    examples: dict[str, str] = field(default_factory=dict)


def decide(texts, *, integral: bool = False, default: str = VN) -> Decision:
    """Choose the notation of a set of written values from those only one notation reads.

    `integral`: the values are whole numbers (amounts in đồng, counts), so a reading with a
    fraction is not a reading (`1.234` can then only be 1234)."""
    decision = Decision(style=default)
    only: dict[str, list[str]] = {VN: [], INTL: []}
    for text in texts:
        if not isinstance(text, str) or text.isdigit() or not looks_numeric(text):
            continue  # digits alone read the same in both notations
        found = readings(text)
        if integral:
            found = {s: v for s, v in found.items() if v == v.to_integral_value()}
        if len(found) == 1:
            style = next(iter(found))
            only[style].append(text.strip())
        elif len(found) == 2 and found[VN] != found[INTL]:
            decision.ambiguous.append(text.strip())
    decision.votes = {s: len(v) for s, v in only.items()}
    decision.examples = {s: v[0] for s, v in only.items() if v}
    if only[VN] or only[INTL]:
        decision.decided = True
        decision.style = VN if len(only[VN]) >= len(only[INTL]) else INTL
        other = INTL if decision.style == VN else VN
        decision.conflicts = only[other]
    return decision


class NumberReader:
    """Reads the values of one file or column in the notation decided from all of them."""

    def __init__(self, texts=(), *, integral: bool = False, style: str | None = None):
        self.decision = decide(texts, integral=integral)
        if style is not None:
            self.decision.style, self.decision.decided = style, True
        self.style = self.decision.style

    def parse(self, value, **kwargs) -> Decimal | None:
        return parse_number(value, style=self.style, **kwargs)

    def notes(self) -> list[str]:
        """What a reader of the result must know: ambiguous values read by default, or two
        notations mixed in one file."""
        d = self.decision
        notes = []
        if not d.decided and d.ambiguous:
            example = d.ambiguous[0]
            others = (_(" (và %(n)s số khác)") % {"n": len(d.ambiguous) - 1}
                      if len(d.ambiguous) > 1 else "")
            notes.append(_(
                "“%(ex)s”%(others)s có thể đọc theo hai cách; không có số nào khác cho biết cách "
                "viết nên đã đọc theo cách Việt Nam: “%(ex)s” là %(value)s. Nếu tệp dùng dấu chấm "
                "thập phân, hãy ghi rõ (ví dụ 1,234.0) rồi nhập lại.") % {
                "ex": example, "others": others, "value": _spelled(readings(example)[VN])})
        if d.conflicts:
            notes.append(_(
                "Tệp dùng lẫn hai cách viết số: %(a)s số theo cách %(sa)s (như “%(ea)s”) và "
                "%(b)s số theo cách %(sb)s (như “%(eb)s”). Đã đọc theo cách %(sa)s; các số viết "
                "theo cách kia được báo là không hợp lệ.") % {
                "a": d.votes[d.style], "sa": STYLE_LABELS[d.style],
                "ea": d.examples.get(d.style, ""), "b": len(d.conflicts),
                "sb": STYLE_LABELS[INTL if d.style == VN else VN], "eb": d.conflicts[0]})
        return notes


def _spelled(value: Decimal) -> str:
    """A value said without either separator, so no notation can misread it."""
    whole, _dot, fraction = f"{abs(value):f}".partition(".")
    sign = "-" if value < 0 else ""
    if not fraction.strip("0"):
        return _("số nguyên %(n)s") % {"n": sign + whole}
    return _("số có phần nguyên %(n)s và phần thập phân %(f)s") % {"n": sign + whole,
                                                                   "f": fraction.rstrip("0")}
